/**
 * How Jayway JsonPath prints paths and values in its messages, so that the texts AWS shows
 * after `Invalid path '<path>' : ` come out the same.
 */
import type { Json } from '../json.js';
import type { Step } from './syntax.js';

/**
 * A step as Jayway's `PathToken.getPathFragment()` prints it (used by `path.toString()`, hence in
 * `No results for path: $['a'][0]`): the name's quote as written, `\` and `'` escaped.
 */
export function fragment(step: Step): string {
  switch (step.kind) {
    case 'property':
      return `[${step.names.map((n) => step.quote + n.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + step.quote).join(',')}]`;
    case 'index':
      return `[${step.indexes.join(',')}]`;
    case 'slice':
      return `[${step.from ?? ''}:${step.to ?? ''}]`;
    case 'wildcard':
      return '[*]';
    case 'scan':
      return '..';
    case 'filter':
      return '[?]';
    case 'function':
      return `.${step.name}()`;
  }
}

/** `$` followed by the fragments of `steps` (Jayway's `CompiledPath.toString()`). */
export function pathString(steps: readonly Step[], from = 0, to = steps.length): string {
  let s = '$';
  for (let i = from; i < to; i++) s += fragment(steps[i] as Step);
  return s;
}

/** Fragments only (Jayway's `PathToken.toString()`: this token and the ones after it). */
export function tailString(steps: readonly Step[], from: number): string {
  let s = '';
  for (let i = from; i < steps.length; i++) s += fragment(steps[i] as Step);
  return s;
}

/**
 * A step as Jayway appends it to the "current path" while it evaluates (`['name']` always in
 * single quotes and not escaped, indexes as written); used in `Missing property in path …`.
 */
export function evalFragment(step: Step): string {
  if (step.kind === 'property') {
    return step.names.length === 1 ? `['${step.names[0]}']` : `[${step.names.map((n) => `'${n}'`).join(', ')}]`;
  }
  return fragment(step);
}

export function evalPathString(steps: readonly Step[], to: number): string {
  let s = '$';
  for (let i = 0; i < to; i++) s += evalFragment(steps[i] as Step);
  return s;
}

/**
 * The Java class Jayway names when a step meets a value of the wrong kind. Jayway's default
 * provider is json-smart, which reads integers as Integer/Long/BigInteger, decimals as Double,
 * arrays as net.minidev.json.JSONArray.
 */
export function javaClassName(value: Json): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'java.lang.String';
    case 'boolean':
      return 'java.lang.Boolean';
    case 'number':
      if (Number.isInteger(value)) {
        if (value >= -2147483648 && value <= 2147483647) return 'java.lang.Integer';
        if (Math.abs(value) < 2 ** 63) return 'java.lang.Long';
        return 'java.math.BigInteger';
      }
      return 'java.lang.Double';
    default:
      return Array.isArray(value) ? 'net.minidev.json.JSONArray' : 'net.minidev.json.JSONObject';
  }
}

export const JSON_PROVIDER = 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider';

/** A value as Java's `toString()` prints it in messages (strings bare, containers as JSON). */
export function javaToString(value: Json): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * A number as Jayway's filters see it in string comparisons: document numbers become
 * `new BigDecimal(number.toString())`; integers print as themselves.
 */
export function documentNumberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

/**
 * `new BigDecimal(text).toString()` for a number literal written in a filter (`5` -> `5`,
 * `5.0` -> `5.0`, `1e2` -> `1E+2`, `.5` -> `0.5`).
 */
export function bigDecimalText(text: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (m === null) return text;
  const sign = m[1] === '-' ? '-' : '';
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  const exponent = m[4] === undefined ? 0 : Number(m[4]);
  let digits = (intPart + fracPart).replace(/^0+/, '');
  if (digits === '') digits = '0';
  const signed = digits === '0' ? '' : sign;
  const scale = fracPart.length - exponent;
  const adjusted = -scale + (digits.length - 1);
  if (scale >= 0 && adjusted >= -6) {
    if (scale === 0) return signed + digits;
    const padded = digits.length <= scale ? '0'.repeat(scale - digits.length + 1) + digits : digits;
    const point = padded.length - scale;
    return `${signed}${padded.slice(0, point)}.${padded.slice(point)}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${signed}${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
}

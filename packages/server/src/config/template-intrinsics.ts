import { type At, child, configError, describeType } from './config-error.js';
import { cidrSubnets } from './cidr.js';
import { isRecord } from './document-checks.js';

/** `AWS::NoValue`: the property (or list item) it stands for is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** What the intrinsic functions need from the template being evaluated. */
export interface IntrinsicContext {
  /** Evaluates a value and every intrinsic inside it. */
  resolve(value: unknown, at: At): unknown;
  ref(name: string, at: At): unknown;
  getAtt(resource: string, attribute: string, at: At): unknown;
  condition(name: string, at: At): boolean;
  findInMap(map: string, top: string, second: string, at: At): unknown;
  importValue(name: string, at: At): unknown;
  /** A macro other than AWS::Include (which is expanded before evaluation). */
  transform(name: string, at: At): unknown;
  readonly region: string;
}

type Intrinsic = (args: unknown, at: At, cx: IntrinsicContext) => unknown;

/** `{ "Ref": … }` or `{ "Fn::X": … }`: an object with that single key. */
export function intrinsicCall(value: unknown): [name: string, args: unknown] | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  const name = keys[0];
  if (keys.length !== 1 || name === undefined || (name !== 'Ref' && !name.startsWith('Fn::'))) return undefined;
  return [name, value[name]];
}

const fail = (at: At, fn: string, rule: string): never => {
  throw configError('InvalidIntrinsic', at, { fn, rule });
};

function argumentList(args: unknown, at: At, fn: string, min: number, max = min): readonly unknown[] {
  if (!Array.isArray(args) || args.length < min || args.length > max) {
    fail(at, fn, `takes a list of ${min === max ? min : `${min} to ${max}`} arguments, not ${describeType(args)}`);
  }
  return args as readonly unknown[];
}

/** Scalars in string positions are written as text, as CloudFormation does (`Timeout: 30` → "30"). */
function text(value: unknown, at: At, fn: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fail(at, fn, `needs a string here, not ${describeType(value)}`);
}

function list(value: unknown, at: At, fn: string): readonly unknown[] {
  if (!Array.isArray(value)) return fail(at, fn, `needs a list here, not ${describeType(value)}`);
  return value;
}

/** A condition operand: `{ "Condition": name }` or a condition function. */
export function conditionValue(value: unknown, at: At, cx: IntrinsicContext): boolean {
  if (isRecord(value) && Object.keys(value).length === 1 && typeof value.Condition === 'string') {
    return cx.condition(value.Condition, child(at, 'Condition'));
  }
  const result = cx.resolve(value, at);
  if (typeof result !== 'boolean') {
    return fail(at, 'Condition', `needs a condition (Fn::Equals, Fn::And, Fn::Or, Fn::Not or { Condition: name }), not ${describeType(result)}`);
  }
  return result;
}

// CloudFormation compares after writing scalars as text: `!Equals [!Ref Count, 3]` holds for "3".
const comparable = (value: unknown): string =>
  JSON.stringify(value, (_key, entry: unknown) => (typeof entry === 'number' || typeof entry === 'boolean' ? String(entry) : entry));

const SUB_PLACEHOLDER = /\$\{([^}]*)\}/g;

/** The registry of intrinsic functions; a name missing here is reported as unknown. */
export const INTRINSICS: Readonly<Record<string, Intrinsic>> = {
  Ref: (args, at, cx) => cx.ref(text(args, at, 'Ref'), at),

  'Fn::GetAtt': (args, at, cx) => {
    // `[Resource, Attribute]`, or `Resource.Attribute` as SAM also accepts in long form.
    const parts = typeof args === 'string' ? [args.slice(0, args.indexOf('.')), args.slice(args.indexOf('.') + 1)] : argumentList(args, at, 'Fn::GetAtt', 2);
    const resource = text(parts[0], child(at, 0), 'Fn::GetAtt');
    if (typeof args === 'string' && !args.includes('.')) fail(at, 'Fn::GetAtt', `needs Resource.Attribute, not ${JSON.stringify(args)}`);
    return cx.getAtt(resource, text(cx.resolve(parts[1], child(at, 1)), child(at, 1), 'Fn::GetAtt'), at);
  },

  'Fn::Sub': (args, at, cx) => {
    const [template, variables] = Array.isArray(args) ? argumentList(args, at, 'Fn::Sub', 2) : [args, {}];
    if (typeof template !== 'string') fail(at, 'Fn::Sub', `needs a string template, not ${describeType(template)}`);
    if (!isRecord(variables)) return fail(child(at, 1), 'Fn::Sub', `needs an object of variables, not ${describeType(variables)}`);
    return (template as string).replace(SUB_PLACEHOLDER, (_whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`; // `${!Literal}` writes `${Literal}`
      const name = inner.trim();
      if (Object.hasOwn(variables, name)) return text(cx.resolve(variables[name], child(at, 1, name)), child(at, 1, name), 'Fn::Sub');
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) return text(cx.getAtt(name.slice(0, dot), name.slice(dot + 1), at), at, 'Fn::Sub');
      return text(cx.ref(name, at), at, 'Fn::Sub');
    });
  },

  'Fn::Join': (args, at, cx) => {
    const [delimiter, items] = argumentList(args, at, 'Fn::Join', 2);
    const values = list(cx.resolve(items, child(at, 1)), child(at, 1), 'Fn::Join');
    return values.map((item, index) => text(item, child(at, 1, index), 'Fn::Join')).join(text(delimiter, child(at, 0), 'Fn::Join'));
  },

  'Fn::Select': (args, at, cx) => {
    const [index, items] = argumentList(args, at, 'Fn::Select', 2);
    const position = Number(text(cx.resolve(index, child(at, 0)), child(at, 0), 'Fn::Select'));
    const values = list(cx.resolve(items, child(at, 1)), child(at, 1), 'Fn::Select');
    if (!Number.isInteger(position) || position < 0 || position >= values.length) {
      fail(at, 'Fn::Select', `index ${String(index)} is outside a list of ${values.length}`);
    }
    return values[position];
  },

  'Fn::Split': (args, at, cx) => {
    const [delimiter, source] = argumentList(args, at, 'Fn::Split', 2);
    return text(cx.resolve(source, child(at, 1)), child(at, 1), 'Fn::Split').split(text(delimiter, child(at, 0), 'Fn::Split'));
  },

  'Fn::If': (args, at, cx) => {
    const [name, whenTrue, whenFalse] = argumentList(args, at, 'Fn::If', 3);
    const holds = cx.condition(text(name, child(at, 0), 'Fn::If'), child(at, 0));
    return holds ? cx.resolve(whenTrue, child(at, 1)) : cx.resolve(whenFalse, child(at, 2));
  },

  'Fn::FindInMap': (args, at, cx) => {
    const parts = argumentList(args, at, 'Fn::FindInMap', 3, 4);
    const [map, top, second] = parts.slice(0, 3).map((part, index) => text(cx.resolve(part, child(at, index)), child(at, index), 'Fn::FindInMap'));
    const found = cx.findInMap(map ?? '', top ?? '', second ?? '', at);
    if (found !== undefined) return found;
    // The AWS::LanguageExtensions form: `[Map, Top, Second, { DefaultValue: … }]`.
    const fallback = parts[3];
    if (isRecord(fallback) && fallback.DefaultValue !== undefined) return cx.resolve(fallback.DefaultValue, child(at, 3, 'DefaultValue'));
    return fail(at, 'Fn::FindInMap', `Mappings has no ${map}.${top}.${second}`);
  },

  'Fn::Base64': (args, at, cx) => Buffer.from(text(cx.resolve(args, at), at, 'Fn::Base64'), 'utf8').toString('base64'),

  // A region's Availability Zones; us-east-1 has more, but three is what templates index into.
  'Fn::GetAZs': (args, at, cx) => {
    const region = text(cx.resolve(args, at), at, 'Fn::GetAZs') || cx.region;
    return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
  },

  'Fn::ImportValue': (args, at, cx) => cx.importValue(text(cx.resolve(args, at), at, 'Fn::ImportValue'), at),

  'Fn::Cidr': (args, at, cx) => {
    const parts = argumentList(args, at, 'Fn::Cidr', 3);
    const [block, count, bits] = parts.map((part, index) => text(cx.resolve(part, child(at, index)), child(at, index), 'Fn::Cidr'));
    const subnets = cidrSubnets(block ?? '', Number(count), Number(bits));
    return typeof subnets === 'string' ? fail(at, 'Fn::Cidr', subnets) : subnets;
  },

  'Fn::Transform': (args, at, cx) => cx.transform(isRecord(args) && typeof args.Name === 'string' ? args.Name : '?', at),

  'Fn::Equals': (args, at, cx) => {
    const [left, right] = argumentList(args, at, 'Fn::Equals', 2);
    return comparable(cx.resolve(left, child(at, 0))) === comparable(cx.resolve(right, child(at, 1)));
  },
  'Fn::Not': (args, at, cx) => !conditionValue(argumentList(args, at, 'Fn::Not', 1)[0], child(at, 0), cx),
  'Fn::And': (args, at, cx) => argumentList(args, at, 'Fn::And', 2, 10).every((item, index) => conditionValue(item, child(at, index), cx)),
  'Fn::Or': (args, at, cx) => argumentList(args, at, 'Fn::Or', 2, 10).some((item, index) => conditionValue(item, child(at, index), cx)),

  // AWS::LanguageExtensions functions that need nothing but the value.
  'Fn::ToJsonString': (args, at, cx) => JSON.stringify(cx.resolve(args, at)),
  'Fn::Length': (args, at, cx) => list(cx.resolve(args, at), at, 'Fn::Length').length,
};

import { getOwn, isJsonObject, type Json, type JsonObject } from '../json.js';
import { childLocation, type ValidationContext } from './context.js';
import { Messages } from './messages.js';
import type { QueryLanguage } from './query-language.js';

/**
 * Payload templates (JSONPath mode): a key ending in `.$` must hold a string — a path, context
 * path, variable or intrinsic call (spec §4). Whether that string parses is the JSONPath and
 * intrinsic modules' business; here only its type is checked. AWS reports a bad `.$` value at
 * the template field, not at the key [recorded: `… 'parsed.$' … at /States/IntrinsicEscape/Parameters`].
 *
 * The walk covers nested objects and objects inside arrays (spec §4) and uses an explicit stack
 * so that deeply nested data cannot exhaust the call stack.
 */
export function checkDynamicKeys(ctx: ValidationContext, template: Json | undefined, templateLocation: string): void {
  const stack: Json[] = template === undefined ? [] : [template];
  const seen = new Set<Json>();
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === undefined || value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i] as Json);
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const item = getOwn(value, key);
      if (item === undefined) continue;
      if (key.endsWith('.$') && typeof item !== 'string') ctx.schema(templateLocation, Messages.dynamicValue(key));
      else stack.push(item);
    }
  }
}

/** Checks a template field of `owner` when it is present and an object (JSONPath states only). */
export function checkTemplateField(
  ctx: ValidationContext,
  owner: JsonObject,
  field: string,
  at: string,
  language: QueryLanguage,
): void {
  const value = getOwn(owner, field);
  if (language === 'JSONPath' && isJsonObject(value)) checkDynamicKeys(ctx, value, childLocation(at, field));
}

const MAX_VARIABLE_NAME = 80;
/** Letters (any script), digits and `_`, not starting with a digit (spec §6). */
const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/**
 * `Assign` (spec §6): an object whose keys are variable names — starting with a letter or `_`,
 * at most 80 characters, no sub-paths (`x.y`, `x[0]`), not the reserved `states`. In JSONPath a
 * key may end in `.$` (its value is then evaluated and must be a string); in JSONata `.$` has no
 * meaning, so such a key is just an invalid name. Messages are [unverified]; they are reported
 * at the `Assign` field like the other template problems.
 */
export function checkAssign(ctx: ValidationContext, owner: JsonObject, at: string, language: QueryLanguage): void {
  const assign = getOwn(owner, 'Assign');
  if (assign === undefined) return;
  const location = childLocation(at, 'Assign');
  if (!isJsonObject(assign)) {
    ctx.schema(location, Messages.expectedType('OBJECT'));
    return;
  }
  for (const key of Object.keys(assign)) {
    const dynamic = language === 'JSONPath' && key.endsWith('.$');
    const name = dynamic ? key.slice(0, -2) : key;
    if (!VARIABLE_NAME.test(name) || name.length > MAX_VARIABLE_NAME) {
      ctx.schema(location, Messages.invalidVariableName(name));
    } else if (name === 'states') {
      ctx.schema(location, Messages.reservedVariableName(name));
    }
    const value = getOwn(assign, key);
    if (dynamic && typeof value !== 'string') ctx.schema(location, Messages.dynamicValue(key));
  }
  if (language === 'JSONPath') {
    // Values of plain keys may themselves be templates with `.$` keys.
    for (const key of Object.keys(assign)) {
      if (!key.endsWith('.$')) checkDynamicKeys(ctx, getOwn(assign, key), location);
    }
  }
}

import type { Json, JsonObject } from '../json.js';

/** A result that is no JSON value at all: a function. */
export const UNSUPPORTED: unique symbol = Symbol('unsupported result');

/**
 * The library's result as a JSON value. Arrays it builds carry bookkeeping flags (`sequence`,
 * `keepSingleton`…) and may hold functions or undefined; those arrays are rebuilt, every other
 * value is returned as it is (a value read from the input stays shared). A non-finite number
 * becomes the string JavaScript names it by, as AWS writes it (measured: `1/0` is "Infinity").
 * A function anywhere but the top is dropped, as JSON text would drop it.
 */
export function toJsonResult(value: unknown): Json | undefined | typeof UNSUPPORTED {
  if (isFunction(value)) return UNSUPPORTED;
  return clean(value);
}

function isFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  const marked = value as { _jsonata_lambda?: unknown; _jsonata_function?: unknown };
  return marked._jsonata_lambda === true || marked._jsonata_function === true;
}

function clean(value: unknown): Json | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'object':
      if (value === null) return null;
      return Array.isArray(value) ? cleanArray(value) : cleanObject(value as Record<string, unknown>);
    default:
      return undefined;
  }
}

/** Properties the library sets on the arrays it builds. */
const ARRAY_FLAGS = ['sequence', 'keepSingleton', 'outerWrapper', 'tupleStream', 'cons'];

function isFlagged(array: unknown[]): boolean {
  for (const flag of ARRAY_FLAGS) if (Object.prototype.hasOwnProperty.call(array, flag)) return true;
  return false;
}

function cleanArray(array: unknown[]): Json[] {
  let out: Json[] | undefined = isFlagged(array) ? [] : undefined;
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    const converted = isFunction(item) ? undefined : clean(item);
    if (out === undefined && converted !== item) out = array.slice(0, i) as Json[];
    if (out !== undefined && converted !== undefined) out.push(converted);
  }
  return out ?? (array as Json[]);
}

function cleanObject(object: Record<string, unknown>): JsonObject {
  let out: JsonObject | undefined;
  const keys = Object.keys(object);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = object[key];
    const converted = isFunction(item) ? undefined : clean(item);
    if (out === undefined && converted !== item) {
      out = {};
      for (let j = 0; j < i; j++) {
        const earlier = keys[j] as string;
        Object.defineProperty(out, earlier, { value: object[earlier], enumerable: true, writable: true, configurable: true });
      }
    }
    if (out !== undefined && converted !== undefined) {
      Object.defineProperty(out, key, { value: converted, enumerable: true, writable: true, configurable: true });
    }
  }
  return out ?? (object as JsonObject);
}

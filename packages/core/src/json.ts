/**
 * JSON values as the engine sees them. Values are never mutated after creation:
 * a state that changes data builds a new value and shares the untouched parts.
 */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property lookup: keys such as `__proto__` or `constructor` are plain keys. */
export function getOwn(object: JsonObject, key: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * Sets a key on a fresh object without invoking the `__proto__` setter, so that a key
 * named `__proto__` in data stays data.
 */
export function defineKey(object: JsonObject, key: string, value: Json): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/** Deep structural equality of JSON values (numbers compare numerically). */
export function jsonEquals(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEquals(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  for (const key of keysA) {
    if (!hasOwn(b, key) || !jsonEquals(a[key], b[key])) return false;
  }
  return true;
}

/** JSON text as AWS writes it: compact, no spaces. */
export function toJsonText(value: Json | undefined): string {
  return JSON.stringify(value === undefined ? null : value);
}

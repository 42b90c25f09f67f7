import { type At, child, configError, describeType } from './config-error.js';

/**
 * Typed reading of a parsed configuration document. Every check takes the value's place (`At`)
 * so that the error it throws names the file, the JSON path and the rule.
 */

export type Record_ = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectRecord(value: unknown, at: At, expected = 'an object'): Record_ {
  if (!isRecord(value)) throw configError('InvalidType', at, { expected, got: describeType(value) });
  return value;
}

export function expectList(value: unknown, at: At): readonly unknown[] {
  if (!Array.isArray(value)) throw configError('InvalidType', at, { expected: 'a list', got: describeType(value) });
  return value;
}

export function expectString(value: unknown, at: At): string {
  if (typeof value !== 'string') throw configError('InvalidType', at, { expected: 'a string', got: describeType(value) });
  return value;
}

export function expectNonEmptyString(value: unknown, at: At): string {
  const text = expectString(value, at);
  if (text.trim() === '') throw configError('InvalidValue', at, { rule: 'must not be empty' });
  return text;
}

export function expectBoolean(value: unknown, at: At): boolean {
  if (typeof value !== 'boolean') throw configError('InvalidType', at, { expected: 'true or false', got: describeType(value) });
  return value;
}

/** Numbers written as strings (`"30"`, what a template parameter yields) are accepted. */
export function expectInteger(value: unknown, at: At, min: number, max: number): number {
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw configError('InvalidType', at, { expected: 'an integer', got: describeType(value) });
  }
  if (number < min || number > max) throw configError('InvalidValue', at, { rule: `must be ${min} to ${max} (got ${number})` });
  return number;
}

/** One of a fixed set of words; `ignoreCase` accepts `post` for `POST` and answers the canonical form. */
export function expectOneOf<T extends string>(value: unknown, allowed: readonly T[], at: At, ignoreCase = false): T {
  const text = expectString(value, at);
  const found = allowed.find((option) => (ignoreCase ? option.toLowerCase() === text.toLowerCase() : option === text));
  if (found === undefined) throw configError('InvalidValue', at, { rule: `must be one of ${allowed.join(', ')} (got ${JSON.stringify(text)})` });
  return found;
}

/** Unknown keys are errors: a typo (`respones`) must not silently fall back to a default. */
export function checkKeys(record: Record_, allowed: readonly string[], at: At): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) throw configError('UnknownField', child(at, key), { allowed: allowed.join(', ') });
  }
}

export function requireKey(record: Record_, key: string, at: At): unknown {
  if (record[key] === undefined) throw configError('MissingField', at, { field: key });
  return record[key];
}

/** A map of names to scalars (environment variables, parameters): numbers and booleans become text. */
export function expectScalarMap(value: unknown, at: At): Readonly<Record<string, string>> {
  const record = expectRecord(value, at, 'an object of names to values');
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(record)) {
    if (typeof entry !== 'string' && typeof entry !== 'number' && typeof entry !== 'boolean') {
      throw configError('InvalidType', child(at, key), { expected: 'a string, number or boolean', got: describeType(entry) });
    }
    result[key] = String(entry);
  }
  return result;
}

export function expectStringList(value: unknown, at: At): readonly string[] {
  return expectList(value, at).map((item, index) => expectString(item, child(at, index)));
}

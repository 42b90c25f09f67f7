import { getOwn, hasOwn, isJsonObject, type Json, type JsonObject } from '../json.js';
import { childLocation, type ValidationContext } from './context.js';
import { Messages } from './messages.js';
import { isJsonataExpression, type QueryLanguage } from './query-language.js';

/**
 * Type and range checks for single fields. Each check reads the field from its owner, reports
 * at the field's own location (AWS points at the field: `/States/WaitUntil/Timestamp`,
 * `/States/M/MaxConcurrency` [recorded, measured]) and returns whether the value is usable for
 * further checks. An absent field passes: required-ness is checked separately.
 */

export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
}

export function checkString(ctx: ValidationContext, owner: JsonObject, field: string, at: string): boolean {
  const value = getOwn(owner, field);
  if (value === undefined || typeof value === 'string') return true;
  ctx.schema(childLocation(at, field), Messages.expectedType('STRING'));
  return false;
}

/** Paths (`InputPath`, `OutputPath`, `ResultPath`) may also be `null` (spec §3). */
export function checkStringOrNull(ctx: ValidationContext, owner: JsonObject, field: string, at: string): void {
  if (getOwn(owner, field) === null) return;
  checkString(ctx, owner, field, at);
}

export function checkBoolean(ctx: ValidationContext, owner: JsonObject, field: string, at: string): void {
  const value = getOwn(owner, field);
  if (value === undefined || typeof value === 'boolean') return;
  ctx.schema(childLocation(at, field), Messages.expectedType('BOOLEAN'));
}

export function checkObject(ctx: ValidationContext, owner: JsonObject, field: string, at: string): boolean {
  const value = getOwn(owner, field);
  if (value === undefined || isJsonObject(value)) return true;
  ctx.schema(childLocation(at, field), Messages.expectedType('OBJECT'));
  return false;
}

/** An object, or in JSONata a whole-string expression (Arguments, Output-like payloads). */
export function checkObjectOrExpression(
  ctx: ValidationContext,
  owner: JsonObject,
  field: string,
  at: string,
  language: QueryLanguage,
): void {
  const value = getOwn(owner, field);
  if (language === 'JSONata' && isJsonataExpression(value)) return;
  checkObject(ctx, owner, field, at);
}

/** An integer within range; in JSONata a `{% %}` expression is accepted instead (spec §2). */
export function checkInteger(
  ctx: ValidationContext,
  owner: JsonObject,
  field: string,
  at: string,
  range: NumberRange,
  language: QueryLanguage = 'JSONPath',
): void {
  const value = getOwn(owner, field);
  if (value === undefined) return;
  if (language === 'JSONata' && isJsonataExpression(value)) return;
  const location = childLocation(at, field);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    ctx.schema(location, Messages.expectedType('INTEGER'));
    return;
  }
  if (range.min !== undefined && value < range.min) ctx.schema(location, Messages.minimumInteger(range.min));
  if (range.max !== undefined && value > range.max) ctx.schema(location, Messages.maximumInteger(range.max));
}

/** A decimal number within range (`BackoffRate`, `ToleratedFailurePercentage`). */
export function checkDecimal(
  ctx: ValidationContext,
  owner: JsonObject,
  field: string,
  at: string,
  range: NumberRange,
  language: QueryLanguage = 'JSONPath',
): void {
  const value = getOwn(owner, field);
  if (value === undefined) return;
  if (language === 'JSONata' && isJsonataExpression(value)) return;
  const location = childLocation(at, field);
  if (typeof value !== 'number') {
    ctx.schema(location, Messages.expectedType('NUMBER'));
    return;
  }
  if (range.min !== undefined && value < range.min) ctx.schema(location, Messages.minimumDecimal(range.min));
  if (range.max !== undefined && value > range.max) ctx.schema(location, Messages.maximumDecimal(range.max));
}

export function checkEnum(
  ctx: ValidationContext,
  owner: JsonObject,
  field: string,
  at: string,
  values: readonly string[],
): void {
  const value = getOwn(owner, field);
  if (value === undefined || !checkString(ctx, owner, field, at)) return;
  if (!values.includes(value as string)) ctx.schema(childLocation(at, field), Messages.oneOfValues(values));
}

/**
 * Fields of which at most one may appear. AWS names the whole group [measured:
 * `There should only be one of the following fields: [MaxItems, MaxItemsPath]`] and points at
 * the first field present [measured: floci's test pins `/States/M/MaxConcurrency`].
 */
export function checkAtMostOne(ctx: ValidationContext, owner: JsonObject, fields: readonly string[], at: string): void {
  const present = fields.filter((field) => hasOwn(owner, field));
  const first = present[0];
  if (present.length > 1 && first !== undefined) ctx.schema(childLocation(at, first), Messages.onlyOneOf(fields));
}

/** Required fields, reported together at the owner [recorded: `These fields are required: [States, StartAt]` at `/`]. */
export function checkRequired(ctx: ValidationContext, owner: JsonObject, fields: readonly string[], at: string): void {
  const missing = fields.filter((field) => !hasOwn(owner, field));
  if (missing.length > 0) ctx.schema(at, Messages.fieldsRequired(missing));
}

/** A non-empty array; returns its items when it is one. */
export function checkNonEmptyArray(
  ctx: ValidationContext,
  owner: JsonObject,
  field: string,
  at: string,
): readonly Json[] | undefined {
  const value = getOwn(owner, field);
  if (value === undefined) return undefined;
  const location = childLocation(at, field);
  if (!Array.isArray(value)) {
    ctx.schema(location, Messages.expectedType('ARRAY'));
    return undefined;
  }
  if (value.length === 0) ctx.schema(location, Messages.minimumItems());
  return value;
}

/** Reports every field of `owner` outside `allowed` as `Field 'X' is not supported`, at the owner. */
export function checkKnownFields(
  ctx: ValidationContext,
  owner: JsonObject,
  allowed: readonly string[],
  at: string,
): void {
  for (const field of Object.keys(owner)) {
    if (!allowed.includes(field)) ctx.schema(at, Messages.fieldNotSupported(field));
  }
}

import { getOwn, isJsonObject, type Json, type JsonObject } from '../json.js';
import { childLocation, itemLocation, type ValidationContext } from './context.js';
import {
  checkDecimal,
  checkEnum,
  checkInteger,
  checkKnownFields,
  checkNonEmptyArray,
  checkRequired,
  checkString,
  checkStringOrNull,
} from './field-checks.js';
import { Messages } from './messages.js';
import { checkAssign } from './payload.js';
import type { QueryLanguage } from './query-language.js';
import { checkLanguageFields, type LanguageFields } from './state-fields.js';

const STATES_ALL = 'States.ALL';

const RETRIER_FIELDS = [
  'ErrorEquals',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'JitterStrategy',
  'Comment',
];

/** Catchers carry the state's language: `ResultPath` in JSONPath, `Output` in JSONata (spec §15). */
const CATCHER_FIELDS: LanguageFields = {
  both: ['ErrorEquals', 'Next', 'Comment', 'Assign'],
  jsonPath: ['ResultPath'],
  jsonata: ['Output'],
};

/**
 * `Retry` (spec §15): a list of retriers. Ranges are asl-semantics.md §15's: IntervalSeconds
 * 1..99,999,999, MaxAttempts 0..99,999,999, BackoffRate ≥ 1.0, MaxDelaySeconds 1..31,622,401,
 * JitterStrategy FULL|NONE. Retrier fields are literals in both languages (AWS does not read
 * `{% %}` in Retry [measured: floci-io/floci lists Retry among the fields it never parses]).
 */
export function checkRetry(ctx: ValidationContext, state: JsonObject, at: string): void {
  const retriers = checkArrayField(ctx, state, 'Retry', at);
  if (retriers === undefined) return;
  const listLocation = childLocation(at, 'Retry');
  retriers.forEach((retrier, index) => {
    const location = itemLocation(listLocation, index);
    if (!isJsonObject(retrier)) {
      ctx.schema(location, Messages.expectedType('OBJECT'));
      return;
    }
    checkKnownFields(ctx, retrier, RETRIER_FIELDS, location);
    checkRequired(ctx, retrier, ['ErrorEquals'], location);
    checkErrorEquals(ctx, retrier, location, 'Retry', index === retriers.length - 1);
    checkInteger(ctx, retrier, 'IntervalSeconds', location, { min: 1, max: 99_999_999 });
    checkInteger(ctx, retrier, 'MaxAttempts', location, { min: 0, max: 99_999_999 });
    checkDecimal(ctx, retrier, 'BackoffRate', location, { min: 1 });
    checkInteger(ctx, retrier, 'MaxDelaySeconds', location, { min: 1, max: 31_622_401 });
    checkEnum(ctx, retrier, 'JitterStrategy', location, ['FULL', 'NONE']);
    checkString(ctx, retrier, 'Comment', location);
  });
}

/**
 * `Catch` (spec §15): catchers with `ErrorEquals` and `Next` required. The `Next` target itself
 * is checked with the scope's other transitions.
 */
export function checkCatch(ctx: ValidationContext, state: JsonObject, at: string, language: QueryLanguage): void {
  const catchers = checkArrayField(ctx, state, 'Catch', at);
  if (catchers === undefined) return;
  const listLocation = childLocation(at, 'Catch');
  catchers.forEach((catcher, index) => {
    const location = itemLocation(listLocation, index);
    if (!isJsonObject(catcher)) {
      ctx.schema(location, Messages.expectedType('OBJECT'));
      return;
    }
    checkLanguageFields(ctx, catcher, CATCHER_FIELDS, language, location);
    checkRequired(ctx, catcher, ['ErrorEquals', 'Next'], location);
    checkErrorEquals(ctx, catcher, location, 'Catch', index === catchers.length - 1);
    checkString(ctx, catcher, 'Next', location);
    checkString(ctx, catcher, 'Comment', location);
    if (language === 'JSONPath') checkStringOrNull(ctx, catcher, 'ResultPath', location);
    checkAssign(ctx, catcher, location, language);
  });
}

/** Retry and Catch may be empty lists [unverified]; only their type is checked. */
function checkArrayField(
  ctx: ValidationContext,
  state: JsonObject,
  field: string,
  at: string,
): readonly Json[] | undefined {
  const value = getOwn(state, field);
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    ctx.schema(childLocation(at, field), Messages.expectedType('ARRAY'));
    return undefined;
  }
  return value;
}

/**
 * `ErrorEquals`: a non-empty list of error names; `States.ALL` must be its only element and may
 * only appear in the last retrier or catcher (spec "Error names").
 */
function checkErrorEquals(
  ctx: ValidationContext,
  owner: JsonObject,
  at: string,
  field: 'Retry' | 'Catch',
  isLast: boolean,
): void {
  const names = checkNonEmptyArray(ctx, owner, 'ErrorEquals', at);
  if (names === undefined) return;
  const location = childLocation(at, 'ErrorEquals');
  if (names.some((name) => typeof name !== 'string')) ctx.schema(location, Messages.expectedType('STRING'));
  if (!names.includes(STATES_ALL)) return;
  if (names.length > 1) ctx.schema(location, Messages.statesAllNotAlone());
  if (!isLast) ctx.schema(location, Messages.statesAllNotLast(field));
}


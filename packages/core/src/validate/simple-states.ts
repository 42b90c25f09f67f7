import { getOwn, hasOwn, isJsonObject, type JsonObject } from '../json.js';
import { childLocation, itemLocation, type ValidationContext } from './context.js';
import { checkAtMostOne, checkInteger, checkNonEmptyArray, checkRequired, checkString } from './field-checks.js';
import { Messages } from './messages.js';
import { isJsonataExpression, type QueryLanguage } from './query-language.js';
import { isRfc3339Timestamp } from './rfc3339.js';

/** Wait's four ways to say how long; only the first two exist in JSONata (spec §2). */
const WAIT_FIELDS: Record<QueryLanguage, readonly string[]> = {
  JSONPath: ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'],
  JSONata: ['Seconds', 'Timestamp'],
};

/**
 * Wait (spec §9): exactly one of its time fields. `Seconds` is an integer 0..99,999,999 (or a
 * JSONata expression). A literal `Timestamp` must be RFC 3339 — also when it looks like a
 * `{% %}` expression in a JSONPath state, where it is just a string [recorded].
 */
export function checkWait(ctx: ValidationContext, state: JsonObject, at: string, language: QueryLanguage): void {
  const fields = WAIT_FIELDS[language];
  const present = fields.filter((field) => hasOwn(state, field));
  if (present.length === 0) ctx.schema(at, Messages.oneOfRequired(fields));
  else checkAtMostOne(ctx, state, fields, at);

  checkInteger(ctx, state, 'Seconds', at, { min: 0, max: 99_999_999 }, language);
  if (language === 'JSONPath') {
    checkString(ctx, state, 'SecondsPath', at);
    checkString(ctx, state, 'TimestampPath', at);
  }
  const timestamp = getOwn(state, 'Timestamp');
  if (timestamp === undefined || !checkString(ctx, state, 'Timestamp', at)) return;
  if (language === 'JSONata' && isJsonataExpression(timestamp)) return;
  if (!isRfc3339Timestamp(timestamp as string)) ctx.schema(childLocation(at, 'Timestamp'), Messages.notRfc3339());
}

/**
 * Fail (spec §10): `Error` and `ErrorPath` exclude each other, as do `Cause` and `CausePath`
 * [asl-semantics.md §1; AWS refuses both at creation]. All four are strings (JSONPath values
 * may be paths or intrinsics, parsed elsewhere; JSONata values may be expressions).
 */
export function checkFail(ctx: ValidationContext, state: JsonObject, at: string, language: QueryLanguage): void {
  checkString(ctx, state, 'Error', at);
  checkString(ctx, state, 'Cause', at);
  if (language !== 'JSONPath') return;
  checkString(ctx, state, 'ErrorPath', at);
  checkString(ctx, state, 'CausePath', at);
  checkAtMostOne(ctx, state, ['Error', 'ErrorPath'], at);
  checkAtMostOne(ctx, state, ['Cause', 'CausePath'], at);
}

/**
 * Choice, structurally only: `Choices` is a non-empty list of rule objects, each top-level
 * rule names its `Next` [measured: `These fields are required: [Next]` at the rule], and
 * `Default` is a string. The rules' conditions belong to the choice module; whether the
 * targets exist is checked with the scope's transitions.
 */
export function checkChoice(ctx: ValidationContext, state: JsonObject, at: string): void {
  checkRequired(ctx, state, ['Choices'], at);
  checkString(ctx, state, 'Default', at);
  const rules = checkNonEmptyArray(ctx, state, 'Choices', at);
  if (rules === undefined) return;
  const listLocation = childLocation(at, 'Choices');
  rules.forEach((rule, index) => {
    const location = itemLocation(listLocation, index);
    if (!isJsonObject(rule)) {
      ctx.schema(location, Messages.expectedType('OBJECT'));
      return;
    }
    checkRequired(ctx, rule, ['Next'], location);
    checkString(ctx, rule, 'Next', location);
  });
}

import { getOwn, hasOwn, isJsonObject, type Json, type JsonObject } from '../json.js';
import { childLocation, type Scope, type ValidationContext } from './context.js';
import {
  checkAtMostOne,
  checkBoolean,
  checkEnum,
  checkObject,
  checkObjectOrExpression,
  checkString,
  checkStringOrNull,
} from './field-checks.js';
import { checkMap, checkParallel } from './nesting-states.js';
import { Messages } from './messages.js';
import { checkAssign, checkTemplateField } from './payload.js';
import { effectiveQueryLanguage, type QueryLanguage } from './query-language.js';
import { acceptsField, checkStateFields, isStateType, STATE_TYPES, type StateType } from './state-fields.js';
import { checkChoice, checkFail, checkWait } from './simple-states.js';
import { checkTask } from './task-state.js';

export const QUERY_LANGUAGES = ['JSONPath', 'JSONata'];

/**
 * Validates one state: its type, query language, allowed fields, transition fields, the
 * payload fields every type shares, then the type's own rules. Nested scopes (Parallel
 * branches, Map processors) are appended to `nested` for the caller to queue.
 */
export function checkState(ctx: ValidationContext, state: Json, at: string, nested: Scope[]): void {
  if (!isJsonObject(state)) {
    ctx.schema(at, Messages.expectedType('OBJECT'));
    return;
  }
  const type = getOwn(state, 'Type');
  if (type === undefined) {
    ctx.schema(at, Messages.fieldsRequired(['Type']));
    return;
  }
  if (!isStateType(type)) {
    if (checkString(ctx, state, 'Type', at)) ctx.schema(childLocation(at, 'Type'), Messages.oneOfValues(STATE_TYPES));
    return;
  }
  const language = effectiveQueryLanguage(state, ctx.machineLanguage);
  const downgraded = checkStateQueryLanguage(ctx, state, at);
  checkStateFields(ctx, state, type, language, at, downgraded);
  checkString(ctx, state, 'Comment', at);
  checkTransition(ctx, state, type, at);
  checkSharedPayloads(ctx, state, type, language, at);
  switch (type) {
    case 'Task':
      checkTask(ctx, state, at, language);
      break;
    case 'Wait':
      checkWait(ctx, state, at, language);
      break;
    case 'Fail':
      checkFail(ctx, state, at, language);
      break;
    case 'Choice':
      checkChoice(ctx, state, at);
      break;
    case 'Parallel':
      checkParallel(ctx, state, at, language, nested);
      break;
    case 'Map':
      checkMap(ctx, state, at, language, nested);
      break;
    case 'Pass':
    case 'Succeed':
      break;
  }
}

/**
 * A state's own `QueryLanguage`: one of the two spellings [measured: `Value should be one of
 * the following: [JSONPath, JSONata]` at `/States/X/QueryLanguage`], and never `JSONPath` in a
 * JSONata machine [recorded: the downgrade message, at the state]. Returns whether the state
 * downgrades.
 */
function checkStateQueryLanguage(ctx: ValidationContext, state: JsonObject, at: string): boolean {
  checkEnum(ctx, state, 'QueryLanguage', at, QUERY_LANGUAGES);
  const downgraded = ctx.machineLanguage === 'JSONata' && getOwn(state, 'QueryLanguage') === 'JSONPath';
  if (downgraded) ctx.schema(at, Messages.queryLanguageDowngrade());
  return downgraded;
}

const NO_TRANSITION: readonly StateType[] = ['Choice', 'Succeed', 'Fail'];

/**
 * `Next`/`End` (spec "Transitions"): every type but Choice, Succeed and Fail needs exactly one
 * of them (those three refuse both, which the field table reports). `End` only ends the state
 * when it is `true`. Messages for "both" follow AWS's only-one-of wording; "neither" is
 * [unverified].
 */
function checkTransition(ctx: ValidationContext, state: JsonObject, type: StateType, at: string): void {
  if (NO_TRANSITION.includes(type)) return;
  checkString(ctx, state, 'Next', at);
  checkBoolean(ctx, state, 'End', at);
  const hasNext = hasOwn(state, 'Next');
  const ends = getOwn(state, 'End') === true;
  if (hasNext && ends) checkAtMostOne(ctx, state, ['Next', 'End'], at);
  else if (!hasNext && !ends) ctx.schema(at, Messages.oneOfRequired(['Next', 'End']));
}

/**
 * The payload fields several types share. Only fields the state accepts in its language are
 * type-checked: a field of the wrong language was already reported once.
 */
function checkSharedPayloads(
  ctx: ValidationContext,
  state: JsonObject,
  type: StateType,
  language: QueryLanguage,
  at: string,
): void {
  const accepts = (field: string): boolean => hasOwn(state, field) && acceptsField(type, field, language);
  for (const path of ['InputPath', 'OutputPath', 'ResultPath']) {
    if (accepts(path)) checkStringOrNull(ctx, state, path, at);
  }
  for (const template of ['Parameters', 'ResultSelector']) {
    if (accepts(template) && checkObject(ctx, state, template, at)) {
      checkTemplateField(ctx, state, template, at, language);
    }
  }
  if (accepts('Arguments')) checkObjectOrExpression(ctx, state, 'Arguments', at, language);
  if (accepts('Assign')) checkAssign(ctx, state, at, language);
}

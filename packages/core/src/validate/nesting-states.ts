import { getOwn, hasOwn, isJsonObject, type JsonObject } from '../json.js';
import { childLocation, itemLocation, type Scope, type ValidationContext } from './context.js';
import {
  checkAtMostOne,
  checkDecimal,
  checkInteger,
  checkKnownFields,
  checkNonEmptyArray,
  checkObjectOrExpression,
  checkRequired,
  checkString,
  checkStringOrNull,
} from './field-checks.js';
import { checkItemBatcher, checkItemReader, checkProcessorConfig, checkResultWriter } from './map-distributed.js';
import { Messages, ValidationCode } from './messages.js';
import { checkTemplateField } from './payload.js';
import { isJsonataExpression, type QueryLanguage } from './query-language.js';
import { checkCatch, checkRetry } from './retry-catch.js';

/**
 * The two states that hold state machines of their own: Parallel (its branches) and Map (its
 * processor). Each nested machine is a closed scope, queued for validation after the scope
 * that holds it.
 *
 * A branch or processor is a small state machine: `StartAt`, `States`, `Comment`. It declares
 * no `QueryLanguage` of its own [measured: `Field 'QueryLanguage' is not supported` at
 * `/States/M/ItemProcessor`, floci-io/floci #2968], which the unknown-field rule reports.
 */
const SUB_MACHINE_FIELDS = ['StartAt', 'States', 'Comment'];

/**
 * Parallel (spec §13): `Branches` is a non-empty list of sub-machines, each a closed scope
 * queued for its own validation; Retry and Catch as for Task.
 */
export function checkParallel(
  ctx: ValidationContext,
  state: JsonObject,
  at: string,
  language: QueryLanguage,
  nested: Scope[],
): void {
  checkRequired(ctx, state, ['Branches'], at);
  const branches = checkNonEmptyArray(ctx, state, 'Branches', at);
  if (branches !== undefined) {
    const listLocation = childLocation(at, 'Branches');
    branches.forEach((branch, index) => {
      const location = itemLocation(listLocation, index);
      if (!isJsonObject(branch)) {
        ctx.schema(location, Messages.expectedType('OBJECT'));
        return;
      }
      checkKnownFields(ctx, branch, SUB_MACHINE_FIELDS, location);
      nested.push({ kind: 'branch', node: branch, location });
    });
  }
  checkRetry(ctx, state, at);
  checkCatch(ctx, state, at, language);
}

const PROCESSOR_FIELDS = [...SUB_MACHINE_FIELDS, 'ProcessorConfig'];

/**
 * Map (spec §14). The processor is `ItemProcessor` or the legacy `Iterator`, one of them and
 * not both; the legacy `Parameters` and `ItemSelector` exclude each other likewise. AWS accepts
 * a `ProcessorConfig` in a legacy `Iterator` too [recorded: four accepted conformance cases].
 *
 * Not refused for an INLINE Map: `ToleratedFailure*` [recorded: accepted on inline JSONata Maps]
 * and `ItemReader` [measured: floci pins "ItemReader without DISTRIBUTED is accepted at
 * definition time"]; `Label`, `ItemBatcher` and `ResultWriter` are treated alike for want of
 * evidence of a refusal. Their shape is checked in every mode.
 */
export function checkMap(
  ctx: ValidationContext,
  state: JsonObject,
  at: string,
  language: QueryLanguage,
  nested: Scope[],
): void {
  checkProcessor(ctx, state, at, nested);
  checkItems(ctx, state, at, language);
  checkLimits(ctx, state, at, language);
  checkLabel(ctx, state, at);
  checkItemReader(ctx, state, at, language);
  checkItemBatcher(ctx, state, at, language);
  checkResultWriter(ctx, state, at, language);
  checkRetry(ctx, state, at);
  checkCatch(ctx, state, at, language);
}

function checkProcessor(ctx: ValidationContext, state: JsonObject, at: string, nested: Scope[]): void {
  const fields = ['ItemProcessor', 'Iterator'];
  if (!fields.some((field) => hasOwn(state, field))) {
    ctx.schema(at, Messages.fieldsRequired(['ItemProcessor']));
    return;
  }
  checkAtMostOne(ctx, state, fields, at);
  for (const field of fields) {
    const processor = getOwn(state, field);
    if (processor === undefined) continue;
    const location = childLocation(at, field);
    if (!isJsonObject(processor)) {
      ctx.schema(location, Messages.expectedType('OBJECT'));
      continue;
    }
    checkKnownFields(ctx, processor, PROCESSOR_FIELDS, location);
    checkProcessorConfig(ctx, processor, location);
    nested.push({ kind: 'processor', node: processor, location });
  }
}

/** Which items, and how each becomes an iteration's input. */
function checkItems(ctx: ValidationContext, state: JsonObject, at: string, language: QueryLanguage): void {
  if (language === 'JSONPath') {
    checkStringOrNull(ctx, state, 'ItemsPath', at);
    // The legacy `Parameters` itself is checked with the other shared payload fields.
    checkAtMostOne(ctx, state, ['ItemSelector', 'Parameters'], at);
  } else {
    // `Items`: an array, an object [docs: AWS agent toolkit, 2026] or an expression.
    const items = getOwn(state, 'Items');
    if (items !== undefined && !Array.isArray(items) && !isJsonObject(items) && !isJsonataExpression(items)) {
      ctx.schema(childLocation(at, 'Items'), Messages.expectedType('ARRAY'));
    }
  }
  checkObjectOrExpression(ctx, state, 'ItemSelector', at, language);
  checkTemplateField(ctx, state, 'ItemSelector', at, language);
}

/**
 * Concurrency and failure tolerance: `MaxConcurrency` ≥ 0 with no upper bound [measured: floci
 * pins 9223372036854775807 as accepted]; `ToleratedFailureCount` ≥ 0; `ToleratedFailurePercentage`
 * 0.0..100.0 [measured wording]. Each excludes its `*Path` twin (JSONPath only).
 */
function checkLimits(ctx: ValidationContext, state: JsonObject, at: string, language: QueryLanguage): void {
  checkInteger(ctx, state, 'MaxConcurrency', at, { min: 0 }, language);
  checkInteger(ctx, state, 'ToleratedFailureCount', at, { min: 0 }, language);
  checkDecimal(ctx, state, 'ToleratedFailurePercentage', at, { min: 0, max: 100 }, language);
  if (language !== 'JSONPath') return;
  for (const field of ['MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage']) {
    checkString(ctx, state, `${field}Path`, at);
    checkAtMostOne(ctx, state, [field, `${field}Path`], at);
  }
}

const MAX_LABEL = 40;
/** Whitespace, brackets, wildcards and the docs' special characters; control characters are checked apart. */
const LABEL_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/u;

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/**
 * A Map's `Label` names its Map Runs: at most 40 characters, none of the characters the docs
 * forbid, unique in the machine (Distributed Map docs; AWS's codes INVALID_LABEL_NAME and
 * DUPLICATE_LABEL_NAME exist for this [docs: ValidateStateMachineDefinitionDiagnostic]).
 */
function checkLabel(ctx: ValidationContext, state: JsonObject, at: string): void {
  const label = getOwn(state, 'Label');
  if (label === undefined || !checkString(ctx, state, 'Label', at) || typeof label !== 'string') return;
  const location = childLocation(at, 'Label');
  const invalid = (message: string): void => ctx.schema(location, message, ValidationCode.InvalidLabelName);
  if (label.length === 0) invalid(Messages.labelEmpty());
  else if (label.length > MAX_LABEL) invalid(Messages.labelTooLong(label));
  else if (LABEL_FORBIDDEN.test(label) || hasControlCharacter(label)) invalid(Messages.labelInvalidCharacter(label));
  if (ctx.mapLabels.has(label)) ctx.schema(location, Messages.duplicateLabel(label), ValidationCode.DuplicateLabelName);
  else ctx.mapLabels.add(label);
}

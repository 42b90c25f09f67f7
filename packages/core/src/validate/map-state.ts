import { getOwn, hasOwn, isJsonObject, type JsonObject } from '../json.js';
import type { Scope, ValidationContext } from './context.js';
import {
  checkAtMostOne,
  checkDecimal,
  checkInteger,
  checkKnownFields,
  checkObject,
  checkObjectOrExpression,
  checkString,
  checkStringOrNull,
} from './field-checks.js';
import { childLocation } from './location.js';
import { checkItemBatcher, checkItemReader, checkProcessorConfig, checkResultWriter } from './map-distributed.js';
import { Messages } from './messages.js';
import { SUB_MACHINE_FIELDS } from './parallel-state.js';
import { checkTemplateField } from './payload.js';
import { isJsonataExpression, type QueryLanguage } from './query-language.js';
import { checkCatch, checkRetry } from './retry-catch.js';

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
  checkString(ctx, state, 'Label', at);
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
    checkAtMostOne(ctx, state, ['ItemSelector', 'Parameters'], at);
    if (checkObject(ctx, state, 'Parameters', at)) checkTemplateField(ctx, state, 'Parameters', at, language);
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

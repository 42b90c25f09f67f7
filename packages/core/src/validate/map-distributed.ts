import { getOwn, hasOwn, isJsonObject, type JsonObject } from '../json.js';
import { childLocation, type ValidationContext } from './context.js';
import {
  checkAtMostOne,
  checkEnum,
  checkInteger,
  checkKnownFields,
  checkObject,
  checkObjectOrExpression,
  checkRequired,
  checkString,
} from './field-checks.js';
import { Messages } from './messages.js';
import { checkTemplateField } from './payload.js';
import type { QueryLanguage } from './query-language.js';
import { checkLanguageFields, type LanguageFields } from './state-fields.js';

/**
 * The Distributed-Map configuration objects, checked for shape only (spec §14; distributed
 * execution itself is out of this engine's scope). Wording for the numeric limits is AWS's
 * [measured: floci-io/floci #3733 — `Minimum value is 0`, `ReaderConfig.MaxItems` has
 * `Maximum value is 100000000`, a `*Path` twin in JSONata gets the language message].
 */

/** `ProcessorConfig`: `Mode` INLINE|DISTRIBUTED, `ExecutionType` STANDARD|EXPRESS (required for DISTRIBUTED per the docs). */
export function checkProcessorConfig(ctx: ValidationContext, processor: JsonObject, at: string): void {
  const config = openObject(ctx, processor, 'ProcessorConfig', at);
  if (config === undefined) return;
  const location = childLocation(at, 'ProcessorConfig');
  checkKnownFields(ctx, config, ['Mode', 'ExecutionType'], location);
  checkEnum(ctx, config, 'Mode', location, ['INLINE', 'DISTRIBUTED']);
  checkEnum(ctx, config, 'ExecutionType', location, ['STANDARD', 'EXPRESS']);
  if (getOwn(config, 'Mode') === 'DISTRIBUTED') checkRequired(ctx, config, ['ExecutionType'], location);
}

const READER_FIELDS: LanguageFields = { both: ['Resource', 'ReaderConfig'], jsonPath: ['Parameters'], jsonata: ['Arguments'] };

/** `ItemReader`: a `Resource` string, optional `ReaderConfig`, and the request payload. */
export function checkItemReader(ctx: ValidationContext, state: JsonObject, at: string, language: QueryLanguage): void {
  const reader = openObject(ctx, state, 'ItemReader', at);
  if (reader === undefined) return;
  const location = childLocation(at, 'ItemReader');
  checkLanguageFields(ctx, reader, READER_FIELDS, language, location);
  checkRequired(ctx, reader, ['Resource'], location);
  checkString(ctx, reader, 'Resource', location);
  checkPayload(ctx, reader, location, language);
  const config = openObject(ctx, reader, 'ReaderConfig', location);
  if (config === undefined) return;
  // ReaderConfig carries format options this module does not enumerate; only MaxItems is checked.
  const configLocation = childLocation(location, 'ReaderConfig');
  checkInteger(ctx, config, 'MaxItems', configLocation, { min: 0, max: 100_000_000 }, language);
  if (language === 'JSONPath') {
    checkString(ctx, config, 'MaxItemsPath', configLocation);
    checkAtMostOne(ctx, config, ['MaxItems', 'MaxItemsPath'], configLocation);
  } else if (hasOwn(config, 'MaxItemsPath')) {
    ctx.schema(configLocation, Messages.wrongQueryLanguage('JSONata', 'MaxItemsPath', 'JSONPath'));
  }
}

const BATCHER_FIELDS: LanguageFields = {
  both: ['MaxItemsPerBatch', 'MaxInputBytesPerBatch', 'BatchInput'],
  jsonPath: ['MaxItemsPerBatchPath', 'MaxInputBytesPerBatchPath'],
  jsonata: [],
};

/** `ItemBatcher`: non-negative batch limits, each excluding its `*Path` twin, and `BatchInput`. */
export function checkItemBatcher(ctx: ValidationContext, state: JsonObject, at: string, language: QueryLanguage): void {
  const batcher = openObject(ctx, state, 'ItemBatcher', at);
  if (batcher === undefined) return;
  const location = childLocation(at, 'ItemBatcher');
  checkLanguageFields(ctx, batcher, BATCHER_FIELDS, language, location);
  for (const field of ['MaxItemsPerBatch', 'MaxInputBytesPerBatch']) {
    checkInteger(ctx, batcher, field, location, { min: 0 }, language);
    if (language === 'JSONPath') {
      checkString(ctx, batcher, `${field}Path`, location);
      checkAtMostOne(ctx, batcher, [field, `${field}Path`], location);
    }
  }
  checkObjectOrExpression(ctx, batcher, 'BatchInput', location, language);
  checkTemplateField(ctx, batcher, 'BatchInput', location, language);
}

const WRITER_FIELDS: LanguageFields = { both: ['Resource', 'WriterConfig'], jsonPath: ['Parameters'], jsonata: ['Arguments'] };

/** `ResultWriter`: optional `Resource`, `WriterConfig` object, and the request payload. */
export function checkResultWriter(ctx: ValidationContext, state: JsonObject, at: string, language: QueryLanguage): void {
  const writer = openObject(ctx, state, 'ResultWriter', at);
  if (writer === undefined) return;
  const location = childLocation(at, 'ResultWriter');
  checkLanguageFields(ctx, writer, WRITER_FIELDS, language, location);
  checkString(ctx, writer, 'Resource', location);
  checkObject(ctx, writer, 'WriterConfig', location);
  checkPayload(ctx, writer, location, language);
}

/** The request payload of a reader or writer: `Parameters` (JSONPath template) or `Arguments` (JSONata). */
function checkPayload(ctx: ValidationContext, owner: JsonObject, at: string, language: QueryLanguage): void {
  if (language === 'JSONPath') {
    if (checkObject(ctx, owner, 'Parameters', at)) checkTemplateField(ctx, owner, 'Parameters', at, language);
  } else {
    checkObjectOrExpression(ctx, owner, 'Arguments', at, language);
  }
}

/** The field as an object when present and one; reports a non-object. */
function openObject(ctx: ValidationContext, owner: JsonObject, field: string, at: string): JsonObject | undefined {
  const value = getOwn(owner, field);
  if (value === undefined || !checkObject(ctx, owner, field, at)) return undefined;
  return isJsonObject(value) ? value : undefined;
}

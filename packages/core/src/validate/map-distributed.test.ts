import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { validateDefinition } from './validate-definition.js';

const DISTRIBUTED = { StartAt: 'P', ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, States: { P: { Type: 'Succeed' } } };
const map = (fields: JsonObject, top: JsonObject = {}): string[] =>
  validateDefinition({ StartAt: 'M', States: { M: { Type: 'Map', End: true, ItemProcessor: DISTRIBUTED, ...fields } }, ...top }).map(
    (d) => `${d.code}: ${d.message} @ ${d.pointer}`,
  );
const JSONATA = { QueryLanguage: 'JSONata' };

describe('ItemReader', () => {
  const reader = { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON', MaxItems: 10 }, Parameters: { Bucket: 'b', 'Key.$': '$.key' } };

  it('accepts a reader', () => {
    expect(map({ ItemReader: reader })).toEqual([]);
    expect(map({ ItemReader: { Resource: reader.Resource, Arguments: { Bucket: '{% $b %}' } } }, JSONATA)).toEqual([]);
  });

  it('checks its shape', () => {
    expect(map({ ItemReader: { ReaderConfig: { MaxItems: 100_000_001 }, Parameters: { 'Key.$': 1 }, Extra: 1 } })).toEqual([
      "SCHEMA_VALIDATION_FAILED: Field 'Extra' is not supported @ /States/M/ItemReader",
      'SCHEMA_VALIDATION_FAILED: These fields are required: [Resource] @ /States/M/ItemReader',
      "SCHEMA_VALIDATION_FAILED: The value for the field 'Key.$' must be a valid JSONPath or a valid intrinsic function call @ /States/M/ItemReader/Parameters",
      'SCHEMA_VALIDATION_FAILED: Maximum value is 100000000 @ /States/M/ItemReader/ReaderConfig/MaxItems',
    ]);
    expect(map({ ItemReader: 's3' })).toEqual(['SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] @ /States/M/ItemReader']);
  });

  it('refuses MaxItems with MaxItemsPath, and MaxItemsPath in JSONata', () => {
    expect(map({ ItemReader: { Resource: reader.Resource, ReaderConfig: { MaxItems: 1, MaxItemsPath: '$.n' } } })).toEqual([
      'SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [MaxItems, MaxItemsPath] @ /States/M/ItemReader/ReaderConfig/MaxItems',
    ]);
    expect(map({ ItemReader: { Resource: reader.Resource, ReaderConfig: { MaxItemsPath: '$.n' } } }, JSONATA)).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'MaxItemsPath' is only supported for the 'JSONPath' QueryLanguage @ /States/M/ItemReader/ReaderConfig",
    ]);
  });
});

describe('ItemBatcher', () => {
  it('accepts batch limits', () => {
    expect(map({ ItemBatcher: { MaxItemsPerBatch: 10, MaxInputBytesPerBatchPath: '$.b', BatchInput: { 'x.$': '$.x' } } })).toEqual([]);
  });

  it('checks the limits with AWS wording', () => {
    expect(map({ ItemBatcher: { MaxItemsPerBatch: -1, MaxItemsPerBatchPath: '$.n' } })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Minimum value is 0 @ /States/M/ItemBatcher/MaxItemsPerBatch',
      'SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [MaxItemsPerBatch, MaxItemsPerBatchPath] @ /States/M/ItemBatcher/MaxItemsPerBatch',
    ]);
    expect(map({ ItemBatcher: { MaxItemsPerBatchPath: '$.n' } }, JSONATA)).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'MaxItemsPerBatchPath' is only supported for the 'JSONPath' QueryLanguage @ /States/M/ItemBatcher",
    ]);
  });
});

describe('ResultWriter', () => {
  it('accepts a writer', () => {
    expect(map({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b' }, WriterConfig: { OutputType: 'JSON' } } })).toEqual([]);
  });

  it('checks its shape', () => {
    expect(map({ ResultWriter: { Resource: 1, WriterConfig: [], Arguments: {} } })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Arguments' is only supported for the 'JSONata' QueryLanguage @ /States/M/ResultWriter",
      'SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /States/M/ResultWriter/Resource',
      'SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] @ /States/M/ResultWriter/WriterConfig',
    ]);
  });
});

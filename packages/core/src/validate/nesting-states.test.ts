import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { validateDefinition } from './validate-definition.js';

const parallel = (fields: JsonObject, top: JsonObject = {}): string[] =>
  validateDefinition({ StartAt: 'P', States: { P: { Type: 'Parallel', End: true, ...fields } }, ...top }).map(
    (d) => `${d.code}: ${d.message} @ ${d.pointer}`,
  );
const branch = (name: string): JsonObject => ({ StartAt: name, States: { [name]: { Type: 'Succeed' } } });

describe('Parallel', () => {
  it('accepts branches with a comment', () => {
    expect(parallel({ Branches: [branch('A'), { ...branch('B'), Comment: 'b' }] })).toEqual([]);
  });

  it('needs a non-empty list of branch objects', () => {
    expect(parallel({})).toEqual(['SCHEMA_VALIDATION_FAILED: These fields are required: [Branches] @ /States/P']);
    expect(parallel({ Branches: [] })).toEqual(['SCHEMA_VALIDATION_FAILED: Minimum number of items is 1 @ /States/P/Branches']);
    expect(parallel({ Branches: [null] })).toEqual(['SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] @ /States/P/Branches[0]']);
  });

  it('refuses unknown branch fields, QueryLanguage included', () => {
    expect(parallel({ Branches: [{ ...branch('A'), QueryLanguage: 'JSONata', Next: 'x' }] })).toEqual([
      "SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported @ /States/P/Branches[0]",
      "SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported @ /States/P/Branches[0]",
    ]);
  });

  it('takes Parameters in JSONPath and Arguments in JSONata', () => {
    expect(parallel({ Branches: [branch('A')], Parameters: { 'x.$': '$' } })).toEqual([]);
    expect(parallel({ Branches: [branch('A')], Arguments: { x: '{% 1 %}' }, Output: 1 }, { QueryLanguage: 'JSONata' })).toEqual([]);
    expect(parallel({ Branches: [branch('A')], Arguments: {} })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Arguments' is only supported for the 'JSONata' QueryLanguage @ /States/P",
    ]);
  });

  it('validates the states inside each branch', () => {
    expect(parallel({ Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass' } } }] })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Exactly one of the following fields is required: [Next, End] @ /States/P/Branches[0]/States/A',
    ]);
  });
});

const map = (fields: JsonObject, top: JsonObject = {}): string[] =>
  validateDefinition({ StartAt: 'M', States: { M: { Type: 'Map', End: true, ...fields } }, ...top }).map(
    (d) => `${d.code}: ${d.message} @ ${d.pointer}`,
  );
const PROCESSOR = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
const JSONATA = { QueryLanguage: 'JSONata' };

describe('Map processor', () => {
  it('accepts ItemProcessor or the legacy Iterator, with a ProcessorConfig', () => {
    expect(map({ ItemProcessor: { ...PROCESSOR, ProcessorConfig: { Mode: 'INLINE' } } })).toEqual([]);
    expect(map({ Iterator: { ...PROCESSOR, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } } })).toEqual([]);
  });

  it('needs exactly one of them', () => {
    expect(map({})).toEqual(['SCHEMA_VALIDATION_FAILED: These fields are required: [ItemProcessor] @ /States/M']);
    expect(map({ ItemProcessor: PROCESSOR, Iterator: { StartAt: 'Q', States: { Q: { Type: 'Succeed' } } } })).toEqual([
      'SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [ItemProcessor, Iterator] @ /States/M/ItemProcessor',
    ]);
  });

  it('checks ProcessorConfig', () => {
    expect(map({ ItemProcessor: { ...PROCESSOR, ProcessorConfig: { Mode: 'PARALLEL', ExecutionType: 'FAST', Other: 1 } } })).toEqual([
      "SCHEMA_VALIDATION_FAILED: Field 'Other' is not supported @ /States/M/ItemProcessor/ProcessorConfig",
      'SCHEMA_VALIDATION_FAILED: Value should be one of the following: [INLINE, DISTRIBUTED] @ /States/M/ItemProcessor/ProcessorConfig/Mode',
      'SCHEMA_VALIDATION_FAILED: Value should be one of the following: [STANDARD, EXPRESS] @ /States/M/ItemProcessor/ProcessorConfig/ExecutionType',
    ]);
    expect(map({ ItemProcessor: { ...PROCESSOR, ProcessorConfig: { Mode: 'DISTRIBUTED' } } })).toEqual([
      'SCHEMA_VALIDATION_FAILED: These fields are required: [ExecutionType] @ /States/M/ItemProcessor/ProcessorConfig',
    ]);
  });

  it('refuses QueryLanguage and other fields in the processor', () => {
    expect(map({ ItemProcessor: { ...PROCESSOR, QueryLanguage: 'JSONata' } })).toEqual([
      "SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported @ /States/M/ItemProcessor",
    ]);
  });
});

describe('Map items', () => {
  it('refuses ItemSelector with the legacy Parameters', () => {
    expect(map({ ItemProcessor: PROCESSOR, ItemSelector: {}, Parameters: {} })).toEqual([
      'SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [ItemSelector, Parameters] @ /States/M/ItemSelector',
    ]);
  });

  it('reports a bad legacy Parameters template once', () => {
    expect(map({ ItemProcessor: PROCESSOR, Parameters: { 'v.$': 1 } })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The value for the field 'v.$' must be a valid JSONPath or a valid intrinsic function call @ /States/M/Parameters",
    ]);
  });

  it('takes ItemsPath in JSONPath and Items in JSONata', () => {
    expect(map({ ItemProcessor: PROCESSOR, ItemsPath: '$.items' })).toEqual([]);
    for (const items of [[1, '{% 2 %}'], { a: 1 }, '{% $states.input %}']) {
      expect(map({ ItemProcessor: PROCESSOR, Items: items }, JSONATA)).toEqual([]);
    }
    expect(map({ ItemProcessor: PROCESSOR, Items: 'list' }, JSONATA)).toEqual([
      'SCHEMA_VALIDATION_FAILED: Expected value of type [ARRAY] @ /States/M/Items',
    ]);
    expect(map({ ItemProcessor: PROCESSOR, ItemsPath: '$' }, JSONATA)).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'ItemsPath' is only supported for the 'JSONPath' QueryLanguage @ /States/M",
    ]);
  });
});

describe('Map limits', () => {
  it('accepts the limits, also on an inline Map', () => {
    expect(map({ ItemProcessor: PROCESSOR, MaxConcurrency: 0, ToleratedFailureCount: 3, ToleratedFailurePercentage: 0.5, Label: 'L' })).toEqual([]);
    expect(map({ ItemProcessor: PROCESSOR, MaxConcurrency: Number.MAX_SAFE_INTEGER })).toEqual([]);
    expect(map({ ItemProcessor: PROCESSOR, MaxConcurrency: '{% 2 %}', ToleratedFailurePercentage: '{% 5 %}' }, JSONATA)).toEqual([]);
  });

  it('checks their ranges with AWS wording', () => {
    expect(map({ ItemProcessor: PROCESSOR, MaxConcurrency: -1, ToleratedFailureCount: -1, ToleratedFailurePercentage: 100.5 })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Minimum value is 0 @ /States/M/MaxConcurrency',
      'SCHEMA_VALIDATION_FAILED: Minimum value is 0 @ /States/M/ToleratedFailureCount',
      'SCHEMA_VALIDATION_FAILED: Maximum value is 100.0 @ /States/M/ToleratedFailurePercentage',
    ]);
    expect(map({ ItemProcessor: PROCESSOR, ToleratedFailurePercentage: -1 })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Minimum value is 0.0 @ /States/M/ToleratedFailurePercentage',
    ]);
  });

  it('refuses a limit together with its Path, and the Path in JSONata', () => {
    expect(map({ ItemProcessor: PROCESSOR, MaxConcurrency: 2, MaxConcurrencyPath: '$.n' })).toEqual([
      'SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [MaxConcurrency, MaxConcurrencyPath] @ /States/M/MaxConcurrency',
    ]);
    expect(map({ ItemProcessor: PROCESSOR, MaxConcurrencyPath: '$.n' }, JSONATA)).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'MaxConcurrencyPath' is only supported for the 'JSONPath' QueryLanguage @ /States/M",
    ]);
  });
});

describe('Map Label', () => {
  const DISTRIBUTED = { ...PROCESSOR, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } };

  it('accepts a plain label', () => {
    expect(map({ ItemProcessor: DISTRIBUTED, Label: 'TestMap_1-a.b' })).toEqual([]);
  });

  it('refuses empty, long and odd labels', () => {
    expect(map({ ItemProcessor: DISTRIBUTED, Label: '' })).toEqual([
      'INVALID_LABEL_NAME: Invalid Label name: the Label must not be empty @ /States/M/Label',
    ]);
    expect(map({ ItemProcessor: DISTRIBUTED, Label: 'x'.repeat(41) })).toEqual([
      `INVALID_LABEL_NAME: Invalid Label name: Label '${'x'.repeat(41)}' exceeds the 40-character limit @ /States/M/Label`,
    ]);
    for (const label of ['a b', 'a{b', 'a:b', 'a/b', 'a\u0001b']) {
      expect(map({ ItemProcessor: DISTRIBUTED, Label: label })).toEqual([
        `INVALID_LABEL_NAME: Invalid Label name: Label '${label}' contains an invalid character @ /States/M/Label`,
      ]);
    }
    expect(map({ ItemProcessor: DISTRIBUTED, Label: 7 })).toEqual(['SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /States/M/Label']);
  });

  it('refuses the same label twice in a machine', () => {
    const inner = { StartAt: 'In', States: { In: { Type: 'Map', End: true, Label: 'L', ItemProcessor: { StartAt: 'P2', States: { P2: { Type: 'Succeed' } } } } } };
    expect(map({ ItemProcessor: inner, Label: 'L' })).toEqual(['DUPLICATE_LABEL_NAME: Duplicate Label name: L @ /States/M/ItemProcessor/States/In/Label']);
  });
});

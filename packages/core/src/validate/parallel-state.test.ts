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

import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../json.js';
import { validateDefinition } from './validate-definition.js';

const pass = (fields: JsonObject, top: JsonObject = {}): string[] =>
  validateDefinition({ StartAt: 'S', States: { S: { Type: 'Pass', End: true, ...fields } }, ...top }).map(
    (d) => `${d.code}: ${d.message} @ ${d.pointer}`,
  );
const JSONATA = { QueryLanguage: 'JSONata' };

describe('payload templates', () => {
  it('accepts string values for .$ keys, at any depth', () => {
    expect(pass({ Parameters: { 'a.$': '$.a', b: { 'c.$': 'States.UUID()' }, d: [{ 'e.$': '$$.Execution.Id' }] } })).toEqual([]);
  });

  it('refuses other values for .$ keys, at the template field', () => {
    expect(pass({ Parameters: { 'a.$': 1, b: [{ 'c.$': { x: 1 } }] } })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call @ /States/S/Parameters",
      "SCHEMA_VALIDATION_FAILED: The value for the field 'c.$' must be a valid JSONPath or a valid intrinsic function call @ /States/S/Parameters",
    ]);
  });

  it('covers ResultSelector and ItemSelector', () => {
    const definition: Json = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          End: true,
          ResultSelector: { 'x.$': null },
          ItemSelector: { 'y.$': true },
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Succeed' } } },
        },
      },
    };
    expect(validateDefinition(definition).map((d) => d.pointer)).toEqual(['/States/M/ResultSelector', '/States/M/ItemSelector']);
  });

  it('leaves literal keys alone', () => {
    expect(pass({ Parameters: { a: 1, 'b.$x': 2 }, Result: { 'c.$': 3 } })).toEqual([]);
  });

  it('does not give .$ a meaning in JSONata', () => {
    expect(pass({ Output: { 'a.$': 1 } }, JSONATA)).toEqual([]);
  });
});

describe('Assign', () => {
  it('accepts valid variable names', () => {
    expect(pass({ Assign: { x: 1, _y: '$', camelCase9: null, 'z.$': '$.z', ünïcode: 1 } })).toEqual([]);
  });

  it('refuses sub-paths, bad starts, long names and the reserved states', () => {
    expect(pass({ Assign: { 'a.b': 1, 'x[0]': 1, '9lives': 1, ['v'.repeat(81)]: 1, states: 1, '': 1 } })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The variable name 'a.b' is not valid @ /States/S/Assign",
      "SCHEMA_VALIDATION_FAILED: The variable name 'x[0]' is not valid @ /States/S/Assign",
      "SCHEMA_VALIDATION_FAILED: The variable name '9lives' is not valid @ /States/S/Assign",
      `SCHEMA_VALIDATION_FAILED: The variable name '${'v'.repeat(81)}' is not valid @ /States/S/Assign`,
      "SCHEMA_VALIDATION_FAILED: The variable name 'states' is reserved @ /States/S/Assign",
      "SCHEMA_VALIDATION_FAILED: The variable name '' is not valid @ /States/S/Assign",
    ]);
  });

  it('needs a string behind a .$ name in JSONPath', () => {
    expect(pass({ Assign: { 'x.$': 3 } })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call @ /States/S/Assign",
    ]);
  });

  it('reads a .$ name as an invalid name in JSONata', () => {
    expect(pass({ Assign: { 'x.$': '$.x' } }, JSONATA)).toEqual([
      "SCHEMA_VALIDATION_FAILED: The variable name 'x.$' is not valid @ /States/S/Assign",
    ]);
  });

  it('needs an object', () => {
    expect(pass({ Assign: [] })).toEqual(['SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] @ /States/S/Assign']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../json.js';
import { validateDefinition } from './validate-definition.js';

const one = (state: Json, top: JsonObject = {}): string[] =>
  validateDefinition({ StartAt: 'S', States: { S: state }, ...top }).map((d) => `${d.code}: ${d.message} @ ${d.pointer}`);

describe('state type', () => {
  it('needs an object with a known Type', () => {
    expect(one(3)).toEqual(['SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] @ /States/S', 'MISSING_END_STATE: Workflow has no terminal state @ ']);
    expect(one({ End: true })).toContain('SCHEMA_VALIDATION_FAILED: These fields are required: [Type] @ /States/S');
    expect(one({ Type: 'Sleep', End: true })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Value should be one of the following: [Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map] @ /States/S/Type',
    ]);
    expect(one({ Type: 1, End: true })).toEqual(['SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /States/S/Type']);
  });
});

describe('Next and End', () => {
  it('needs exactly one of them on Pass, Task, Wait, Parallel and Map', () => {
    expect(one({ Type: 'Pass' })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Exactly one of the following fields is required: [Next, End] @ /States/S',
      'MISSING_END_STATE: Workflow has no terminal state @ ',
    ]);
    expect(one({ Type: 'Pass', End: true, Next: 'S' })).toEqual([
      'SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Next, End] @ /States/S/Next',
    ]);
    expect(one({ Type: 'Pass', End: false })).toContain(
      'SCHEMA_VALIDATION_FAILED: Exactly one of the following fields is required: [Next, End] @ /States/S',
    );
  });

  it('checks their types', () => {
    expect(one({ Type: 'Pass', End: 'yes' })).toContain('SCHEMA_VALIDATION_FAILED: Expected value of type [BOOLEAN] @ /States/S/End');
    expect(one({ Type: 'Pass', Next: 5, End: true })).toContain('SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /States/S/Next');
  });

  it('refuses both on Choice, Succeed and Fail', () => {
    expect(one({ Type: 'Succeed', End: true })).toEqual(["SCHEMA_VALIDATION_FAILED: Field 'End' is not supported @ /States/S"]);
    expect(one({ Type: 'Fail', Next: 'S' })).toEqual(["SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported @ /States/S"]);
  });
});

describe('fields per state type', () => {
  it('refuses TimeoutSeconds, Retry and Catch where AWS does', () => {
    expect(one({ Type: 'Map', TimeoutSeconds: 1, End: true, ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Succeed' } } } })).toEqual([
      "SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds' is not supported @ /States/S",
    ]);
    expect(one({ Type: 'Pass', End: true, Retry: [], Catch: [] })).toEqual([
      "SCHEMA_VALIDATION_FAILED: Field 'Retry' is not supported @ /States/S",
      "SCHEMA_VALIDATION_FAILED: Field 'Catch' is not supported @ /States/S",
    ]);
    expect(one({ Type: 'Wait', Seconds: 1, End: true, ResultPath: null })).toEqual([
      "SCHEMA_VALIDATION_FAILED: Field 'ResultPath' is not supported @ /States/S",
    ]);
    expect(one({ Type: 'Succeed', Assign: {} })).toEqual(["SCHEMA_VALIDATION_FAILED: Field 'Assign' is not supported @ /States/S"]);
  });

  it('names the language of a field used in the other one, at the state', () => {
    expect(one({ Type: 'Pass', End: true, Output: 1 })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage @ /States/S",
    ]);
    expect(one({ Type: 'Pass', End: true, InputPath: '$', Result: 1 }, { QueryLanguage: 'JSONata' })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage @ /States/S",
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'Result' is only supported for the 'JSONPath' QueryLanguage @ /States/S",
    ]);
  });

  it('accepts Assign in both languages', () => {
    expect(one({ Type: 'Pass', End: true, Assign: { x: 1 } })).toEqual([]);
    expect(one({ Type: 'Pass', End: true, Assign: { x: '{% 1 %}' } }, { QueryLanguage: 'JSONata' })).toEqual([]);
  });

  it('checks the shared payload fields', () => {
    expect(one({ Type: 'Pass', End: true, InputPath: null, OutputPath: null, ResultPath: null })).toEqual([]);
    expect(one({ Type: 'Pass', End: true, InputPath: 1, Parameters: [] })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /States/S/InputPath',
      'SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] @ /States/S/Parameters',
    ]);
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };
    expect(one({ ...task, Arguments: '{% $states.input %}' }, { QueryLanguage: 'JSONata' })).toEqual([]);
    expect(one({ ...task, Arguments: 'plain' }, { QueryLanguage: 'JSONata' })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] @ /States/S/Arguments',
    ]);
  });
});

describe('state QueryLanguage', () => {
  it('lets a JSONPath machine hold JSONata states', () => {
    expect(one({ Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% 1 %}', End: true })).toEqual([]);
  });

  it('refuses a JSONPath state in a JSONata machine, and only that', () => {
    expect(one({ Type: 'Pass', QueryLanguage: 'JSONPath', InputPath: '$', End: true }, { QueryLanguage: 'JSONata' })).toEqual([
      "SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine @ /States/S",
    ]);
  });

  it('checks the spelling at the field', () => {
    expect(one({ Type: 'Pass', QueryLanguage: 'jsonata', Output: 1, End: true })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Value should be one of the following: [JSONPath, JSONata] @ /States/S/QueryLanguage',
    ]);
    expect(one({ Type: 'Pass', QueryLanguage: 2, End: true })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /States/S/QueryLanguage',
    ]);
  });

  it('leaves nested states in the machine language, not the Map language', () => {
    const map = {
      Type: 'Map',
      QueryLanguage: 'JSONata',
      End: true,
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', Output: 1, End: true } } },
    };
    expect(one(map)).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage @ /States/S/ItemProcessor/States/P",
    ]);
  });
});

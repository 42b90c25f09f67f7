import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../json.js';
import { validateDefinition } from './validate-definition.js';

const RESOURCE = 'arn:aws:states:::lambda:invoke';
const task = (fields: JsonObject, top: JsonObject = {}): string[] =>
  validateDefinition({
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: RESOURCE, Next: 'Done', ...fields }, Done: { Type: 'Succeed' } },
    ...top,
  }).map((d) => `${d.code}: ${d.message} @ ${d.pointer}`);

describe('Retry', () => {
  it('accepts complete retriers', () => {
    const retrier = { ErrorEquals: ['States.Timeout'], IntervalSeconds: 1, MaxAttempts: 0, BackoffRate: 1.0, MaxDelaySeconds: 5, JitterStrategy: 'FULL', Comment: 'c' };
    expect(task({ Retry: [retrier, { ErrorEquals: ['States.ALL'] }] })).toEqual([]);
    expect(task({ Retry: [] })).toEqual([]);
  });

  it('checks every field', () => {
    const retrier = { ErrorEquals: [], IntervalSeconds: 0, MaxAttempts: -1, BackoffRate: 0.5, MaxDelaySeconds: 31_622_402, JitterStrategy: 'HALF', Bogus: 1 };
    expect(task({ Retry: [retrier] })).toEqual([
      "SCHEMA_VALIDATION_FAILED: Field 'Bogus' is not supported @ /States/T/Retry[0]",
      'SCHEMA_VALIDATION_FAILED: Minimum number of items is 1 @ /States/T/Retry[0]/ErrorEquals',
      'SCHEMA_VALIDATION_FAILED: Minimum value is 1 @ /States/T/Retry[0]/IntervalSeconds',
      'SCHEMA_VALIDATION_FAILED: Minimum value is 0 @ /States/T/Retry[0]/MaxAttempts',
      'SCHEMA_VALIDATION_FAILED: Minimum value is 1.0 @ /States/T/Retry[0]/BackoffRate',
      'SCHEMA_VALIDATION_FAILED: Maximum value is 31622401 @ /States/T/Retry[0]/MaxDelaySeconds',
      'SCHEMA_VALIDATION_FAILED: Value should be one of the following: [FULL, NONE] @ /States/T/Retry[0]/JitterStrategy',
    ]);
  });

  it('needs ErrorEquals as a list of strings', () => {
    expect(task({ Retry: [{}] })).toEqual(['SCHEMA_VALIDATION_FAILED: These fields are required: [ErrorEquals] @ /States/T/Retry[0]']);
    expect(task({ Retry: [{ ErrorEquals: [1] }] })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /States/T/Retry[0]/ErrorEquals',
    ]);
    expect(task({ Retry: {} })).toEqual(['SCHEMA_VALIDATION_FAILED: Expected value of type [ARRAY] @ /States/T/Retry']);
    expect(task({ Retry: [7] })).toEqual(['SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] @ /States/T/Retry[0]']);
  });

  it('keeps States.ALL alone and last', () => {
    expect(task({ Retry: [{ ErrorEquals: ['States.ALL', 'X'] }] })).toEqual([
      "SCHEMA_VALIDATION_FAILED: 'States.ALL' must be the only element in 'ErrorEquals' @ /States/T/Retry[0]/ErrorEquals",
    ]);
    expect(task({ Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'] }] })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The retrier with 'States.ALL' must be the last one in 'Retry' @ /States/T/Retry[0]/ErrorEquals",
    ]);
  });
});

describe('Catch', () => {
  it('accepts catchers in both languages', () => {
    expect(task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done', ResultPath: '$.error', Assign: { e: 1 }, Comment: 'c' }] })).toEqual([]);
    expect(task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done', Output: '{% $states.errorOutput %}' }] }, { QueryLanguage: 'JSONata' })).toEqual([]);
  });

  it('needs ErrorEquals and Next', () => {
    expect(task({ Catch: [{}] })).toEqual(['SCHEMA_VALIDATION_FAILED: These fields are required: [ErrorEquals, Next] @ /States/T/Catch[0]']);
  });

  it('refuses the other language’s output field, at the catcher', () => {
    expect(task({ Catch: [{ ErrorEquals: ['X'], Next: 'Done', Output: {} }] })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage @ /States/T/Catch[0]",
    ]);
    expect(task({ Catch: [{ ErrorEquals: ['X'], Next: 'Done', ResultPath: '$' }] }, { QueryLanguage: 'JSONata' })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only supported for the 'JSONPath' QueryLanguage @ /States/T/Catch[0]",
    ]);
  });

  it('keeps States.ALL last', () => {
    expect(task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }, { ErrorEquals: ['X'], Next: 'Done' }] })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The catcher with 'States.ALL' must be the last one in 'Catch' @ /States/T/Catch[0]/ErrorEquals",
    ]);
  });

  it('checks the catcher Assign', () => {
    expect(task({ Catch: [{ ErrorEquals: ['X'], Next: 'Done', Assign: { 'a.b': 1 } }] })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The variable name 'a.b' is not valid @ /States/T/Catch[0]/Assign",
    ]);
  });
});

describe('where Retry and Catch live', () => {
  it('accepts them on Parallel and Map', () => {
    const handlers = { Retry: [{ ErrorEquals: ['X'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }] };
    const definition: Json = {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Next: 'M', Branches: [{ StartAt: 'A', States: { A: { Type: 'Succeed' } } }], ...handlers },
        M: { Type: 'Map', Next: 'Done', ItemProcessor: { StartAt: 'B', States: { B: { Type: 'Succeed' } } }, ...handlers },
        Done: { Type: 'Succeed' },
      },
    };
    expect(validateDefinition(definition)).toEqual([]);
  });
});

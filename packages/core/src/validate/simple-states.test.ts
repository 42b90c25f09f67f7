import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../json.js';
import { validateDefinition } from './validate-definition.js';

const one = (state: Json, top: JsonObject = {}): string[] =>
  validateDefinition({ StartAt: 'S', States: { S: state }, ...top }).map((d) => `${d.code}: ${d.message} @ ${d.pointer}`);
const JSONATA = { QueryLanguage: 'JSONata' };

describe('Wait', () => {
  it('accepts each time field alone', () => {
    for (const field of [{ Seconds: 0 }, { SecondsPath: '$.s' }, { Timestamp: '2016-03-14T01:59:00Z' }, { TimestampPath: '$.t' }]) {
      expect(one({ Type: 'Wait', End: true, ...field })).toEqual([]);
    }
  });

  it('needs exactly one time field', () => {
    expect(one({ Type: 'Wait', End: true })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Exactly one of the following fields is required: [Seconds, SecondsPath, Timestamp, TimestampPath] @ /States/S',
    ]);
    expect(one({ Type: 'Wait', End: true, Seconds: 1, TimestampPath: '$.t' })).toEqual([
      'SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Seconds, SecondsPath, Timestamp, TimestampPath] @ /States/S/Seconds',
    ]);
  });

  it('checks Seconds', () => {
    expect(one({ Type: 'Wait', End: true, Seconds: -1 })).toEqual(['SCHEMA_VALIDATION_FAILED: Minimum value is 0 @ /States/S/Seconds']);
    expect(one({ Type: 'Wait', End: true, Seconds: 100_000_000 })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Maximum value is 99999999 @ /States/S/Seconds',
    ]);
    expect(one({ Type: 'Wait', End: true, Seconds: '5' })).toEqual(['SCHEMA_VALIDATION_FAILED: Expected value of type [INTEGER] @ /States/S/Seconds']);
    expect(one({ Type: 'Wait', End: true, Seconds: '{% 5 %}' }, JSONATA)).toEqual([]);
  });

  it('refuses a literal Timestamp that is not RFC 3339, even one that looks like JSONata in a JSONPath state', () => {
    const message = 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp @ /States/S/Timestamp';
    expect(one({ Type: 'Wait', End: true, Timestamp: '2016-12-05 21:29:29Z' })).toEqual([message]);
    expect(one({ Type: 'Wait', End: true, Timestamp: "{% '2016-03-14T01:59:00Z' %}" })).toEqual([message]);
    expect(one({ Type: 'Wait', End: true, Timestamp: 'tomorrow' }, JSONATA)).toEqual([message]);
    expect(one({ Type: 'Wait', End: true, Timestamp: '{% $states.input.t %}' }, JSONATA)).toEqual([]);
  });

  it('refuses the Path fields in JSONata', () => {
    expect(one({ Type: 'Wait', End: true, SecondsPath: '$.s' }, JSONATA)).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'SecondsPath' is only supported for the 'JSONPath' QueryLanguage @ /States/S",
      'SCHEMA_VALIDATION_FAILED: Exactly one of the following fields is required: [Seconds, Timestamp] @ /States/S',
    ]);
  });
});

describe('Fail', () => {
  it('accepts Error/Cause or their paths', () => {
    expect(one({ Type: 'Fail', Error: 'E', Cause: 'C' })).toEqual([]);
    expect(one({ Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('{}', $.c)" })).toEqual([]);
    expect(one({ Type: 'Fail' })).toEqual([]);
  });

  it('refuses a field together with its path', () => {
    expect(one({ Type: 'Fail', Error: 'E', ErrorPath: '$.e', Cause: 'C', CausePath: '$.c' })).toEqual([
      'SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Error, ErrorPath] @ /States/S/Error',
      'SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Cause, CausePath] @ /States/S/Cause',
    ]);
  });

  it('needs strings', () => {
    expect(one({ Type: 'Fail', ErrorPath: 1 })).toEqual(['SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /States/S/ErrorPath']);
  });

  it('refuses the path fields, InputPath and Output in JSONata', () => {
    expect(one({ Type: 'Fail', CausePath: '$.c' }, JSONATA)).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'CausePath' is only supported for the 'JSONPath' QueryLanguage @ /States/S",
    ]);
    expect(one({ Type: 'Fail', InputPath: '$' })).toEqual(["SCHEMA_VALIDATION_FAILED: Field 'InputPath' is not supported @ /States/S"]);
  });
});

describe('Choice', () => {
  const target = { T: { Type: 'Succeed' } };
  const choice = (fields: JsonObject): string[] =>
    validateDefinition({ StartAt: 'C', States: { C: { Type: 'Choice', ...fields }, ...target } }).map(
      (d) => `${d.code}: ${d.message} @ ${d.pointer}`,
    );

  it('accepts rules naming their Next', () => {
    expect(choice({ Choices: [{ Variable: '$.x', IsNull: true, Next: 'T' }] })).toEqual([]);
  });

  it('needs a non-empty Choices list of objects with Next', () => {
    expect(choice({ Default: 'T' })).toEqual(['SCHEMA_VALIDATION_FAILED: These fields are required: [Choices] @ /States/C']);
    expect(choice({ Choices: [], Default: 'T' })).toEqual(['SCHEMA_VALIDATION_FAILED: Minimum number of items is 1 @ /States/C/Choices']);
    expect(choice({ Choices: {}, Default: 'T' })).toEqual(['SCHEMA_VALIDATION_FAILED: Expected value of type [ARRAY] @ /States/C/Choices']);
    expect(choice({ Choices: [3, { Variable: '$', StringMatches: 'Test' }], Default: 'T' })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] @ /States/C/Choices[0]',
      'SCHEMA_VALIDATION_FAILED: These fields are required: [Next] @ /States/C/Choices[1]',
    ]);
  });

  it('checks Default and rule Next types', () => {
    expect(choice({ Choices: [{ Next: 1 }], Default: 2 })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /States/C/Default',
      'SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /States/C/Choices[0]/Next',
      'MISSING_TRANSITION_TARGET: State "T" is not reachable. @ /States/T',
    ]);
  });
});

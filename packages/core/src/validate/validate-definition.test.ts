import { describe, expect, it } from 'vitest';
import { formatDefinitionMessage } from '../errors.js';
import type { Json } from '../json.js';
import { validateDefinition } from './validate-definition.js';

const problems = (definition: Json): string[] =>
  validateDefinition(definition).map((d) => `${d.code}: ${d.message} @ ${d.pointer}`);

const PASS = { Type: 'Pass', End: true };

describe('validateDefinition: the definition itself', () => {
  it('accepts a minimal machine', () => {
    expect(problems({ StartAt: 'A', States: { A: PASS } })).toEqual([]);
  });

  it('refuses non-objects with no location', () => {
    for (const value of [null, 1, 'x', true, [], [{ StartAt: 'A' }]] as Json[]) {
      expect(problems(value)).toEqual(['SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object @ ']);
    }
  });

  it('names the missing required fields at / in AWS order', () => {
    expect(problems({})).toEqual(['SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] @ /']);
    expect(problems({ States: { A: PASS } })).toEqual([
      'SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] @ /',
    ]);
  });

  it('refuses unknown top-level fields at /', () => {
    expect(problems({ StartAt: 'A', States: { A: PASS }, Coment: 'typo' })).toEqual([
      "SCHEMA_VALIDATION_FAILED: Field 'Coment' is not supported @ /",
    ]);
  });

  it('accepts the optional top-level fields', () => {
    const definition = { StartAt: 'A', States: { A: PASS }, Comment: 'c', Version: '1.0', TimeoutSeconds: 10, QueryLanguage: 'JSONata' };
    expect(problems(definition)).toEqual([]);
  });

  it('checks the optional top-level fields', () => {
    const definition = { StartAt: 'A', States: { A: PASS }, Comment: 1, Version: 1, TimeoutSeconds: 0, QueryLanguage: 'jsonata' };
    expect(problems(definition)).toEqual([
      'SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /Version',
      'SCHEMA_VALIDATION_FAILED: Minimum value is 1 @ /TimeoutSeconds',
      'SCHEMA_VALIDATION_FAILED: Value should be one of the following: [JSONPath, JSONata] @ /QueryLanguage',
      'SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /Comment',
    ]);
    expect(problems({ StartAt: 'A', States: { A: PASS }, TimeoutSeconds: 1.5 })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Expected value of type [INTEGER] @ /TimeoutSeconds',
    ]);
  });

  it('checks the types of StartAt and States', () => {
    expect(problems({ StartAt: 1, States: { A: PASS } })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /StartAt',
    ]);
    expect(problems({ StartAt: 'A', States: [] })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] @ /States',
    ]);
    expect(problems({ StartAt: 'A', States: {} })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Minimum number of fields is 1 @ /States',
    ]);
  });

  it('reports every problem at once', () => {
    const definition = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B', Foo: 1 }, B: { Type: 'Wait', End: true } },
    };
    expect(problems(definition)).toEqual([
      "SCHEMA_VALIDATION_FAILED: Field 'Foo' is not supported @ /States/A",
      'SCHEMA_VALIDATION_FAILED: Exactly one of the following fields is required: [Seconds, SecondsPath, Timestamp, TimestampPath] @ /States/B',
    ]);
  });

  it('formats into the InvalidDefinition message AWS sends', () => {
    const message = formatDefinitionMessage(
      validateDefinition({ StartAt: 'Nope', States: { 'Pass One': { Type: 'Pass', Next: 'Success' }, Success: { Type: 'Succeed' } } }),
    );
    expect(message).toBe(
      "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at /StartAt, " +
        'MISSING_TRANSITION_TARGET: State "Pass One" is not reachable. at /States/Pass One\'',
    );
  });

  it('does not read keys such as __proto__ or constructor as anything but data', () => {
    const definition = JSON.parse('{"StartAt":"__proto__","States":{"__proto__":{"Type":"Pass","End":true}}}') as Json;
    expect(problems(definition)).toEqual([]);
    expect(problems(JSON.parse('{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}},"constructor":1}') as Json)).toEqual([
      "SCHEMA_VALIDATION_FAILED: Field 'constructor' is not supported @ /",
    ]);
  });
});

const END = { Type: 'Pass', End: true };

describe('state names', () => {
  it('accepts 80 characters and refuses 81', () => {
    const ok = 'a'.repeat(80);
    expect(problems({ StartAt: ok, States: { [ok]: END } })).toEqual([]);
    const long = 'b'.repeat(81);
    expect(problems({ StartAt: long, States: { [long]: END } })).toEqual([
      `INVALID_STATE_NAME: Invalid State name: State '${long}' exceeds the 80-character limit allowed by the service @ /States/${long}`,
    ]);
  });

  it('refuses a name used again in a nested scope', () => {
    const definition = {
      StartAt: 'Map',
      States: {
        Map: { Type: 'Map', Next: 'Final State', ItemProcessor: { StartAt: 'Final State', States: { 'Final State': END } } },
        'Final State': END,
      },
    };
    expect(problems(definition)).toEqual([
      'DUPLICATE_STATE_NAME: Duplicate State name: Final State @ /States/Map/ItemProcessor/States/Final State',
    ]);
  });

  it('refuses the same name in two branches', () => {
    const branch = (): Json => ({ StartAt: 'X', States: { X: END } });
    const definition = { StartAt: 'P', States: { P: { Type: 'Parallel', End: true, Branches: [branch(), branch()] } } };
    expect(problems(definition)).toEqual(['DUPLICATE_STATE_NAME: Duplicate State name: X @ /States/P/Branches[1]/States/X']);
  });

  it('escapes / and ~ in locations', () => {
    const definition = { StartAt: 'a/b', States: { 'a/b': { Type: 'Pass', End: true, Foo: 1 } } };
    expect(problems(definition)).toEqual(["SCHEMA_VALIDATION_FAILED: Field 'Foo' is not supported @ /States/a~1b"]);
  });

  it('checks the fields of nested scopes', () => {
    const definition = {
      StartAt: 'P',
      States: { P: { Type: 'Parallel', End: true, Branches: [{ Comment: 3, States: { X: END } }, { StartAt: 'Y', States: {} }] } },
    };
    expect(problems(definition)).toEqual([
      'SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] @ /States/P/Branches[0]',
      'SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /States/P/Branches[0]/Comment',
      'SCHEMA_VALIDATION_FAILED: Minimum number of fields is 1 @ /States/P/Branches[1]/States',
    ]);
  });
});

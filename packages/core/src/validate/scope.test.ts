import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import { validateDefinition } from './validate-definition.js';

const problems = (definition: Json): string[] =>
  validateDefinition(definition).map((d) => `${d.code}: ${d.message} @ ${d.pointer}`);

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

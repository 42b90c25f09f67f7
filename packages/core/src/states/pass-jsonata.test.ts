/** JSONata Pass and Succeed, and how states of the two query languages mix. */
import { describe, expect, it } from 'vitest';
import { validateStateMachine } from '../index.js';
import type { Json } from '../index.js';
import { execute, typesOf } from '../../test/support.js';

const jsonata = (states: Record<string, Json>, start = Object.keys(states)[0] as string): Json => ({ QueryLanguage: 'JSONata', StartAt: start, States: states });

describe('JSONata Pass', () => {
  it('without Output passes its input on', async () => {
    const { result, events } = await execute(jsonata({ P: { Type: 'Pass', End: true } }), { a: 1 });
    expect(result.output).toEqual({ a: 1 });
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('Output may be any JSON value (AWS-recorded: literals of every type)', async () => {
    for (const value of [true, 0.1, 0, [], null, 'string literal', {}]) {
      const { result } = await execute(jsonata({ P: { Type: 'Pass', Output: value, End: true } }), { a: 1 });
      expect(result.output).toEqual(value);
    }
  });

  it('Output reads $states.input, $states.context and variables', async () => {
    const definition = jsonata({
      Set: { Type: 'Pass', Assign: { bias: 1 }, Next: 'P' },
      P: { Type: 'Pass', Output: { sum: '{% $sum($states.input.values) + $bias %}', state: '{% $states.context.State.Name %}' }, End: true },
    });
    const { result } = await execute(definition, { values: [1, 2, 3] });
    expect(result.output).toEqual({ sum: 7, state: 'P' });
  });

  it('has no $states.result: a Pass has no result', async () => {
    const { result } = await execute(jsonata({ P: { Type: 'Pass', Output: '{% $exists($states.result) %}', End: true } }));
    expect(result.output).toBe(false);
  });
});

describe('JSONata Succeed', () => {
  it('ends with its Output', async () => {
    const { result } = await execute(jsonata({ S: { Type: 'Succeed', Output: { done: '{% $states.input.v %}' } } }), { v: 3 });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { done: 3 } });
  });
});

describe('mixing query languages', () => {
  it('a state’s QueryLanguage overrides the machine’s (AWS-recorded JSONATA_OVERRIDE)', async () => {
    const definition: Json = { QueryLanguage: 'JSONPath', StartAt: 'P', States: { P: { QueryLanguage: 'JSONata', Type: 'Pass', Output: '{% $states.input.v %}', End: true } } };
    expect((await execute(definition, { v: 5 })).result.output).toBe(5);
  });

  it('data flows between JSONPath and JSONata states', async () => {
    const definition: Json = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Parameters: { 'bar.$': '$', foo: 'foobar' }, Next: 'B' },
        B: { Type: 'Pass', QueryLanguage: 'JSONata', Output: { wrapped: '{% $states.input %}' }, Next: 'C' },
        C: { Type: 'Pass', OutputPath: '$.wrapped.foo', End: true },
      },
    };
    expect((await execute(definition, { x: 1 })).result.output).toBe('foobar');
  });

  it('a JSONata machine cannot step down to JSONPath, and each language refuses the other’s fields', () => {
    const down = jsonata({ P: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } });
    expect(validateStateMachine(down).map((d) => d.message)).toEqual(["'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine"]);
    expect(validateStateMachine(jsonata({ P: { Type: 'Pass', InputPath: '$.a', End: true } })).map((d) => d.message)).toEqual([
      "The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage",
    ]);
    expect(validateStateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', Output: 1, End: true } } }).map((d) => d.message)).toEqual([
      "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage",
    ]);
  });

  it('states in branches and processors take the machine’s language, not the enclosing state’s', async () => {
    const definition: Json = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          QueryLanguage: 'JSONata',
          Items: '{% $states.input.list %}',
          ItemProcessor: { StartAt: 'In', States: { In: { Type: 'Pass', Parameters: { 'v.$': '$' }, End: true } } },
          End: true,
        },
      },
    };
    expect((await execute(definition, { list: [1, 2] })).result.output).toEqual([{ v: 1 }, { v: 2 }]);
  });
});

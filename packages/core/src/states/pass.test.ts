/** The Pass state: InputPath → Parameters → (Result or Parameters output) → ResultPath → OutputPath. */
import { describe, expect, it } from 'vitest';
import { compileStateMachine, createSimulatedClock } from '../index.js';
import type { Json } from '../index.js';
import { START_MS, execute, typesOf } from '../../test/support.js';

const pass = (fields: Record<string, Json>): Json => ({ StartAt: 'P', States: { P: { Type: 'Pass', End: true, ...fields } } });

describe('Pass', () => {
  it('with nothing else passes its input on', async () => {
    const { result, events } = await execute(pass({}), { a: [1, { b: null }] });
    expect(result.output).toEqual({ a: [1, { b: null }] });
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('Result replaces the input', async () => {
    const { result } = await execute(pass({ Result: { Arg1: 'argument1' } }), { a: 1 });
    expect(result.output).toEqual({ Arg1: 'argument1' });
  });

  it('Result is literal: keys ending in .$ are not evaluated', async () => {
    const { result } = await execute(pass({ Result: { 'unsupported1.$': '$.jsonpath', 'unsupported2.$': '$$' } }), { jsonpath: 1 });
    expect(result.output).toEqual({ 'unsupported1.$': '$.jsonpath', 'unsupported2.$': '$$' });
  });

  it('ResultPath puts the result into the raw input', async () => {
    const { result } = await execute(pass({ Result: 'r', ResultPath: '$.deep.er' }), { a: 1 });
    expect(result.output).toEqual({ a: 1, deep: { er: 'r' } });
  });

  it('ResultPath null discards the result', async () => {
    const { result } = await execute(pass({ Result: 'r', ResultPath: null }), { a: 1 });
    expect(result.output).toEqual({ a: 1 });
  });

  it('InputPath selects the input that becomes the result', async () => {
    const { result } = await execute(pass({ InputPath: '$.inner', ResultPath: '$.copy' }), { inner: { v: 1 } });
    expect(result.output).toEqual({ inner: { v: 1 }, copy: { v: 1 } });
  });

  it('Parameters build the result from the effective input, the context object and intrinsics', async () => {
    const definition = pass({
      InputPath: '$.order',
      Parameters: {
        'id.$': '$.id',
        'state.$': '$$.State.Name',
        'greeting.$': "States.Format('Hello, {}!', $.name)",
        literal: '$.not.a.path',
        nested: { 'list.$': '$.lines[*].sku', array: [{ 'first.$': '$.lines[0].sku' }] },
      },
    });
    const { result } = await execute(definition, { order: { id: 9, name: 'Ada', lines: [{ sku: 'a' }, { sku: 'b' }] } });
    expect(result.output).toEqual({
      id: 9,
      state: 'P',
      greeting: 'Hello, Ada!',
      literal: '$.not.a.path',
      nested: { list: ['a', 'b'], array: [{ first: 'a' }] },
    });
  });

  it('Result wins over Parameters', async () => {
    const { result } = await execute(pass({ Parameters: { 'a.$': '$.a' }, Result: 'result' }), { a: 1 });
    expect(result.output).toBe('result');
  });

  it('InputPath null and OutputPath null give {}', async () => {
    expect((await execute(pass({ InputPath: null }), { a: 1 })).result.output).toEqual({});
    expect((await execute(pass({ OutputPath: null }), { a: 1 })).result.output).toEqual({});
    const { result } = await execute(pass({ InputPath: null, Result: { Arg1: 'argument1' }, ResultPath: '$.FromInput' }), { InputValue: 0 });
    expect(result.output).toEqual({ InputValue: 0, FromInput: { Arg1: 'argument1' } });
  });

  it('the output of one execution cannot change the next one’s Result', async () => {
    const machine = compileStateMachine(pass({ Result: { list: [1] } }));
    const first = await machine.start({}, { clock: createSimulatedClock(START_MS) });
    try {
      ((first.output as { list: number[] }).list).push(2);
    } catch {
      // A frozen output is fine too.
    }
    const second = await machine.start({}, { clock: createSimulatedClock(START_MS) });
    expect(second.output).toEqual({ list: [1] });
  });

  it('writing with ResultPath does not change the state input seen by earlier events', async () => {
    const definition: Json = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Result: 2, ResultPath: '$.x.y', End: true } },
    };
    const input = { x: { y: 1, z: 0 } };
    const { result, events } = await execute(definition, input);
    expect(result.output).toEqual({ x: { y: 2, z: 0 } });
    expect(input).toEqual({ x: { y: 1, z: 0 } });
    expect(events[3]?.['stateEnteredEventDetails']).toMatchObject({ input: '{"x":{"y":1,"z":0}}' });
  });
});

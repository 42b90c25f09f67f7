/** InputPath, ResultPath and OutputPath through Pass and Task states. */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock } from './index.js';
import type { Json } from './index.js';
import { START_MS, execute, recordingPort, taskMachine } from '../test/support.js';

const pass = (fields: Record<string, Json>): Json => ({ StartAt: 'P', States: { P: { Type: 'Pass', End: true, ...fields } } });
const PREFIX = "An error occurred while executing the state 'P' (entered at the event id #2). ";

describe('InputPath', () => {
  it('selects part of the input; $ is the whole input', async () => {
    expect((await execute(pass({ InputPath: '$.a.b' }), { a: { b: [1] } })).result.output).toEqual([1]);
    expect((await execute(pass({ InputPath: '$' }), { a: 1 })).result.output).toEqual({ a: 1 });
  });

  it('may select many nodes (the result is then an array)', async () => {
    const { result } = await execute(pass({ InputPath: '$.items[*].id' }), { items: [{ id: 1 }, { id: 2 }] });
    expect(result.output).toEqual([1, 2]);
  });

  it('may read the context object', async () => {
    const { result } = await execute(pass({ InputPath: '$$.Execution.Input' }), { a: 1 });
    expect(result.output).toEqual({ a: 1 });
  });

  it('null makes the effective input {}', async () => {
    expect((await execute(pass({ InputPath: null }), { a: 1 })).result.output).toEqual({});
  });

  it('that finds nothing fails with States.Runtime (AWS’s cause)', async () => {
    const { result } = await execute(pass({ InputPath: '$.x' }), {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: `${PREFIX}Invalid path '$.x' : No results for path: $['x']` });
  });
});

describe('ResultPath', () => {
  it('$ (or absent) replaces the input with the result', async () => {
    expect((await execute(pass({ Result: 1, ResultPath: '$' }), { a: 1 })).result.output).toBe(1);
    expect((await execute(pass({ Result: 1 }), { a: 1 })).result.output).toBe(1);
  });

  it('writes into a copy of the raw input, creating missing objects', async () => {
    const { result } = await execute(pass({ Result: 'r', ResultPath: '$.a.new.deep' }), { a: { keep: 1 }, b: 2 });
    expect(result.output).toEqual({ a: { keep: 1, new: { deep: 'r' } }, b: 2 });
  });

  it('replaces an existing value', async () => {
    const { result } = await execute(pass({ Result: 'r', ResultPath: '$.a' }), { a: { old: 1 } });
    expect(result.output).toEqual({ a: 'r' });
  });

  it('uses the raw input, not the InputPath selection', async () => {
    const { result } = await execute(pass({ InputPath: '$.a', ResultPath: '$.copyOfA' }), { a: 1, b: 2 });
    expect(result.output).toEqual({ a: 1, b: 2, copyOfA: 1 });
  });

  it('can write into an array element', async () => {
    const { result } = await execute(pass({ Result: 'r', ResultPath: '$.list[1]' }), { list: [0, 1, 2] });
    expect(result.output).toEqual({ list: [0, 'r', 2] });
  });

  it('into something that is not an object fails with States.ResultPathMatchFailure', async () => {
    for (const input of ['text', 5, [1, 2], { a: 'text' }]) {
      const { result } = await execute(pass({ Result: 'r', ResultPath: '$.a.b' }), input);
      expect(result, JSON.stringify(input)).toMatchObject({ status: 'FAILED', error: 'States.ResultPathMatchFailure' });
    }
  });

  it('a ResultPathMatchFailure from a task can be caught', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => 'result');
    const definition = taskMachine(
      { ResultPath: '$.a.b', Catch: [{ ErrorEquals: ['States.ResultPathMatchFailure'], Next: 'Caught' }] },
      { Caught: { Type: 'Pass', End: true } },
    );
    const { result } = await execute(definition, { a: 'text' }, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'States.ResultPathMatchFailure' } });
  });
});

describe('OutputPath', () => {
  it('selects part of the ResultPath output', async () => {
    const { result } = await execute(pass({ Result: { x: 1 }, ResultPath: '$.r', OutputPath: '$.r.x' }), { a: 1 });
    expect(result.output).toBe(1);
  });

  it('null gives {}', async () => {
    expect((await execute(pass({ OutputPath: null }), { a: 1 })).result.output).toEqual({});
  });

  it('that finds nothing fails with States.Runtime (AWS’s cause)', async () => {
    const { result } = await execute(pass({ OutputPath: '$.no.such.result.path' }), {});
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: `${PREFIX}Invalid path '$.no.such.result.path' : Missing property in path $['no']`,
    });
  });
});

describe('the location sentence names the failing state and its event id', () => {
  it('for a later state', async () => {
    const definition: Json = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', InputPath: '$.x', End: true } },
    };
    const { result } = await execute(definition, {});
    expect(result.cause).toBe("An error occurred while executing the state 'B' (entered at the event id #4). Invalid path '$.x' : No results for path: $['x']");
  });
});

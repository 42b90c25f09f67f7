/** InputPath, ResultPath and OutputPath through Pass and Task states. */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock } from './index.js';
import type { Json } from './index.js';
import { START_MS, eventsOf, execute, recordingPort, taskMachine } from '../test/support.js';
import { CompileContext } from './compile-context.js';
import { compileResultPath, compileSelectPath, joinResultAndOutput } from './io-paths.js';

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

/**
 * A ResultPath may update its input in place when the state before built that input and
 * nothing else holds it (placeResultInFrame): these executions would see any such update that
 * reached a value someone else holds.
 */
describe('ResultPath updating a fresh input in place', () => {
  /** Pass states in a chain, each placing its Parameters (or Result) at ResultPath. */
  const chain = (...states: Record<string, Json>[]): Json => {
    const entries = states.map((fields, index) => [`S${index}`, { Type: 'Pass', ...fields, ...(index < states.length - 1 ? { Next: `S${index + 1}` } : { End: true }) }]);
    return { StartAt: 'S0', States: Object.fromEntries(entries) as Json };
  };
  const step = (n: number): Record<string, Json> => ({ Parameters: { n, 'prev.$': '$.last.n' }, ResultPath: '$.last' });

  it('gives each state its own output and never changes the execution input', async () => {
    const input = { keep: { deep: 1 }, last: { n: 0 } };
    const before = JSON.stringify(input);
    const { result, events } = await execute(chain(step(1), step(2), step(3), { Result: 'r', ResultPath: '$.extra' }, step(4)), input);
    expect(result.output).toEqual({ keep: { deep: 1 }, last: { n: 4, prev: 3 }, extra: 'r' });
    expect(JSON.stringify(input)).toBe(before);
    expect((result.output as { keep: Json }).keep).toBe(input.keep);
    const exited = eventsOf(events, 'PassStateExited').map((event) => JSON.parse((event['stateExitedEventDetails'] as { output: string }).output) as Json);
    expect(exited.map((output) => (output as { last: Json }).last)).toEqual([
      { n: 1, prev: 0 },
      { n: 2, prev: 1 },
      { n: 3, prev: 2 },
      { n: 3, prev: 2 },
      { n: 4, prev: 3 },
    ]);
  });

  it('leaves alone a result that holds the whole input', async () => {
    const definition = chain(step(1), { Parameters: { 'whole.$': '$' }, ResultPath: '$.snapshot' }, step(2), step(3));
    // Every ResultPath here replaces a key the input has (the case updated in place).
    const { result } = await execute(definition, { last: { n: 0 }, snapshot: null });
    expect(result.output).toEqual({ last: { n: 3, prev: 2 }, snapshot: { whole: { last: { n: 1, prev: 0 }, snapshot: null } } });
  });

  it('leaves alone an input that a Pass without Parameters places as its own result', async () => {
    const { result } = await execute(chain(step(1), { ResultPath: '$.copy' }, step(2)), { last: { n: 0 }, copy: null });
    expect(result.output).toEqual({ last: { n: 2, prev: 1 }, copy: { last: { n: 1, prev: 0 }, copy: null } });
  });

  it('leaves alone an input a task was given, even when the task passes it on', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => 'ignored');
    const definition: Json = {
      StartAt: 'S0',
      States: {
        S0: { Type: 'Pass', ...step(1), Next: 'Work' },
        Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: null, Next: 'S2' },
        S2: { Type: 'Pass', ...step(2), End: true },
      },
    };
    const { result } = await execute(definition, { last: { n: 0 } }, { clock, taskPort: port });
    expect(result.output).toEqual({ last: { n: 2, prev: 1 } });
    expect(port.calls[0]?.payload).toEqual({ last: { n: 1, prev: 0 } });
  });

  it('leaves alone an input that passes through a Choice or a Wait', async () => {
    const definition: Json = {
      StartAt: 'S0',
      States: {
        S0: { Type: 'Pass', ...step(1), Next: 'Hold' },
        Hold: { Type: 'Wait', Seconds: 1, Assign: { 'held.$': '$' }, Next: 'Route' },
        Route: { Type: 'Choice', Choices: [{ Variable: '$.last.n', NumericEquals: 1, Next: 'S2' }] },
        S2: { Type: 'Pass', ...step(2), Next: 'Read' },
        Read: { Type: 'Pass', Parameters: { 'held.$': '$held' }, ResultPath: '$.held', End: true },
      },
    };
    const { result } = await execute(definition, { last: { n: 0 } });
    expect(result.output).toEqual({ last: { n: 2, prev: 1 }, held: { held: { last: { n: 1, prev: 0 } } } });
  });

  it('leaves alone an input that the state’s own Assign may keep', async () => {
    // Pass's Assign reads its result, here the input itself (no Parameters).
    const definition = chain(step(1), { Assign: { 'saved.$': '$' }, ResultPath: '$.copy' }, step(2), { Parameters: { 'saved.$': '$saved' }, ResultPath: '$.out' });
    const { result } = await execute(definition, { last: { n: 0 }, copy: null, out: null });
    expect(result.output).toEqual({
      last: { n: 2, prev: 1 },
      copy: { last: { n: 1, prev: 0 }, copy: null, out: null },
      out: { saved: { last: { n: 1, prev: 0 }, copy: null, out: null } },
    });
  });

  it('keeps Parallel branches and Map iterations apart', async () => {
    const branch = (name: string, n: number): Json => ({
      StartAt: `${name}1`,
      States: { [`${name}1`]: { Type: 'Pass', ...step(n), Next: `${name}2` }, [`${name}2`]: { Type: 'Pass', ...step(n + 1), End: true } },
    });
    const parallel: Json = { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [branch('A', 10), branch('B', 20)], End: true } } };
    const parallelOutcome = await execute(parallel, { last: { n: 0 } });
    expect(parallelOutcome.result.output).toEqual([{ last: { n: 11, prev: 10 } }, { last: { n: 21, prev: 20 } }]);
    const map: Json = { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: branch('I', 1), End: true } } };
    const item = { last: { n: 0 } };
    const mapOutcome = await execute(map, [item, item]);
    expect(mapOutcome.result.output).toEqual([{ last: { n: 2, prev: 1 } }, { last: { n: 2, prev: 1 } }]);
    expect(item).toEqual({ last: { n: 0 } });
  });

  it('still fails a state whose output grew past 256 KiB', async () => {
    const big = 'x'.repeat(100_000);
    // Every key exists: from the second state on, each ResultPath replaces one in place.
    const definition = chain({ Result: big, ResultPath: '$.a' }, { Result: big, ResultPath: '$.b' }, { Result: big, ResultPath: '$.c' });
    const { result, events } = await execute(definition, { a: '', b: '', c: '' });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(eventsOf(events, 'PassStateExited')).toHaveLength(2);
  });
});

describe('ResultPath and OutputPath naming the same key', () => {
  // `$.out` twice takes a shortcut (the output is the result); `$['out']` as OutputPath is the
  // same path written otherwise, which takes the general way: both must agree.
  const both = (outputPath: string, fields: Record<string, Json> = {}): Json =>
    pass({ Parameters: { 'v.$': '$$.State.Name', fixed: 1 }, ResultPath: '$.out', OutputPath: outputPath, ...fields });

  it('give the result, as placing then selecting it would', async () => {
    for (const input of [{ a: 1 }, { out: 'replaced' }, {}] as Json[]) {
      const shortcut = await execute(both('$.out'), input);
      const general = await execute(both("$['out']"), input);
      expect(shortcut.result.output).toEqual({ v: 'P', fixed: 1 });
      expect(shortcut.result.output).toEqual(general.result.output);
      expect(JSON.stringify(shortcut.events.map((event) => event.type))).toBe(JSON.stringify(general.events.map((event) => event.type)));
    }
  });

  it('fail as placing would when the input is not an object', async () => {
    for (const input of [[1, 2], 'text', 3, null] as Json[]) {
      const shortcut = await execute(both('$.out'), input);
      const general = await execute(both("$['out']"), input);
      expect(shortcut.result).toMatchObject({ status: 'FAILED', error: 'States.ResultPathMatchFailure' });
      expect(shortcut.result.cause).toBe(general.result.cause);
    }
  });

  it('in a Task and a Map too', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => ({ r: 1 }));
    const task = await execute(taskMachine({ ResultPath: '$.out', OutputPath: '$.out' }), { a: 1 }, { clock, taskPort: port });
    expect(task.result.output).toEqual({ r: 1 });
    const map: Json = {
      StartAt: 'M',
      States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, ResultPath: '$.out', OutputPath: '$.out', End: true } },
    };
    expect((await execute(map, [1, 2])).result).toMatchObject({ status: 'FAILED', error: 'States.ResultPathMatchFailure' });
    const items: Json = { ...(map as Record<string, Json>), States: { M: { ...((map as { States: { M: Record<string, Json> } }).States.M), ItemsPath: '$.items' } } };
    expect((await execute(items, { items: [1, 2] })).result.output).toEqual([1, 2]);
  });
});

describe('joinResultAndOutput', () => {
  const join = (resultPath: Json, outputPath: Json | undefined): string => {
    const cx = new CompileContext('JSONPath');
    const joined = joinResultAndOutput(compileResultPath(resultPath, '', cx), outputPath, compileSelectPath(outputPath, '', cx, 'OutputPath'));
    return `${joined.resultPath.kind}${joined.outputPath === undefined ? '' : ' then OutputPath'}`;
  };

  it('joins the same plain top-level name only', () => {
    expect(join('$.out', '$.out')).toBe('as-output');
    expect(join('$.out', "$['out']")).toBe('path then OutputPath');
    expect(join('$.out', '$.other')).toBe('path then OutputPath');
    expect(join('$.a.b', '$.a.b')).toBe('path then OutputPath');
    expect(join('$.__proto__', '$.__proto__')).toBe('path then OutputPath');
    expect(join('$', '$')).toBe('replace');
    expect(join(null, '$.out')).toBe('discard then OutputPath');
    expect(join('$.out', undefined)).toBe('path');
  });
});

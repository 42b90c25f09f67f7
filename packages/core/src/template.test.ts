/** Payload templates (Parameters, ResultSelector, ItemSelector) evaluated through Pass, Task and Map. */
import { describe, expect, it } from 'vitest';
import { compileStateMachine, createSimulatedClock } from './index.js';
import type { Json } from './index.js';
import { START_MS, execute, recordingPort, taskMachine } from '../test/support.js';

const parameters = (template: Json): Json => ({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: template, End: true } } });
const evaluate = async (template: Json, input: Json): Promise<Json | undefined> => (await execute(parameters(template), input)).result.output;

describe('payload templates', () => {
  it('strip .$ from dynamic keys and keep every other value literal', async () => {
    expect(await evaluate({ 'a.$': '$.x', b: '$.x', c: 1, d: null, e: [true] }, { x: 'X' })).toEqual({ a: 'X', b: '$.x', c: 1, d: null, e: [true] });
  });

  it('recurse into nested objects and into objects inside arrays', async () => {
    const template = { outer: { 'inner.$': '$.x', list: [{ 'item.$': '$.y' }, 'plain', [{ 'deep.$': '$.x' }]] } };
    expect(await evaluate(template, { x: 1, y: 2 })).toEqual({ outer: { inner: 1, list: [{ item: 2 }, 'plain', [{ deep: 1 }]] } });
  });

  it('a path selecting many nodes gives an array; a single node gives the node itself', async () => {
    const input = { items: [{ v: 1 }, { v: 2 }, { v: 3 }] };
    expect(await evaluate({ 'all.$': '$.items[*].v', 'big.$': '$.items[?(@.v > 1)].v', 'one.$': '$.items[0].v' }, input)).toEqual({
      all: [1, 2, 3],
      big: [2, 3],
      one: 1,
    });
  });

  it('$$ paths read the context object', async () => {
    expect(await evaluate({ 'name.$': '$$.State.Name', 'input.$': '$$.Execution.Input.a' }, { a: 5 })).toEqual({ name: 'P', input: 5 });
  });

  it('intrinsic functions are evaluated, with paths as arguments', async () => {
    const template = {
      'text.$': "States.Format('{} + {}', $.a, $.b)",
      'sum.$': 'States.MathAdd($.a, $.b)',
      'array.$': 'States.Array($.a, $.b)',
      'json.$': 'States.JsonToString($.obj)',
    };
    expect(await evaluate(template, { a: 1, b: 2, obj: { k: 'v' } })).toEqual({ text: '1 + 2', sum: 3, array: [1, 2], json: '{"k":"v"}' });
  });

  it('a path that finds nothing fails with States.Runtime (AWS’s cause)', async () => {
    const { result } = await execute(parameters({ 'a.$': '$.x' }), { y: 1 });
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: "An error occurred while executing the state 'P' (entered at the event id #2). The JSONPath '$.x' specified for the field 'a.$' could not be found in the input '{\"y\":1}'",
    });
  });

  it('a template without dynamic keys is returned as written', async () => {
    expect(await evaluate({ a: { b: [1, 2] } }, { ignored: true })).toEqual({ a: { b: [1, 2] } });
  });

  it('literal parts are not shared mutably between executions', async () => {
    const machine = compileStateMachine(parameters({ fixed: { list: [1] }, 'v.$': '$.v' }));
    const first = await machine.start({ v: 1 }, { clock: createSimulatedClock(START_MS) });
    try {
      ((first.output as { fixed: { list: number[] } }).fixed.list).push(2);
    } catch {
      // Frozen literals are fine.
    }
    const second = await machine.start({ v: 2 }, { clock: createSimulatedClock(START_MS) });
    expect(second.output).toEqual({ fixed: { list: [1] }, v: 2 });
  });

  it('a later ResultPath does not modify a literal part of an earlier template output', async () => {
    const definition: Json = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Parameters: { fixed: { n: 1 } }, Next: 'B' },
        B: { Type: 'Pass', Result: 2, ResultPath: '$.fixed.m', End: true },
      },
    };
    const machine = compileStateMachine(definition);
    const clock = createSimulatedClock(START_MS);
    expect((await machine.start({}, { clock })).output).toEqual({ fixed: { n: 1, m: 2 } });
    expect((await machine.start({}, { clock })).output).toEqual({ fixed: { n: 1, m: 2 } });
  });
});

describe('ResultSelector', () => {
  it('sees the raw task result as $ and the context object as $$', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => ({ Payload: { n: 3 }, Extra: 'drop' }));
    const definition = taskMachine({ ResultSelector: { 'n.$': '$.Payload.n', 'state.$': '$$.State.Name' } });
    const { result } = await execute(definition, { input: 1 }, { clock, taskPort: port });
    expect(result.output).toEqual({ n: 3, state: 'Work' });
  });

  it('a path into the result that finds nothing fails with States.Runtime', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => ({}));
    const { result } = await execute(taskMachine({ ResultSelector: { 'n.$': '$.missing' } }), {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

/** The inline Map state: items, ItemSelector, concurrency, failures and history. */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock, TaskFailure } from '../index.js';
import type { Json } from '../index.js';
import { START_MS, eventsOf, execute, recordingPort, sleep, typesOf } from '../../test/support.js';

const PASS_PROCESSOR: Json = { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } };
const TASK_PROCESSOR: Json = { StartAt: 'Item', States: { Item: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } };

function mapMachine(fields: Record<string, Json>): Json {
  return { StartAt: 'Map', States: { Map: { Type: 'Map', ItemProcessor: PASS_PROCESSOR, End: true, ...fields } } };
}

/** A port that takes `seconds(payload)` simulated seconds and echoes the payload. */
function slowPort(seconds: (payload: Json) => number = () => 1) {
  const clock = createSimulatedClock(START_MS);
  const port = recordingPort(clock, async (request) => {
    await sleep(clock, seconds(request.payload) * 1000);
    return request.payload;
  });
  return { clock, port };
}

describe('items', () => {
  it('iterates over the effective input when there is no ItemsPath', async () => {
    const { result } = await execute(mapMachine({}), [1, 'two', { three: 3 }]);
    expect(result.output).toEqual([1, 'two', { three: 3 }]);
  });

  it('takes the items from ItemsPath, applied after InputPath', async () => {
    const { result } = await execute(mapMachine({ InputPath: '$.order', ItemsPath: '$.lines' }), { order: { lines: ['a', 'b'] } });
    expect(result.output).toEqual(['a', 'b']);
  });

  it('an empty array gives an empty result and MapStateStarted length 0', async () => {
    const { result, events } = await execute(mapMachine({ ItemsPath: '$.items' }), { items: [] });
    expect(result.output).toEqual([]);
    expect(eventsOf(events, 'MapStateStarted')[0]?.['mapStateStartedEventDetails']).toEqual({ length: 0 });
  });

  it('items that are not an array fail with States.Runtime', async () => {
    for (const [items, shown] of [
      [null, 'null'],
      [5, '5'],
      ['text', '"text"'],
      [{ a: 1 }, '{"a":1}'],
    ] as const) {
      const { result } = await execute(mapMachine({ ItemsPath: '$.items' }), { items });
      expect(result, shown).toMatchObject({
        status: 'FAILED',
        error: 'States.Runtime',
        cause: `An error occurred while executing the state 'Map' (entered at the event id #2). Map state input must be an array but was: ${shown}`,
      });
    }
  });

  it('a missing ItemsPath fails with States.Runtime', async () => {
    const { result } = await execute(mapMachine({ ItemsPath: '$.nothing' }), {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('ItemSelector', () => {
  it('builds each iteration input from $ (the effective input) and $$.Map.Item', async () => {
    const definition = mapMachine({
      InputPath: '$.content',
      ItemsPath: '$.values',
      ItemSelector: { 'bucket.$': '$.bucket', 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', fixed: 1 },
    });
    const { result } = await execute(definition, { content: { bucket: 'b', values: ['x', { y: 2 }] } });
    expect(result.output).toEqual([
      { bucket: 'b', index: 0, value: 'x', fixed: 1 },
      { bucket: 'b', index: 1, value: { y: 2 }, fixed: 1 },
    ]);
  });

  it('the legacy Parameters and Iterator fields work the same way', async () => {
    const definition: Json = {
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          ItemsPath: '$.items',
          Parameters: { 'at.$': '$$.Map.Item.Index', 'item.$': '$$.Map.Item.Value' },
          Iterator: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', OutputPath: '$.item', End: true } } },
          End: true,
        },
      },
    };
    const { result } = await execute(definition, { items: [10, 20] });
    expect(result.output).toEqual([10, 20]);
  });

  it('$$.Map exists only in the ItemSelector, not in the states of an iteration', async () => {
    const definition = mapMachine({
      ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', Parameters: { 'index.$': '$$.Map.Item.Index' }, End: true } } },
    });
    const { result } = await execute(definition, [1]);
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('a selector path that finds nothing fails with States.Runtime', async () => {
    const { result } = await execute(mapMachine({ ItemSelector: { 'v.$': '$.missing' } }), [1]);
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('MaxConcurrency', () => {
  it('1 runs the iterations one at a time, in order', async () => {
    const { clock, port } = slowPort();
    const { result, elapsedMs } = await execute(mapMachine({ ItemProcessor: TASK_PROCESSOR, MaxConcurrency: 1 }), [1, 2, 3, 4], { clock, taskPort: port });
    expect(result.output).toEqual([1, 2, 3, 4]);
    expect(port.maxInFlight()).toBe(1);
    expect(port.calls.map((call) => call.payload)).toEqual([1, 2, 3, 4]);
    expect(port.callTimes).toEqual([0, 1000, 2000, 3000]);
    expect(elapsedMs).toBe(4000);
  });

  it('0 (or absent) runs every iteration at once', async () => {
    for (const fields of [{ MaxConcurrency: 0 }, {}]) {
      const { clock, port } = slowPort();
      const { result, elapsedMs } = await execute(mapMachine({ ItemProcessor: TASK_PROCESSOR, ...fields }), [1, 2, 3, 4, 5], { clock, taskPort: port });
      expect(result.output).toEqual([1, 2, 3, 4, 5]);
      expect(port.maxInFlight()).toBe(5);
      expect(elapsedMs).toBe(1000);
    }
  });

  it('2 keeps two in flight and starts the next one as soon as one finishes', async () => {
    const { clock, port } = slowPort((payload) => payload as number);
    const { result, elapsedMs } = await execute(mapMachine({ ItemProcessor: TASK_PROCESSOR, MaxConcurrency: 2 }), [3, 1, 1, 1], { clock, taskPort: port });
    expect(result.output).toEqual([3, 1, 1, 1]);
    expect(port.maxInFlight()).toBe(2);
    // 3 s and 1 s start at 0; the 1 s item frees a slot at 1 s, then at 2 s; all end at 3 s.
    expect(port.callTimes).toEqual([0, 0, 1000, 2000]);
    expect(elapsedMs).toBe(3000);
  });

  it('results keep the item order when iterations finish out of order', async () => {
    const { clock, port } = slowPort((payload) => payload as number);
    const { result } = await execute(mapMachine({ ItemProcessor: TASK_PROCESSOR }), [3, 1, 2], { clock, taskPort: port });
    expect(result.output).toEqual([3, 1, 2]);
  });

  it('MaxConcurrencyPath reads the limit from the input', async () => {
    const { clock, port } = slowPort();
    const definition = mapMachine({ ItemProcessor: TASK_PROCESSOR, ItemsPath: '$.values', MaxConcurrencyPath: '$.limit' });
    const { result, elapsedMs } = await execute(definition, { values: [1, 2, 3, 4], limit: 2 }, { clock, taskPort: port });
    expect(result.output).toEqual([1, 2, 3, 4]);
    expect(port.maxInFlight()).toBe(2);
    expect(elapsedMs).toBe(2000);
  });

  it('MaxConcurrencyPath with 0 means no limit', async () => {
    const { clock, port } = slowPort();
    const definition = mapMachine({ ItemProcessor: TASK_PROCESSOR, ItemsPath: '$.values', MaxConcurrencyPath: '$.limit' });
    await execute(definition, { values: [1, 2, 3], limit: 0 }, { clock, taskPort: port });
    expect(port.maxInFlight()).toBe(3);
  });

  it('MaxConcurrencyPath to something that is not a non-negative integer fails with States.Runtime', async () => {
    for (const limit of [-1, 1.5, 'two', '-1', null]) {
      const definition = mapMachine({ ItemsPath: '$.values', MaxConcurrencyPath: '$.limit' });
      const { result } = await execute(definition, { values: [1], limit });
      expect(result, JSON.stringify(limit)).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
      expect(result.cause).toContain('MaxConcurrencyPath');
    }
  });

  it('MaxConcurrencyPath accepts an integer written as a string (AWS-recorded: "1")', async () => {
    const definition = mapMachine({ ItemsPath: '$.values', MaxConcurrencyPath: '$.limit' });
    const { result } = await execute(definition, { values: [1, 2], limit: '1' });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: [1, 2] });
  });
});

describe('a failing iteration', () => {
  it('fails the Map with the iteration’s error and cause', async () => {
    const definition = mapMachine({
      MaxConcurrency: 1,
      ItemProcessor: {
        StartAt: 'Check',
        States: {
          Check: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'Bad' }], Default: 'Good' },
          Bad: { Type: 'Fail', Error: 'ItemFailed', Cause: 'item 2' },
          Good: { Type: 'Pass', End: true },
        },
      },
    });
    const { result, events } = await execute(definition, [1, 2, 3]);
    expect(result).toMatchObject({ status: 'FAILED', error: 'ItemFailed', cause: 'item 2' });
    expect(eventsOf(events, 'MapIterationStarted')).toHaveLength(2);
    expect(eventsOf(events, 'MapIterationFailed')[0]?.['mapIterationFailedEventDetails']).toEqual({ name: 'Map', index: 1 });
    expect(typesOf(events).slice(-2)).toEqual(['MapStateFailed', 'ExecutionFailed']);
  });

  it('stops the iterations still running', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, async (request) => {
      if (request.payload === 'bad') {
        await sleep(clock, 1000);
        throw new TaskFailure('Bad.Item');
      }
      await sleep(clock, 60_000);
      return request.payload;
    });
    const { result, elapsedMs, events } = await execute(mapMachine({ ItemProcessor: TASK_PROCESSOR }), ['slow', 'bad', 'slow'], { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Bad.Item' });
    expect(elapsedMs).toBe(1000);
    expect(port.calls.filter((call) => call.payload === 'slow').every((call) => call.signal.aborted)).toBe(true);
    // Only the failing iteration failed; the stopped ones record no failure of their own,
    // and nothing follows MapStateFailed but the end of the execution.
    expect(eventsOf(events, 'MapIterationFailed').map((event) => event['mapIterationFailedEventDetails'])).toEqual([{ name: 'Map', index: 1 }]);
    const failedAt = events.findIndex((event) => event.type === 'MapStateFailed');
    expect(typesOf(events.slice(failedAt + 1)).filter((type) => !type.endsWith('Aborted'))).toEqual(['ExecutionFailed']);
  });

  it('stopped iterations that were waiting record no failure either', async () => {
    const definition = mapMachine({
      ItemProcessor: {
        StartAt: 'Check',
        States: {
          Check: { Type: 'Choice', Choices: [{ Variable: '$', StringEquals: 'bad', Next: 'Bad' }], Default: 'Long' },
          Bad: { Type: 'Fail', Error: 'Bad.Item' },
          Long: { Type: 'Wait', Seconds: 100, End: true },
        },
      },
    });
    const { result, events, clock } = await execute(definition, ['slow', 'bad', 'slow']);
    expect(result).toMatchObject({ status: 'FAILED', error: 'Bad.Item' });
    expect(eventsOf(events, 'MapIterationFailed').map((event) => event['mapIterationFailedEventDetails'])).toEqual([{ name: 'Map', index: 1 }]);
    expect(typesOf(events).at(-1)).toBe('ExecutionFailed');
    expect(clock.pending()).toBe(0);
  });

  it('is caught by the Map’s Catch with its ResultPath', async () => {
    const definition: Json = {
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          ItemsPath: '$.arr',
          ItemProcessor: { StartAt: 'Fail', States: { Fail: { Type: 'Fail', Error: 'HandleItemFailError', Cause: 'HandleItemFailCause' } } },
          Catch: [{ ErrorEquals: ['HandleItemFailError'], ResultPath: '$.error', Next: 'Caught' }],
          Next: 'Caught',
        },
        Caught: { Type: 'Pass', End: true },
      },
    };
    const { result, events } = await execute(definition, { arr: [1] });
    expect(result.output).toEqual({ arr: [1], error: { Error: 'HandleItemFailError', Cause: 'HandleItemFailCause' } });
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapIterationStarted',
      'FailStateEntered',
      'MapIterationFailed',
      'MapStateFailed',
      'MapStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('an inline Map ignores ToleratedFailureCount', async () => {
    const definition = mapMachine({
      ToleratedFailureCount: 10,
      ItemProcessor: { StartAt: 'Fail', States: { Fail: { Type: 'Fail', Error: 'E' } } },
    });
    const { result } = await execute(definition, [1, 2]);
    expect(result).toMatchObject({ status: 'FAILED', error: 'E' });
  });
});

describe('Map output and history', () => {
  it('goes through ResultSelector, ResultPath and OutputPath', async () => {
    const definition = mapMachine({
      ItemsPath: '$.items',
      ResultSelector: { 'count.$': 'States.ArrayLength($)', 'all.$': '$' },
      ResultPath: '$.summary',
    });
    const { result } = await execute(definition, { items: ['a', 'b'] });
    expect(result.output).toEqual({ items: ['a', 'b'], summary: { count: 2, all: ['a', 'b'] } });
  });

  it('records MapStateStarted, then Started/Succeeded for every iteration', async () => {
    const { events } = await execute(mapMachine({ MaxConcurrency: 1 }), ['a', 'b']);
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapIterationStarted',
      'PassStateEntered',
      'PassStateExited',
      'MapIterationSucceeded',
      'MapIterationStarted',
      'PassStateEntered',
      'PassStateExited',
      'MapIterationSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
    expect(eventsOf(events, 'MapStateStarted')[0]?.['mapStateStartedEventDetails']).toEqual({ length: 2 });
    expect(eventsOf(events, 'MapIterationStarted').map((event) => event['mapIterationStartedEventDetails'])).toEqual([
      { name: 'Map', index: 0 },
      { name: 'Map', index: 1 },
    ]);
    expect(eventsOf(events, 'MapIterationSucceeded').map((event) => event['mapIterationSucceededEventDetails'])).toEqual([
      { name: 'Map', index: 0 },
      { name: 'Map', index: 1 },
    ]);
  });

  it('a thousand synchronous iterations finish without the clock', async () => {
    const items = Array.from({ length: 1000 }, (_, index) => index);
    const { result, elapsedMs } = await execute(mapMachine({ ItemSelector: { 'double.$': 'States.MathAdd($$.Map.Item.Value, $$.Map.Item.Value)' } }), items);
    expect((result.output as { double: number }[]).map((entry) => entry.double)).toEqual(items.map((item) => item * 2));
    expect(elapsedMs).toBe(0);
  });
});

describe('a JSONata Map', () => {
  const jsonataMap = (fields: Record<string, Json>): Json => ({ QueryLanguage: 'JSONata', ...(mapMachine(fields) as Record<string, Json>) });
  const PREFIX = "An error occurred while executing the state 'Map' (entered at the event id #2). ";

  it('iterates over Items, a literal array with expressions in it (AWS-recorded)', async () => {
    const { result } = await execute(jsonataMap({ Items: [1, '{% $number("2") %}', 3], MaxConcurrency: 1 }));
    expect(result.output).toEqual([1, 2, 3]);
  });

  it('iterates over the input without Items; a non-array input fails (AWS-recorded cause)', async () => {
    expect((await execute(jsonataMap({}), ['a', 'b'])).result.output).toEqual(['a', 'b']);
    const { result } = await execute(jsonataMap({}), { items: 1 });
    expect(result).toMatchObject({ error: 'States.QueryEvaluationError', cause: `${PREFIX}Map state input must be an array but was: {"items":1}` });
  });

  it('fails Items that give no array, naming the type (AWS-recorded)', async () => {
    const { result, events } = await execute(jsonataMap({ Items: '{% $states.input.n %}' }), { n: null });
    expect(result.cause).toBe(`${PREFIX}The JSONata expression '$states.input.n' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'null' for value: null`);
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'MapStateEntered', 'EvaluationFailed', 'MapStateFailed', 'ExecutionFailed']);
  });

  it('builds each iteration’s input with ItemSelector over $states.input and $states.context.Map.Item (AWS-recorded)', async () => {
    const definition = jsonataMap({
      Items: '{% $states.input.list %}',
      ItemSelector: { value: '{% $states.context.Map.Item.Value %}', index: '{% $states.context.Map.Item.Index %}', tag: '{% $states.input.tag %}', literal: 'x' },
    });
    const { result } = await execute(definition, { list: ['a', 'b'], tag: 't' });
    expect(result.output).toEqual([
      { value: 'a', index: 0, tag: 't', literal: 'x' },
      { value: 'b', index: 1, tag: 't', literal: 'x' },
    ]);
  });

  it('takes MaxConcurrency from an expression and ends with Output over $states.result', async () => {
    const slow: Json = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } };
    const definition = jsonataMap({ ItemProcessor: slow, MaxConcurrency: '{% $states.input.limit %}', Items: '{% $states.input.list %}', Output: '{% $count($states.result) %}' });
    const { result, elapsedMs } = await execute(definition, { limit: 2, list: [1, 2, 3, 4] });
    expect(result.output).toBe(4);
    expect(elapsedMs).toBe(2000);
  });

  it('fails a MaxConcurrency that is no non-negative integer', async () => {
    const { result } = await execute(jsonataMap({ MaxConcurrency: '{% "all" %}' }), [1]);
    expect(result).toMatchObject({ error: 'States.QueryEvaluationError' });
  });
});

/** The Parallel state: branch order, shared input, failure of one branch, Catch and Retry. */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock, TaskFailure } from '../index.js';
import type { Json } from '../index.js';
import { START_MS, execute, never, recordingPort, sleep, typesOf } from '../../test/support.js';

/** A one-state branch (`End: true` added unless the state is terminal by type). */
function branch(name: string, state: Record<string, Json>): Json {
  const terminal = state.Type === 'Succeed' || state.Type === 'Fail';
  return { StartAt: name, States: { [name]: terminal ? state : { End: true, ...state } } };
}

function parallel(branches: Json[], fields: Record<string, Json> = {}, states: Record<string, Json> = {}): Json {
  return { StartAt: 'Both', States: { Both: { Type: 'Parallel', Branches: branches, End: true, ...fields }, ...states } };
}

describe('Parallel results', () => {
  it('are in Branches order, whatever order the branches finish in', async () => {
    const definition = parallel([
      { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 5, Next: 'SlowResult' }, SlowResult: { Type: 'Pass', Result: 'slow', End: true } } },
      branch('Fast', { Type: 'Pass', Result: 'fast' }),
      { StartAt: 'Mid', States: { Mid: { Type: 'Wait', Seconds: 2, Next: 'MidResult' }, MidResult: { Type: 'Pass', Result: 'mid', End: true } } },
    ]);
    const { result, elapsedMs } = await execute(definition);
    expect(result.output).toEqual(['slow', 'fast', 'mid']);
    expect(elapsedMs).toBe(5000);
  });

  it('every branch receives the same effective input (InputPath, then Parameters)', async () => {
    const definition = parallel(
      [branch('A', { Type: 'Pass' }), branch('B', { Type: 'Pass', InputPath: '$.value' })],
      { InputPath: '$.payload', Parameters: { 'value.$': '$.v', extra: true } },
    );
    const { result } = await execute(definition, { payload: { v: 3 }, other: 1 });
    expect(result.output).toEqual([{ value: 3, extra: true }, 3]);
  });

  it('branches run concurrently', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, async () => {
      await sleep(clock, 1000);
      return 'done';
    });
    const task = (name: string): Json => branch(name, { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke' });
    const { result, elapsedMs } = await execute(parallel([task('A'), task('B'), task('C')]), {}, { clock, taskPort: port });
    expect(result.output).toEqual(['done', 'done', 'done']);
    expect(port.maxInFlight()).toBe(3);
    expect(elapsedMs).toBe(1000);
  });

  it('go through ResultSelector, ResultPath and OutputPath', async () => {
    const definition = parallel([branch('A', { Type: 'Pass', Result: 1 }), branch('B', { Type: 'Pass', Result: 2 })], {
      ResultSelector: { 'first.$': '$[0]', 'all.$': '$' },
      ResultPath: '$.results',
      OutputPath: '$.results',
    });
    const { result } = await execute(definition, { in: true });
    expect(result.output).toEqual({ first: 1, all: [1, 2] });
  });

  it('Succeed in a branch ends only that branch', async () => {
    const definition = parallel([branch('A', { Type: 'Succeed', OutputPath: '$.a' }), branch('B', { Type: 'Pass', Result: 'b' })]);
    const { result } = await execute(definition, { a: 'a' });
    expect(result.output).toEqual(['a', 'b']);
  });

  it('records the Parallel events around the branch events', async () => {
    const definition = parallel([branch('A', { Type: 'Pass' })]);
    const { events } = await execute(definition);
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'PassStateEntered',
      'PassStateExited',
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'ExecutionSucceeded',
    ]);
  });
});

describe('a failing branch', () => {
  it('fails the Parallel with the branch’s own error and cause', async () => {
    const definition = parallel([branch('Ok', { Type: 'Pass' }), branch('Broken', { Type: 'Fail', Error: 'FailureType', Cause: 'Cause description' })]);
    const { result, events } = await execute(definition);
    expect(result).toMatchObject({ status: 'FAILED', error: 'FailureType', cause: 'Cause description' });
    expect(typesOf(events).slice(-2)).toEqual(['ParallelStateFailed', 'ExecutionFailed']);
  });

  it('stops the other branches: their Wait is abandoned and nothing after it runs', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => 'never called');
    const definition = parallel([
      {
        StartAt: 'Long',
        States: {
          Long: { Type: 'Wait', Seconds: 3600, Next: 'After' },
          After: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
        },
      },
      { StartAt: 'Soon', States: { Soon: { Type: 'Wait', Seconds: 2, Next: 'Broken' }, Broken: { Type: 'Fail', Error: 'Boom', Cause: 'broken' } } },
    ]);
    const { result, events, elapsedMs } = await execute(definition, {}, { clock, taskPort: port, type: 'STANDARD' });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Boom', cause: 'broken' });
    expect(elapsedMs).toBe(2000);
    expect(port.calls).toHaveLength(0);
    expect(clock.pending()).toBe(0);
    const failedAt = events.findIndex((event) => event.type === 'ParallelStateFailed');
    // After the Parallel failed, the stopped branch records no exit, no new state, no task event.
    expect(typesOf(events.slice(failedAt + 1)).filter((type) => !type.endsWith('Aborted'))).toEqual(['ExecutionFailed']);
  });

  it('stops a sibling task and aborts its port’s signal, without a TaskFailed event', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => never());
    const definition = parallel([
      branch('Work', { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke' }),
      { StartAt: 'Soon', States: { Soon: { Type: 'Wait', Seconds: 1, Next: 'Broken' }, Broken: { Type: 'Fail', Error: 'Boom' } } },
    ]);
    const { result, events, elapsedMs } = await execute(definition, {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Boom' });
    expect(elapsedMs).toBe(1000);
    expect(port.calls[0]?.signal.aborted).toBe(true);
    expect(typesOf(events)).not.toContain('TaskFailed');
    expect(clock.pending()).toBe(0);
  });

  it('is routed by the Parallel’s Catch, with the error output placed by its ResultPath', async () => {
    const definition: Json = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [branch('Broken', { Type: 'Fail', Error: 'FailureType', Cause: 'Cause description' })],
          Catch: [{ ErrorEquals: ['FailureType'], ResultPath: '$.error', Next: 'Caught' }],
          Next: 'Caught',
        },
        Caught: { Type: 'Pass', End: true },
      },
    };
    const { result, events } = await execute(definition, { in: 1 });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { in: 1, error: { Error: 'FailureType', Cause: 'Cause description' } } });
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'FailStateEntered',
      'ParallelStateFailed',
      'ParallelStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('a branch error is retried by the Parallel’s Retry, re-running every branch', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, (request, index) => {
      if (request.stateName === 'Flaky' && index < 2) throw new TaskFailure('Flaky.Error');
      return request.stateName;
    });
    const task = (name: string): Json => branch(name, { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke' });
    const definition = parallel([task('Steady'), task('Flaky')], { Retry: [{ ErrorEquals: ['Flaky.Error'], IntervalSeconds: 1 }] });
    const { result } = await execute(definition, {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: ['Steady', 'Flaky'] });
    expect(port.calls.map((call) => call.stateName)).toEqual(['Steady', 'Flaky', 'Steady', 'Flaky']);
  });
});

describe('a JSONata Parallel', () => {
  it('hands Arguments to every branch and ends with Output and Assign over $states.result', async () => {
    const definition: Json = {
      QueryLanguage: 'JSONata',
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Arguments: { n: '{% $states.input.n * 2 %}' },
          Branches: [branch('A', { Type: 'Pass', Output: '{% $states.input.n + 1 %}' }), branch('B', { Type: 'Pass', Output: '{% $states.input.n + 2 %}' })],
          Assign: { sum: '{% $sum($states.result) %}' },
          Output: { results: '{% $states.result %}', input: '{% $states.input %}' },
          Next: 'After',
        },
        After: { Type: 'Pass', Output: '{% [$states.input, $sum] %}', End: true },
      },
    };
    const { result } = await execute(definition, { n: 1 });
    expect(result.output).toEqual([{ results: [3, 4], input: { n: 1 } }, 7]);
  });

  it('without Arguments gives the branches its input, and without Output ends with the results', async () => {
    const definition: Json = {
      QueryLanguage: 'JSONata',
      StartAt: 'Both',
      States: { Both: { Type: 'Parallel', Branches: [branch('A', { Type: 'Pass' }), branch('B', { Type: 'Pass', Output: 'b' })], End: true } },
    };
    expect((await execute(definition, { v: 1 })).result.output).toEqual([{ v: 1 }, 'b']);
  });
});

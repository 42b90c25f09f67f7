/**
 * Retry through the public API: a Task whose port fails on demand, on a simulated clock, so
 * the simulated time between calls is exactly the delay the retrier chose.
 */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock, TaskFailure } from './index.js';
import type { Json } from './index.js';
import { START_MS, eventsOf, execute, recordingPort, taskMachine, typesOf } from '../test/support.js';

/** Gaps between consecutive calls, in seconds. */
function gaps(callTimes: readonly number[]): number[] {
  return callTimes.slice(1).map((time, index) => (time - (callTimes[index] as number)) / 1000);
}

/** A port failing with the given error names in turn (then succeeding with `{ok: true}`). */
function failingWith(errors: readonly string[]) {
  const clock = createSimulatedClock(START_MS);
  const port = recordingPort(clock, (_request, index) => {
    const error = errors[index];
    if (error === undefined) return { ok: true };
    throw new TaskFailure(error, `attempt ${index + 1}`);
  });
  return { clock, port };
}

function alwaysFailing(error = 'Boom') {
  return failingWith(Array.from({ length: 50 }, () => error));
}

describe('Retry delays', () => {
  it('waits IntervalSeconds × BackoffRate^attempt between attempts', async () => {
    const { clock, port } = alwaysFailing();
    const definition = taskMachine({ Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 }] });
    const { result, elapsedMs } = await execute(definition, {}, { clock, taskPort: port });
    expect(port.calls).toHaveLength(4);
    expect(gaps(port.callTimes)).toEqual([2, 6, 18]);
    expect(elapsedMs).toBe(26_000);
    expect(result).toMatchObject({ status: 'FAILED', error: 'Boom', cause: 'attempt 4' });
  });

  it('defaults to IntervalSeconds 1, BackoffRate 2, MaxAttempts 3', async () => {
    const { clock, port } = alwaysFailing();
    const { result } = await execute(taskMachine({ Retry: [{ ErrorEquals: ['States.ALL'] }] }), {}, { clock, taskPort: port });
    expect(gaps(port.callTimes)).toEqual([1, 2, 4]);
    expect(result.status).toBe('FAILED');
  });

  it('caps every delay at MaxDelaySeconds', async () => {
    const { clock, port } = alwaysFailing();
    const definition = taskMachine({
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 3, BackoffRate: 2, MaxAttempts: 4, MaxDelaySeconds: 5 }],
    });
    await execute(definition, {}, { clock, taskPort: port });
    expect(gaps(port.callTimes)).toEqual([3, 5, 5, 5]);
  });

  it('keeps fractional backoff delays to the millisecond', async () => {
    const { clock, port } = alwaysFailing();
    const definition = taskMachine({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, BackoffRate: 1.5, MaxAttempts: 3 }] });
    await execute(definition, {}, { clock, taskPort: port });
    expect(gaps(port.callTimes)).toEqual([1, 1.5, 2.25]);
  });

  it('with FULL jitter waits random() × the capped delay', async () => {
    const { clock, port } = alwaysFailing();
    const definition = taskMachine({
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 4, BackoffRate: 2, MaxAttempts: 3, MaxDelaySeconds: 10, JitterStrategy: 'FULL' }],
    });
    await execute(definition, {}, { clock, taskPort: port, start: { random: () => 0.25 } });
    // Uncapped 4, 8, 16 → capped 4, 8, 10 → a quarter of each.
    expect(gaps(port.callTimes)).toEqual([1, 2, 2.5]);
  });

  it('with JitterStrategy NONE ignores the randomness', async () => {
    const { clock, port } = alwaysFailing();
    const definition = taskMachine({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: 2, JitterStrategy: 'NONE' }] });
    await execute(definition, {}, { clock, taskPort: port, start: { random: () => 0.25 } });
    expect(gaps(port.callTimes)).toEqual([1, 1]);
  });

  it('succeeds on a later attempt and keeps that attempt’s result', async () => {
    const { clock, port } = failingWith(['Boom', 'Boom']);
    const { result, elapsedMs } = await execute(taskMachine({ Retry: [{ ErrorEquals: ['Boom'] }] }), {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { ok: true } });
    expect(elapsedMs).toBe(3000);
  });
});

describe('MaxAttempts', () => {
  it('0 never retries and the error goes to Catch at once', async () => {
    const { clock, port } = alwaysFailing();
    const definition = taskMachine(
      { Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 0 }], Catch: [{ ErrorEquals: ['Boom'], Next: 'Caught' }] },
      { Caught: { Type: 'Pass', End: true } },
    );
    const { result, elapsedMs } = await execute(definition, {}, { clock, taskPort: port });
    expect(port.calls).toHaveLength(1);
    expect(elapsedMs).toBe(0);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'Boom', Cause: 'attempt 1' } });
  });

  it('0 on the first matching retrier does not fall through to a later one', async () => {
    const { clock, port } = alwaysFailing();
    const definition = taskMachine({
      Retry: [
        { ErrorEquals: ['Boom'], MaxAttempts: 0 },
        { ErrorEquals: ['States.ALL'], MaxAttempts: 5 },
      ],
    });
    await execute(definition, {}, { clock, taskPort: port });
    expect(port.calls).toHaveLength(1);
  });
});

describe('choosing a retrier', () => {
  it('the first retrier whose ErrorEquals matches decides, even when exhausted', async () => {
    const { clock, port } = alwaysFailing('Custom');
    const definition = taskMachine({
      Retry: [
        { ErrorEquals: ['Other'], MaxAttempts: 9 },
        { ErrorEquals: ['Custom'], MaxAttempts: 1, IntervalSeconds: 1 },
        { ErrorEquals: ['States.ALL'], MaxAttempts: 5, IntervalSeconds: 1 },
      ],
    });
    const { result } = await execute(definition, {}, { clock, taskPort: port });
    expect(port.calls).toHaveLength(2);
    expect(result).toMatchObject({ status: 'FAILED', error: 'Custom' });
  });

  it('an error no retrier matches is not retried', async () => {
    const { clock, port } = alwaysFailing('Unlisted');
    await execute(taskMachine({ Retry: [{ ErrorEquals: ['Listed'] }] }), {}, { clock, taskPort: port });
    expect(port.calls).toHaveLength(1);
  });

  it('matches error names exactly and case-sensitively', async () => {
    const { clock, port } = alwaysFailing('boom');
    await execute(taskMachine({ Retry: [{ ErrorEquals: ['Boom', 'boo', 'boom2'] }] }), {}, { clock, taskPort: port });
    expect(port.calls).toHaveLength(1);
  });

  it('each retrier keeps its own attempt counter across different errors', async () => {
    // A, B, A, then success: A's second delay is 2 s (its own second attempt), not 4 s.
    const { clock, port } = failingWith(['A', 'B', 'A']);
    const definition = taskMachine({
      Retry: [
        { ErrorEquals: ['A'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 3 },
        { ErrorEquals: ['B'], IntervalSeconds: 100, BackoffRate: 1, MaxAttempts: 3 },
      ],
    });
    const { result } = await execute(definition, {}, { clock, taskPort: port });
    expect(gaps(port.callTimes)).toEqual([1, 100, 2]);
    expect(result.status).toBe('SUCCEEDED');
  });

  it('an exhausted retrier stops retrying even if another retrier still has attempts', async () => {
    // A (retry 1 of 1), B (retry 1 of 3), A again: A is exhausted, so the state fails.
    const { clock, port } = failingWith(['A', 'B', 'A', 'B']);
    const definition = taskMachine({
      Retry: [
        { ErrorEquals: ['A'], MaxAttempts: 1 },
        { ErrorEquals: ['B'], MaxAttempts: 3 },
      ],
    });
    const { result } = await execute(definition, {}, { clock, taskPort: port });
    expect(port.calls).toHaveLength(3);
    expect(result).toMatchObject({ status: 'FAILED', error: 'A', cause: 'attempt 3' });
  });

  it('counters start again each time the state is entered', async () => {
    // Each entry fails once and then succeeds; MaxAttempts 1 suffices for every entry.
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, (_request, index) => {
      if (index % 2 === 0) throw new TaskFailure('Flaky');
      return { round: index };
    });
    const definition: Json = {
      StartAt: 'Work',
      States: {
        Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 1 }], Next: 'Again?' },
        'Again?': { Type: 'Choice', Choices: [{ Variable: '$.round', NumericLessThan: 3, Next: 'Work' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const { result } = await execute(definition, {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { round: 3 } });
    expect(port.calls).toHaveLength(4);
  });
});

describe('what is never retried', () => {
  it('States.Runtime, even when named or covered by States.ALL', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => ({ small: 1 }));
    const definition = taskMachine({
      OutputPath: '$.missing',
      Retry: [{ ErrorEquals: ['States.Runtime'] }, { ErrorEquals: ['States.ALL'] }],
    });
    const { result, elapsedMs } = await execute(definition, {}, { clock, taskPort: port });
    expect(port.calls).toHaveLength(1);
    expect(elapsedMs).toBe(0);
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('history of retries', () => {
  it('repeats Scheduled/Started/Failed with no new StateEntered', async () => {
    const { clock, port } = failingWith(['Boom', 'Boom']);
    const { events } = await execute(taskMachine({ Retry: [{ ErrorEquals: ['Boom'] }] }), {}, { clock, taskPort: port });
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    // The retries are scheduled after the back-off, at the clock's time.
    expect(eventsOf(events, 'TaskScheduled').map((event) => event.timestamp - START_MS)).toEqual([0, 1000, 3000]);
  });

  it('a retried Map re-runs every iteration with a new MapStateStarted', async () => {
    const definition: Json = {
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'Fail', States: { Fail: { Type: 'Fail', Error: 'ItemFailed', Cause: 'no' } } },
          Retry: [
            { ErrorEquals: ['NoSuchError'], MaxAttempts: 1 },
            { ErrorEquals: ['ItemFailed'], MaxAttempts: 2, IntervalSeconds: 1 },
          ],
          End: true,
        },
      },
    };
    const { result, events, elapsedMs } = await execute(definition, [1]);
    expect(result).toMatchObject({ status: 'FAILED', error: 'ItemFailed', cause: 'no' });
    expect(eventsOf(events, 'MapStateEntered')).toHaveLength(1);
    expect(eventsOf(events, 'MapStateStarted')).toHaveLength(3);
    expect(elapsedMs).toBe(3000);
  });

  it('a retried Parallel re-runs every branch', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, (_request, index) => {
      if (index < 2) throw new TaskFailure('Boom');
      return index;
    });
    const branch = (name: string): Json => ({ StartAt: name, States: { [name]: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } });
    const definition: Json = {
      StartAt: 'Both',
      States: { Both: { Type: 'Parallel', Branches: [branch('One'), branch('Two')], Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 2 }], End: true } },
    };
    const { result } = await execute(definition, {}, { clock, taskPort: port });
    // Attempt 1: both branches fail (calls 0 and 1); attempt 2: calls 2 and 3 succeed.
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: [2, 3] });
    expect(port.calls.map((call) => call.stateName)).toEqual(['One', 'Two', 'One', 'Two']);
  });
});

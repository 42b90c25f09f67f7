/** Activity tasks: Activity* events, timers from ActivityStarted, refusal to schedule. */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock, TaskFailure } from '../index.js';
import type { Json, TaskPort, TaskRequest } from '../index.js';
import type { ExecuteOptions } from '../../test/support.js';
import { START_MS, eventsOf, execute, never, sleep, taskMachine, typesOf } from '../../test/support.js';

const ACTIVITY = 'arn:aws:states:us-east-1:123456789012:activity:review';

/** Activities exist only in STANDARD machines. */
function run(definition: Json, input: Json, options: ExecuteOptions) {
  return execute(definition, input, { type: 'STANDARD', ...options });
}

/** A worker that takes the task after `pickUpMs` (as `workerName`), then answers with `work`. */
function workerPort(pickUpMs: number, workerName: string | undefined, work: (request: TaskRequest) => Promise<Json>) {
  const clock = createSimulatedClock(START_MS);
  const requests: TaskRequest[] = [];
  const port: TaskPort = {
    issueTaskToken: () => 'activity-token',
    async invoke(request) {
      requests.push(request);
      await sleep(clock, pickUpMs);
      request.started?.(workerName);
      return work(request);
    },
  };
  return { clock, port, requests };
}

describe('activity history', () => {
  it('records ActivityScheduled, ActivityStarted with the worker’s name and ActivitySucceeded', async () => {
    const { clock, port, requests } = workerPort(2000, 'worker-1', async (request) => ({ reviewed: request.payload }));
    const { result, events } = await run(taskMachine({ Resource: ACTIVITY, Parameters: { 'id.$': '$.id' } }), { id: 3 }, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { reviewed: { id: 3 } } });
    expect(requests[0]).toMatchObject({ resource: ACTIVITY, taskToken: 'activity-token', payload: { id: 3 } });
    // AWS-observed: no Task node in an activity's context object.
    expect(requests[0]?.context).not.toHaveProperty('Task');
    expect(events.slice(1, 6).map((event) => [event.id, event.previousEventId, event.type])).toEqual([
      [2, 0, 'TaskStateEntered'],
      [3, 2, 'ActivityScheduled'],
      [4, 3, 'ActivityStarted'],
      [5, 4, 'ActivitySucceeded'],
      [6, 5, 'TaskStateExited'],
    ]);
    // AWS-observed: no timeoutInSeconds/heartbeatInSeconds when the state gives none.
    expect(events[2]?.['activityScheduledEventDetails']).toEqual({ resource: ACTIVITY, input: '{"id":3}', inputDetails: { truncated: false } });
    expect(events[3]?.['activityStartedEventDetails']).toEqual({ workerName: 'worker-1' });
    expect(events[4]?.['activitySucceededEventDetails']).toEqual({ output: '{"reviewed":{"id":3}}', outputDetails: { truncated: false } });
  });

  it('shows the timeouts the state gives, and empty started details without a worker name', async () => {
    const { clock, port } = workerPort(0, undefined, async () => 'ok');
    const { events } = await run(taskMachine({ Resource: ACTIVITY, TimeoutSeconds: 60, HeartbeatSeconds: 10 }), {}, { clock, taskPort: port });
    expect(eventsOf(events, 'ActivityScheduled')[0]?.['activityScheduledEventDetails']).toMatchObject({ timeoutInSeconds: 60, heartbeatInSeconds: 10 });
    expect(eventsOf(events, 'ActivityStarted')[0]?.['activityStartedEventDetails']).toEqual({});
  });

  it('a worker’s failure is ActivityFailed with its error and cause', async () => {
    const { clock, port } = workerPort(0, 'w', () => Promise.reject(new TaskFailure('Programmatic Error', 'bad input')));
    const { result, events } = await run(taskMachine({ Resource: ACTIVITY }), {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Programmatic Error', cause: 'bad input' });
    expect(typesOf(events).slice(2)).toEqual(['ActivityScheduled', 'ActivityStarted', 'ActivityFailed', 'ExecutionFailed']);
    expect(eventsOf(events, 'ActivityFailed')[0]).toMatchObject({ previousEventId: 4, activityFailedEventDetails: { error: 'Programmatic Error', cause: 'bad input' } });
  });
});

describe('activity timers', () => {
  it('TimeoutSeconds counts from ActivityStarted, not from scheduling', async () => {
    const { clock, port, requests } = workerPort(100_000, 'slow-fleet', () => never());
    const { result, events, elapsedMs } = await run(taskMachine({ Resource: ACTIVITY, TimeoutSeconds: 10 }), {}, { clock, taskPort: port });
    expect(elapsedMs).toBe(110_000);
    expect(result.error).toBe('States.Timeout');
    expect(eventsOf(events, 'ActivityTimedOut')[0]).toMatchObject({ previousEventId: 4, activityTimedOutEventDetails: { error: 'States.Timeout' } });
    expect(requests[0]?.signal.aborted).toBe(true);
    expect(clock.pending()).toBe(0);
  });

  it('HeartbeatSeconds counts from ActivityStarted; a missed heartbeat is caught as States.HeartbeatTimeout', async () => {
    const { clock, port } = workerPort(50_000, 'w', () => never());
    const definition = taskMachine(
      { Resource: ACTIVITY, TimeoutSeconds: 600, HeartbeatSeconds: 5, Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Caught' }] },
      { Caught: { Type: 'Pass', End: true } },
    );
    const { result, events, elapsedMs } = await run(definition, {}, { clock, taskPort: port });
    expect(elapsedMs).toBe(55_000);
    expect(result.output).toEqual({ Error: 'States.Timeout' });
    expect(typesOf(events)).toContain('ActivityTimedOut');
  });

  it('heartbeats before a worker took the task change nothing', async () => {
    const clock = createSimulatedClock(START_MS);
    const port: TaskPort = {
      async invoke(request) {
        request.heartbeat();
        await sleep(clock, 20_000);
        request.started?.('w');
        request.started?.('other');
        await sleep(clock, 3000);
        return 'done';
      },
    };
    const { result, events } = await run(taskMachine({ Resource: ACTIVITY, HeartbeatSeconds: 5 }), {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'done' });
    expect(eventsOf(events, 'ActivityStarted').map((event) => event['activityStartedEventDetails'])).toEqual([{ workerName: 'w' }]);
  });

  it('a task no worker takes is bounded by the machine’s TimeoutSeconds', async () => {
    const clock = createSimulatedClock(START_MS);
    const port: TaskPort = { invoke: () => never() };
    const { result, events, elapsedMs } = await run(taskMachine({ Resource: ACTIVITY, TimeoutSeconds: 5 }, {}, { TimeoutSeconds: 30 }), {}, { clock, taskPort: port });
    expect(result.status).toBe('TIMED_OUT');
    expect(elapsedMs).toBe(30_000);
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ActivityScheduled', 'ExecutionTimedOut']);
  });
});

describe('scheduling an activity', () => {
  it('a port that refuses the token fails the state with States.Runtime before ActivityScheduled', async () => {
    const clock = createSimulatedClock(START_MS);
    const port: TaskPort = {
      issueTaskToken: () => Promise.reject(new TaskFailure('States.Runtime', `The activity ${ACTIVITY} does not exist.`)),
      invoke: () => Promise.resolve('never called'),
    };
    const definition = taskMachine({ Resource: ACTIVITY, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] }, { Caught: { Type: 'Pass', End: true } });
    const { result, events } = await run(definition, {}, { clock, taskPort: port });
    // AWS-observed (activity deleted before the execution ran): uncatchable, no Activity* event.
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: `An error occurred while executing the state 'Work' (entered at the event id #2). The activity ${ACTIVITY} does not exist.`,
    });
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ExecutionFailed']);
  });

  it('a token issued synchronously or asynchronously reaches the port the same', async () => {
    const issuers: [string, () => string | Promise<string>][] = [
      ['sync-token', () => 'sync-token'],
      ['async-token', () => Promise.resolve('async-token')],
    ];
    for (const [expected, issue] of issuers) {
      const clock = createSimulatedClock(START_MS);
      const tokens: (string | undefined)[] = [];
      const port: TaskPort = {
        issueTaskToken: issue,
        invoke(request) {
          tokens.push(request.taskToken);
          request.started?.('w');
          return Promise.resolve(null);
        },
      };
      const { result } = await run(taskMachine({ Resource: ACTIVITY }), {}, { clock, taskPort: port });
      expect(result.status).toBe('SUCCEEDED');
      expect(tokens).toEqual([expected]);
    }
  });
});

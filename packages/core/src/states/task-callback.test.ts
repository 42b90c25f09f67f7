/** `.waitForTaskToken` tasks: the token in the context object, TaskSubmitted, and the waits. */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock, TaskFailure } from '../index.js';
import type { Json, TaskPort, TaskRequest, TaskTokenRequest } from '../index.js';
import type { ExecuteOptions } from '../../test/support.js';
import { START_MS, eventsOf, execute, never, sleep, taskMachine, typesOf } from '../../test/support.js';

const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

/** Callbacks exist only in STANDARD machines (EXPRESS ones are refused at creation). */
function run(definition: Json, input: Json, options: ExecuteOptions) {
  return execute(definition, input, { type: 'STANDARD', ...options });
}

/**
 * A port that answers the submit step with `{ MessageId }`, then leaves the answer to the
 * test: `answer(i)` is what call i resolves with (or throws), after the test's own waits.
 */
function callbackPort(answer: (request: TaskRequest, index: number) => Promise<Json>) {
  const clock = createSimulatedClock(START_MS);
  const requests: TaskRequest[] = [];
  const tokenRequests: TaskTokenRequest[] = [];
  let issued = 0;
  const port: TaskPort = {
    issueTaskToken(request) {
      tokenRequests.push(request);
      issued += 1;
      return `token-${issued}`;
    },
    async invoke(request) {
      const index = requests.length;
      requests.push(request);
      request.submitted?.({ MessageId: `m-${index}` });
      return answer(request, index);
    },
  };
  return { clock, port, requests, tokenRequests };
}

describe('the task token', () => {
  it('is $$.Task.Token while Parameters are evaluated and reaches the port with the request', async () => {
    const { clock, port, requests, tokenRequests } = callbackPort(() => Promise.resolve({ ok: true }));
    const definition = taskMachine({
      Resource: CALLBACK,
      Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$.id' } },
    });
    const { result } = await run(definition, { id: 7 }, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { ok: true } });
    expect(tokenRequests).toEqual([{ resource: CALLBACK, stateName: 'Work', pattern: 'callback' }]);
    expect(requests[0]).toMatchObject({ taskToken: 'token-1', payload: { QueueUrl: 'q', MessageBody: { token: 'token-1', order: 7 } } });
    expect(requests[0]?.context).toMatchObject({ Task: { Token: 'token-1' } });
  });

  it('is $states.context.Task.Token in JSONata Arguments', async () => {
    const { clock, port, requests } = callbackPort((request) => Promise.resolve(request.taskToken ?? null));
    const definition = taskMachine(
      { Resource: CALLBACK, Arguments: { token: '{% $states.context.Task.Token %}' }, Output: { echoed: '{% $states.result %}' } },
      {},
      { QueryLanguage: 'JSONata' },
    );
    const { result } = await run(definition, {}, { clock, taskPort: port });
    expect(requests[0]?.payload).toEqual({ token: 'token-1' });
    expect(result.output).toEqual({ echoed: 'token-1' });
  });

  it('is new for every attempt, and gone from the context after the state', async () => {
    const { clock, port, requests } = callbackPort((_request, index) => (index === 0 ? Promise.reject(new TaskFailure('Flaky')) : Promise.resolve('ok')));
    const definition = taskMachine(
      { Resource: CALLBACK, Parameters: { 't.$': '$$.Task.Token' }, Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1 }], Next: 'After' },
      { After: { Type: 'Pass', Parameters: { 'context.$': '$$' }, End: true } },
    );
    const { result } = await run(definition, {}, { clock, taskPort: port });
    expect(requests.map((request) => request.payload)).toEqual([{ t: 'token-1' }, { t: 'token-2' }]);
    expect(result.output).not.toHaveProperty('context.Task');
  });

  it('is made from the execution’s randomness when the port issues none', async () => {
    const clock = createSimulatedClock(START_MS);
    const seen: (string | undefined)[] = [];
    const port: TaskPort = {
      invoke(request) {
        seen.push(request.taskToken);
        return Promise.resolve(request.payload);
      },
    };
    const { result } = await run(taskMachine({ Resource: CALLBACK, Parameters: { 't.$': '$$.Task.Token' } }), {}, { clock, taskPort: port });
    expect(seen[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.output).toEqual({ t: seen[0] });
  });

  it('is not given to request-response tasks', async () => {
    const { clock, port, tokenRequests, requests } = callbackPort(() => Promise.resolve(1));
    await run(taskMachine({ Resource: 'arn:aws:states:::sqs:sendMessage' }), {}, { clock, taskPort: port });
    expect(tokenRequests).toEqual([]);
    expect(requests[0]).not.toHaveProperty('taskToken');
    expect(requests[0]?.context).not.toHaveProperty('Task');
  });
});

describe('callback history', () => {
  it('records TaskSubmitted with the service’s answer, then TaskSucceeded with the callback output', async () => {
    const { clock, port } = callbackPort(async () => {
      await sleep(clock, 30_000);
      return { approved: true };
    });
    const { events, elapsedMs } = await run(taskMachine({ Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' } }), {}, { clock, taskPort: port });
    expect(elapsedMs).toBe(30_000);
    expect(events.slice(1, 7).map((event) => [event.id, event.previousEventId, event.type])).toEqual([
      [2, 0, 'TaskStateEntered'],
      [3, 2, 'TaskScheduled'],
      [4, 3, 'TaskStarted'],
      [5, 4, 'TaskSubmitted'],
      [6, 5, 'TaskSucceeded'],
      [7, 6, 'TaskStateExited'],
    ]);
    expect(events[2]?.['taskScheduledEventDetails']).toMatchObject({ resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', parameters: '{"token":"token-1"}' });
    expect(events[4]?.['taskSubmittedEventDetails']).toEqual({
      resourceType: 'sqs',
      resource: 'sendMessage.waitForTaskToken',
      output: '{"MessageId":"m-0"}',
      outputDetails: { truncated: false },
    });
    expect(events[5]?.['taskSucceededEventDetails']).toMatchObject({ output: '{"approved":true}' });
  });

  it('a failure sent for the token becomes the task’s error, which Catch routes', async () => {
    const { clock, port } = callbackPort(() => Promise.reject(new TaskFailure('Failure error', 'Failure cause')));
    const definition = taskMachine(
      { Resource: CALLBACK, Catch: [{ ErrorEquals: ['Failure error'], ResultPath: '$.failure', Next: 'Handled' }] },
      { Handled: { Type: 'Pass', End: true } },
    );
    const { result, events } = await run(definition, { a: 1 }, { clock, taskPort: port });
    expect(result.output).toEqual({ a: 1, failure: { Error: 'Failure error', Cause: 'Failure cause' } });
    expect(eventsOf(events, 'TaskFailed')[0]).toMatchObject({
      previousEventId: 5,
      taskFailedEventDetails: { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', error: 'Failure error', cause: 'Failure cause' },
    });
  });

  it('a port that answers without a submit step records no TaskSubmitted (mocked callbacks)', async () => {
    const clock = createSimulatedClock(START_MS);
    const port: TaskPort = { invoke: () => Promise.resolve('mocked') };
    const { events } = await run(taskMachine({ Resource: CALLBACK }), {}, { clock, taskPort: port });
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  });

  it('only the first submit report counts, and none after the task ended', async () => {
    let late: ((output: Json) => void) | undefined;
    const clock = createSimulatedClock(START_MS);
    const port: TaskPort = {
      invoke(request) {
        request.submitted?.(1);
        request.submitted?.(2);
        late = request.submitted;
        return Promise.resolve('done');
      },
    };
    const definition = taskMachine({ Resource: CALLBACK, Next: 'Later' }, { Later: { Type: 'Wait', Seconds: 5, End: true } });
    const execution = run(definition, {}, { clock, taskPort: port });
    await sleep(clock, 1000);
    late?.(3);
    const { events } = await execution;
    expect(eventsOf(events, 'TaskSubmitted').map((event) => event['taskSubmittedEventDetails'])).toEqual([
      { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', output: '1', outputDetails: { truncated: false } },
    ]);
  });
});

describe('waiting for the callback', () => {
  it('times out after HeartbeatSeconds without a heartbeat: TaskTimedOut with States.Timeout', async () => {
    const { clock, port, requests } = callbackPort(() => never());
    const { result, events, elapsedMs } = await run(taskMachine({ Resource: CALLBACK, TimeoutSeconds: 600, HeartbeatSeconds: 5 }), {}, { clock, taskPort: port });
    expect(elapsedMs).toBe(5000);
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    // AWS-observed (LocalStack's heartbeat snapshots): the event says States.Timeout.
    expect(typesOf(events).slice(2)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskTimedOut', 'ExecutionFailed']);
    expect(eventsOf(events, 'TaskTimedOut')[0]).toMatchObject({
      previousEventId: 5,
      taskTimedOutEventDetails: { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', error: 'States.Timeout' },
    });
    expect(requests[0]?.signal.aborted).toBe(true);
    expect(clock.pending()).toBe(0);
  });

  it('a missed heartbeat is caught as States.HeartbeatTimeout, a plain timeout is not', async () => {
    const catchHeartbeat = (fields: Record<string, Json>) =>
      taskMachine({ Resource: CALLBACK, ...fields, Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Caught' }] }, { Caught: { Type: 'Pass', End: true } });
    const missed = callbackPort(() => never());
    const caught = await run(catchHeartbeat({ TimeoutSeconds: 60, HeartbeatSeconds: 5 }), {}, { clock: missed.clock, taskPort: missed.port });
    expect(caught.result).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'States.Timeout' } });
    const slow = callbackPort(() => never());
    const timedOut = await run(catchHeartbeat({ TimeoutSeconds: 5 }), {}, { clock: slow.clock, taskPort: slow.port });
    expect(timedOut.result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('heartbeats keep the task waiting; TimeoutSeconds still ends it', async () => {
    const { clock, port } = callbackPort(async (request) => {
      while (!request.signal.aborted) {
        await sleep(clock, 4000);
        request.heartbeat();
      }
      return 'stopped';
    });
    const { result, elapsedMs } = await run(taskMachine({ Resource: CALLBACK, TimeoutSeconds: 30, HeartbeatSeconds: 5 }), {}, { clock, taskPort: port });
    expect(result.error).toBe('States.Timeout');
    expect(elapsedMs).toBe(30_000);
  });

  it('stopping the execution aborts the wait', async () => {
    const { clock, port, requests } = callbackPort(() => never());
    const controller = new AbortController();
    const execution = run(taskMachine({ Resource: CALLBACK }), {}, { clock, taskPort: port, start: { signal: controller.signal } });
    await sleep(clock, 1000);
    controller.abort();
    const { result, events } = await execution;
    expect(result.status).toBe('ABORTED');
    expect(requests[0]?.signal.aborted).toBe(true);
    expect(eventsOf(events, 'TaskTimedOut')).toEqual([]);
  });
});

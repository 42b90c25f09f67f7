/** The Task state through the public API, with fake task ports on a simulated clock. */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock, TaskFailure } from '../index.js';
import type { Json, TaskPort, TaskRequest } from '../index.js';
import { LAMBDA_RESOURCE, SERVICE_RESOURCE, START_MS, eventsOf, execute, never, recordingPort, sleep, taskMachine, typesOf } from '../../test/support.js';

function portOf(answer: (request: TaskRequest, index: number) => Json | Promise<Json>) {
  const clock = createSimulatedClock(START_MS);
  return { clock, port: recordingPort(clock, answer) };
}

describe('the request a task port receives', () => {
  it('carries the resource, the payload after InputPath and Parameters, the state name and the timeouts', async () => {
    const { clock, port } = portOf(() => ({ done: true }));
    const definition = taskMachine({
      InputPath: '$.order',
      Parameters: { 'id.$': '$.id', fixed: 'yes', 'state.$': '$$.State.Name' },
      TimeoutSeconds: 30,
      HeartbeatSeconds: 10,
      Credentials: { 'RoleArn.$': '$.role' },
    });
    const { result } = await execute(definition, { order: { id: 7, role: 'arn:aws:iam::1:role/x' } }, { clock, taskPort: port });
    expect(result.status).toBe('SUCCEEDED');
    const request = port.calls[0] as TaskRequest;
    expect(request).toMatchObject({
      resource: SERVICE_RESOURCE,
      payload: { id: 7, fixed: 'yes', state: 'Work' },
      stateName: 'Work',
      timeoutMs: 30_000,
      heartbeatMs: 10_000,
      credentials: { RoleArn: 'arn:aws:iam::1:role/x' },
    });
    expect(request.signal.aborted).toBe(false);
    expect(request.context).toMatchObject({ State: { Name: 'Work' }, Execution: { Name: 'test-execution' } });
  });

  it('carries the context object with the time the Task state was entered', async () => {
    const { clock, port } = portOf(() => 'ok');
    const definition: Json = {
      StartAt: 'Look',
      States: {
        Look: { Type: 'Pass', Parameters: { 'at.$': '$$.State.EnteredTime' }, Next: 'Pause' },
        Pause: { Type: 'Wait', Seconds: 10, Next: 'Work' },
        Work: { Type: 'Task', Resource: SERVICE_RESOURCE, End: true },
      },
    };
    await execute(definition, {}, { clock, taskPort: port });
    expect(port.calls[0]?.context).toMatchObject({ State: { Name: 'Work', EnteredTime: '2026-01-01T00:00:10.000Z' } });
  });

  it('keeps the state’s entry time in the context of a retried attempt', async () => {
    const { clock, port } = portOf((_request, index) => {
      if (index === 0) throw new TaskFailure('Flaky');
      return 'ok';
    });
    await execute(taskMachine({ Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 5 }] }), {}, { clock, taskPort: port });
    expect(port.callTimes).toEqual([0, 5000]);
    for (const call of port.calls) expect(call.context).toMatchObject({ State: { Name: 'Work', EnteredTime: '2026-01-01T00:00:00.000Z' } });
  });

  it('has no heartbeat and AWS’s default timeout (99999999 s) when none is given', async () => {
    const { clock, port } = portOf(() => null);
    await execute(taskMachine({}), {}, { clock, taskPort: port });
    expect(port.calls[0]).toMatchObject({ timeoutMs: 99_999_999_000, heartbeatMs: undefined, credentials: undefined, payload: {} });
  });
});

describe('the task result', () => {
  it('goes through ResultSelector, ResultPath and OutputPath', async () => {
    const { clock, port } = portOf(() => ({ Payload: { total: 42 }, StatusCode: 200 }));
    const definition = taskMachine({
      ResultSelector: { 'total.$': '$.Payload.total', 'code.$': '$.StatusCode' },
      ResultPath: '$.result',
      OutputPath: '$.result',
    });
    const { result } = await execute(definition, { in: 1 }, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { total: 42, code: 200 } });
  });

  it('ResultPath null keeps the raw input', async () => {
    const { clock, port } = portOf(() => 'ignored');
    const { result } = await execute(taskMachine({ ResultPath: null }), { in: 1 }, { clock, taskPort: port });
    expect(result.output).toEqual({ in: 1 });
  });

  it('may be any JSON value', async () => {
    for (const value of [null, 0, 'text', [1, 2], false]) {
      const { clock, port } = portOf(() => value);
      const { result } = await execute(taskMachine({}), {}, { clock, taskPort: port });
      expect(result.output).toEqual(value);
    }
  });
});

describe('task failures', () => {
  it('a port that throws a plain Error fails with States.TaskFailed', async () => {
    const { clock, port } = portOf(() => {
      throw new Error('connection refused');
    });
    const { result, events } = await execute(taskMachine({}), {}, { clock, taskPort: port });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.TaskFailed');
    expect(result.cause).toContain('connection refused');
    expect(eventsOf(events, 'TaskFailed')[0]?.['taskFailedEventDetails']).toMatchObject({ error: 'States.TaskFailed', resourceType: 'lambda', resource: 'invoke' });
  });

  it('a port that throws synchronously fails the same way', async () => {
    const port: TaskPort = {
      invoke() {
        throw new Error('thrown at once');
      },
    };
    const { result } = await execute(taskMachine({}), {}, { taskPort: port });
    expect(result.error).toBe('States.TaskFailed');
    expect(result.cause).toContain('thrown at once');
  });

  it('a port that rejects with a non-Error value fails with States.TaskFailed', async () => {
    const port: TaskPort = { invoke: () => Promise.reject(new Error('x')).catch(() => Promise.reject('plain text' as unknown as Error)) };
    const { result } = await execute(taskMachine({}), {}, { taskPort: port });
    expect(result.error).toBe('States.TaskFailed');
    expect(result.cause).toContain('plain text');
  });

  it('TaskFailure(error, cause) fails with exactly that error and cause', async () => {
    const { clock, port } = portOf(() => {
      throw new TaskFailure('Lambda.ServiceException', 'the service is down');
    });
    const { result } = await execute(taskMachine({}), {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Lambda.ServiceException', cause: 'the service is down' });
  });

  it('TaskFailure without a cause fails without one', async () => {
    const { clock, port } = portOf(() => {
      throw new TaskFailure('Custom');
    });
    const { result } = await execute(taskMachine({}), {}, { clock, taskPort: port });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('Custom');
    expect(result).not.toHaveProperty('cause');
  });

  it('without a task port the task fails with States.TaskFailed', async () => {
    const { result } = await execute(taskMachine({}), {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.TaskFailed');
  });
});

describe('TimeoutSeconds', () => {
  it('a port that never answers times out with States.Timeout after TimeoutSeconds', async () => {
    const { clock, port } = portOf(() => never());
    const { result, events, elapsedMs } = await execute(taskMachine({ TimeoutSeconds: 7 }), {}, { clock, taskPort: port });
    expect(elapsedMs).toBe(7000);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Timeout');
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskTimedOut', 'ExecutionFailed']);
    expect(eventsOf(events, 'TaskScheduled')[0]?.['taskScheduledEventDetails']).toMatchObject({ timeoutInSeconds: 7 });
    // The port is told to stop.
    expect(port.calls[0]?.signal.aborted).toBe(true);
    expect(clock.pending()).toBe(0);
  });

  it('a direct Lambda ARN records LambdaFunctionTimedOut', async () => {
    const { clock, port } = portOf(() => never());
    const { result, events } = await execute(taskMachine({ Resource: LAMBDA_RESOURCE, TimeoutSeconds: 2 }), {}, { clock, taskPort: port });
    expect(result.error).toBe('States.Timeout');
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionTimedOut',
      'ExecutionFailed',
    ]);
  });

  it('an answer within TimeoutSeconds succeeds', async () => {
    const { clock, port } = portOf(async () => {
      await sleep(clock, 6_999);
      return 'in time';
    });
    const { result, elapsedMs } = await execute(taskMachine({ TimeoutSeconds: 7 }), {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'in time' });
    expect(elapsedMs).toBe(6_999);
    expect(clock.pending()).toBe(0);
  });

  it('an answer arriving after the timeout is ignored', async () => {
    const { clock, port } = portOf(async () => {
      await sleep(clock, 10_000);
      return 'too late';
    });
    const definition = taskMachine({ TimeoutSeconds: 3, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Late' }] }, { Late: { Type: 'Wait', Seconds: 20, End: true } });
    const { result } = await execute(definition, {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'States.Timeout' } });
  });

  it('a timed-out task is retried by a States.Timeout retrier, each attempt with its own timeout', async () => {
    const { clock, port } = portOf((_request, index) => (index < 2 ? never() : 'third time'));
    const definition = taskMachine({ TimeoutSeconds: 5, Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 1, BackoffRate: 1 }] });
    const { result, events, elapsedMs } = await execute(definition, {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'third time' });
    expect(port.callTimes).toEqual([0, 6000, 12_000]);
    expect(elapsedMs).toBe(12_000);
    expect(events.filter((event) => event.type === 'TaskTimedOut')).toHaveLength(2);
    expect(port.calls.slice(0, 2).every((call) => call.signal.aborted)).toBe(true);
  });

  it('TimeoutSecondsPath reads the timeout from the effective input', async () => {
    const { clock, port } = portOf(() => never());
    const { result, elapsedMs } = await execute(taskMachine({ InputPath: '$.cfg', TimeoutSecondsPath: '$.timeout' }), { cfg: { timeout: 4 } }, { clock, taskPort: port });
    expect(result.error).toBe('States.Timeout');
    expect(elapsedMs).toBe(4000);
    expect(port.calls[0]?.timeoutMs).toBe(4000);
  });

  it('TimeoutSecondsPath to something other than a positive integer is a States.Runtime error', async () => {
    for (const timeout of [0, -1, 1.5, '4', null]) {
      const { clock, port } = portOf(() => 'never called');
      const { result } = await execute(taskMachine({ TimeoutSecondsPath: '$.timeout' }), { timeout }, { clock, taskPort: port });
      expect(result.status, JSON.stringify(timeout)).toBe('FAILED');
      expect(result.error).toBe('States.Runtime');
      expect(result.cause).toMatch(/^An error occurred while executing the state 'Work' \(entered at the event id #2\)\. .*TimeoutSecondsPath/);
      expect(port.calls).toHaveLength(0);
    }
  });
});

describe('HeartbeatSeconds', () => {
  it('a port that stops sending heartbeats times out HeartbeatSeconds after the last one', async () => {
    const { clock, port } = portOf(async (request) => {
      for (let i = 0; i < 3; i++) {
        await sleep(clock, 2000);
        request.heartbeat();
      }
      return never();
    });
    const { result, events, elapsedMs } = await execute(taskMachine({ TimeoutSeconds: 100, HeartbeatSeconds: 3 }), {}, { clock, taskPort: port });
    expect(elapsedMs).toBe(9000);
    expect(result.error).toBe('States.Timeout');
    // AWS-observed: the details member of TaskTimedOut is taskTimedOutEventDetails.
    expect(eventsOf(events, 'TaskTimedOut')[0]?.['taskTimedOutEventDetails']).toEqual({ resourceType: 'lambda', resource: 'invoke', error: 'States.Timeout' });
    expect(port.calls[0]?.signal.aborted).toBe(true);
  });

  it('heartbeats keep a long task alive past HeartbeatSeconds', async () => {
    const { clock, port } = portOf(async (request) => {
      for (let i = 0; i < 10; i++) {
        await sleep(clock, 2000);
        request.heartbeat();
      }
      return 'finished';
    });
    const { result, elapsedMs } = await execute(taskMachine({ TimeoutSeconds: 100, HeartbeatSeconds: 3 }), {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'finished' });
    expect(elapsedMs).toBe(20_000);
    expect(clock.pending()).toBe(0);
  });

  it('heartbeats do not extend TimeoutSeconds', async () => {
    const { clock, port } = portOf(async (request) => {
      // Keeps beating until the engine gives up on the task.
      while (!request.signal.aborted) {
        await sleep(clock, 1000);
        request.heartbeat();
      }
      return 'stopped';
    });
    const { result, elapsedMs } = await execute(taskMachine({ TimeoutSeconds: 10, HeartbeatSeconds: 3 }), {}, { clock, taskPort: port });
    expect(result.error).toBe('States.Timeout');
    expect(elapsedMs).toBe(10_000);
  });

  it('a missed heartbeat is matched by States.HeartbeatTimeout', async () => {
    const { clock, port } = portOf(() => never());
    const definition = taskMachine(
      { TimeoutSeconds: 60, HeartbeatSeconds: 5, Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Heartbeat' }] },
      { Heartbeat: { Type: 'Pass', End: true } },
    );
    const { result, elapsedMs } = await execute(definition, {}, { clock, taskPort: port });
    expect(elapsedMs).toBe(5000);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'States.Timeout' } });
  });

  it('a plain timeout is not matched by States.HeartbeatTimeout', async () => {
    const { clock, port } = portOf(() => never());
    const definition = taskMachine(
      { TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Heartbeat' }] },
      { Heartbeat: { Type: 'Pass', End: true } },
    );
    const { result } = await execute(definition, {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('HeartbeatSecondsPath reads the interval from the input', async () => {
    const { clock, port } = portOf(() => never());
    const { result, elapsedMs } = await execute(taskMachine({ TimeoutSeconds: 60, HeartbeatSecondsPath: '$.hb' }), { hb: 2 }, { clock, taskPort: port });
    expect(result.error).toBe('States.Timeout');
    expect(elapsedMs).toBe(2000);
    expect(port.calls[0]?.heartbeatMs).toBe(2000);
  });

  it('a heartbeat after the task answered changes nothing', async () => {
    let late: (() => void) | undefined;
    const { clock, port } = portOf((request) => {
      late = request.heartbeat;
      return 'answered';
    });
    const definition = taskMachine({ TimeoutSeconds: 60, HeartbeatSeconds: 5, Next: 'Later' }, { Later: { Type: 'Wait', Seconds: 30, End: true } });
    const execution = execute(definition, {}, { clock, taskPort: port });
    await sleep(clock, 1000);
    late?.();
    const { result, elapsedMs } = await execution;
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'answered' });
    expect(elapsedMs).toBe(30_000);
    expect(clock.pending()).toBe(0);
  });
});

describe('task history', () => {
  it('a service integration records TaskScheduled, TaskStarted and TaskSucceeded with their details', async () => {
    const { clock, port } = portOf(() => ({ ok: 1 }));
    const definition = taskMachine({ Resource: 'arn:aws:states:::aws-sdk:s3:getObject', Parameters: { Bucket: 'b', Key: 'k' }, TimeoutSeconds: 9, HeartbeatSeconds: 3 });
    const { events } = await execute(definition, {}, { clock, taskPort: port, arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:m' });
    expect(events.slice(1, 6).map((event) => [event.id, event.previousEventId, event.type])).toEqual([
      [2, 0, 'TaskStateEntered'],
      [3, 2, 'TaskScheduled'],
      [4, 3, 'TaskStarted'],
      [5, 4, 'TaskSucceeded'],
      [6, 5, 'TaskStateExited'],
    ]);
    expect(events[2]?.['taskScheduledEventDetails']).toEqual({
      resourceType: 'aws-sdk:s3',
      resource: 'getObject',
      region: 'eu-west-1',
      parameters: '{"Bucket":"b","Key":"k"}',
      timeoutInSeconds: 9,
      heartbeatInSeconds: 3,
    });
    expect(events[3]?.['taskStartedEventDetails']).toEqual({ resourceType: 'aws-sdk:s3', resource: 'getObject' });
    expect(events[4]?.['taskSucceededEventDetails']).toEqual({
      resourceType: 'aws-sdk:s3',
      resource: 'getObject',
      output: '{"ok":1}',
      outputDetails: { truncated: false },
    });
  });

  it('a direct Lambda ARN records LambdaFunction events', async () => {
    const { clock, port } = portOf(() => ({ ok: 1 }));
    const { events } = await execute(taskMachine({ Resource: LAMBDA_RESOURCE }), { a: 1 }, { clock, taskPort: port });
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[2]?.['lambdaFunctionScheduledEventDetails']).toMatchObject({ resource: LAMBDA_RESOURCE, input: '{"a":1}' });
  });

  it('a failed task records TaskFailed with its error and cause', async () => {
    const { clock, port } = portOf(() => {
      throw new TaskFailure('Boom', 'why');
    });
    const { events } = await execute(taskMachine({}), {}, { clock, taskPort: port });
    expect(eventsOf(events, 'TaskFailed')[0]).toMatchObject({
      previousEventId: 4,
      taskFailedEventDetails: { resourceType: 'lambda', resource: 'invoke', error: 'Boom', cause: 'why' },
    });
  });
});

describe('a JSONata Task', () => {
  it('sends Arguments, reads the timeouts from expressions and ends with Output over $states.result', async () => {
    const { clock, port } = portOf((request) => ({ echoed: request.payload }));
    const definition = taskMachine(
      {
        Arguments: { id: '{% $states.input.id %}', fixed: 'yes' },
        TimeoutSeconds: '{% $states.input.timeout %}',
        HeartbeatSeconds: 5,
        Assign: { last: '{% $states.result.echoed.id %}' },
        Output: { result: '{% $states.result %}', input: '{% $states.input %}' },
        Next: 'After',
      },
      { After: { Type: 'Pass', Output: '{% $last %}', End: true } },
      { QueryLanguage: 'JSONata' },
    );
    const { result } = await execute(definition, { id: 7, timeout: 30 }, { clock, taskPort: port });
    expect(result.output).toBe(7);
    expect(port.calls[0]).toMatchObject({ payload: { id: 7, fixed: 'yes' }, timeoutMs: 30_000, heartbeatMs: 5000 });
  });

  it('fails a TimeoutSeconds expression that gives no positive integer', async () => {
    const { clock, port } = portOf(() => ({}));
    const definition = taskMachine({ TimeoutSeconds: '{% 0 %}' }, {}, { QueryLanguage: 'JSONata' });
    const { result } = await execute(definition, {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    expect(port.calls).toHaveLength(0);
  });

  it('a catcher’s Output gets $states.errorOutput and defaults to the error output', async () => {
    const { clock, port } = portOf(() => Promise.reject(new TaskFailure('Custom', 'bad')));
    const definition = taskMachine(
      { Catch: [{ ErrorEquals: ['Custom'], Output: { error: '{% $states.errorOutput %}', input: '{% $states.input %}' }, Next: 'After' }], Next: 'After' },
      { After: { Type: 'Pass', End: true } },
      { QueryLanguage: 'JSONata' },
    );
    const { result } = await execute(definition, { a: 1 }, { clock, taskPort: port });
    expect(result.output).toEqual({ error: { Error: 'Custom', Cause: 'bad' }, input: { a: 1 } });
  });
});

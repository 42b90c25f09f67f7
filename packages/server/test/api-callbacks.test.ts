// `.waitForTaskToken` tasks over the real AWS SDK: a function called with the token, a
// service Flowgate does not emulate whose token is completed from outside, failures routed by
// Catch, heartbeat timeouts, and every way SendTask* refuses a token.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { openStore } from '@flowgate/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../src/api/api-server.js';
import { createApiServer } from '../src/api/api-server.js';
import { errorOf, localSfnClient } from './support.js';
import { createTaskToken } from '../src/functions/callbacks/task-token.js';
import { FunctionRegistry } from '../src/functions/function-registry.js';
import type { FunctionRunner } from '../src/functions/function-runner.js';

const ROLE = 'arn:aws:iam::123456789012:role/flowgate-test';
const SQS = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

let dir = '';
let api: ApiServer;
let sfn: SFNClient;
/** Events the fake `approver` function received, in order. */
const received: Record<string, unknown>[] = [];

// A function that only records its event: the test plays the approver who sends the token back.
const approver: FunctionRunner = {
  invoke(request) {
    received.push(JSON.parse(request.payload) as Record<string, unknown>);
    return Promise.resolve({ payload: JSON.stringify({ queued: true }), executedVersion: '$LATEST' });
  },
  close: () => Promise.resolve(),
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowgate-callbacks-'));
  const functions = new FunctionRegistry([{ name: 'approver', kind: 'nodejs', handler: 'index.handler', timeoutSeconds: 5, memoryMb: 128 }], {
    factories: { nodejs: () => approver },
  });
  api = await createApiServer({ store: await openStore(join(dir, 'store.sqlite')), functions });
  const address = await api.listen(0, '127.0.0.1');
  sfn = localSfnClient(address.port);
});

afterAll(async () => {
  sfn?.destroy();
  await api?.close(1000);
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function start(name: string, definition: object, input: object = {}): Promise<string> {
  const machine = await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }));
  const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn, input: JSON.stringify(input) }));
  return started.executionArn as string;
}

async function history(executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
}

/** The token, from the TaskScheduled parameters where the workflow put it (`MessageBody.token`). */
async function tokenOf(executionArn: string): Promise<string> {
  return until(async () => {
    const events = await history(executionArn);
    if (!events.some((event) => event.type === 'TaskSubmitted')) return undefined;
    const scheduled = events.filter((event) => event.type === 'TaskScheduled').at(-1);
    const parameters = JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '{}') as { MessageBody?: { token?: string } };
    return parameters.MessageBody?.token;
  }, 'the task token');
}

async function finished(executionArn: string) {
  return until(async () => {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return described.status === 'RUNNING' ? undefined : described;
  }, 'the execution to end');
}

const sqsTask = (fields: object = {}) => ({
  StartAt: 'Wait',
  States: {
    Wait: { Type: 'Task', Resource: SQS, Parameters: { QueueUrl: 'https://sqs/q', MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } }, End: true, ...fields },
  },
});

describe('lambda:invoke.waitForTaskToken', () => {
  it('calls the function with the token, records its answer as TaskSubmitted, and ends with SendTaskSuccess’s output', async () => {
    const executionArn = await start('approval', {
      StartAt: 'Approve',
      States: {
        Approve: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'approver', Payload: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
          ResultPath: '$.approval',
          End: true,
        },
      },
    }, { order: 42 });
    const event = await until(async () => received.find((e) => e.order === 42), 'the function call');
    const token = event.token as string;
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approved: true }) }));
    const done = await finished(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ order: 42, approval: { approved: true } });

    const events = await history(executionArn);
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const submitted = events.find((e) => e.type === 'TaskSubmitted')?.taskSubmittedEventDetails;
    expect(submitted).toMatchObject({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken' });
    expect(JSON.parse(submitted?.output ?? '')).toMatchObject({ StatusCode: 200, Payload: { queued: true } });
    expect(JSON.parse(events.find((e) => e.type === 'TaskScheduled')?.taskScheduledEventDetails?.parameters ?? '')).toMatchObject({ Payload: { token } });
    // The token is spent.
    expect((await errorOf(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })))).name).toBe('TaskTimedOut');
  });
});

describe('a service Flowgate does not emulate', () => {
  it('submits nothing (TaskSubmitted output {}) and waits for the token from outside; JSONata reads the token too', async () => {
    const executionArn = await start('jsonata-callback', {
      QueryLanguage: 'JSONata',
      StartAt: 'Wait',
      States: { Wait: { Type: 'Task', Resource: SQS, Arguments: { QueueUrl: 'q', MessageBody: { token: '{% $states.context.Task.Token %}' } }, End: true } },
    });
    const token = await tokenOf(executionArn);
    const events = await history(executionArn);
    expect(events.find((e) => e.type === 'TaskSubmitted')?.taskSubmittedEventDetails?.output).toBe('{}');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '"done"' }));
    expect(await finished(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '"done"' });
  });

  it('SendTaskFailure’s error and cause are the task’s: Catch routes them', async () => {
    const executionArn = await start(
      'callback-failure',
      {
        StartAt: 'Wait',
        States: {
          Wait: {
            Type: 'Task',
            Resource: SQS,
            Parameters: { QueueUrl: 'https://sqs/q', MessageBody: { 'token.$': '$$.Task.Token' } },
            Catch: [{ ErrorEquals: ['Rejected'], ResultPath: '$.failure', Next: 'Handled' }],
            End: true,
          },
          Handled: { Type: 'Pass', End: true },
        },
      },
      { order: 1 },
    );
    const token = await tokenOf(executionArn);
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'out of stock' }));
    const done = await finished(executionArn);
    expect(JSON.parse(done.output ?? '')).toEqual({ order: 1, failure: { Error: 'Rejected', Cause: 'out of stock' } });
    const failed = (await history(executionArn)).find((e) => e.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails).toMatchObject({ resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', error: 'Rejected', cause: 'out of stock' });
  });

  it('times out HeartbeatSeconds after the last SendTaskHeartbeat', async () => {
    const executionArn = await start('callback-heartbeat', sqsTask({ TimeoutSeconds: 60, HeartbeatSeconds: 1 }), { order: 2 });
    const token = await tokenOf(executionArn);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Still waiting: the heartbeat reset the clock.
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    const done = await finished(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    const timedOut = (await history(executionArn)).find((e) => e.type === 'TaskTimedOut');
    expect(timedOut?.taskTimedOutEventDetails).toMatchObject({ error: 'States.Timeout' });
    const late = await errorOf(sfn.send(new SendTaskHeartbeatCommand({ taskToken: token })));
    expect(late).toEqual({ name: 'TaskTimedOut', message: "Task Timed Out: 'Provided task does not exist anymore'" });
  });
});

describe('token errors', () => {
  it('InvalidToken for text this server did not issue', async () => {
    for (const taskToken of ['not-a-token', 'AAAAKgAAAAIAAAAAAAAAA']) {
      const error = await errorOf(sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' })));
      expect(error).toEqual({ name: 'InvalidToken', message: "Invalid Token: 'Invalid token'" });
    }
    expect((await errorOf(sfn.send(new SendTaskFailureCommand({ taskToken: 'x' })))).name).toBe('InvalidToken');
  });

  it('TaskDoesNotExist for a well-formed token of an execution this server does not know', async () => {
    const taskToken = createTaskToken({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:nowhere:never', stateName: 'S' });
    expect((await errorOf(sfn.send(new SendTaskHeartbeatCommand({ taskToken })))).name).toBe('TaskDoesNotExist');
  });

  it('InvalidOutput leaves the task waiting; a stopped execution’s token is TaskTimedOut', async () => {
    const executionArn = await start('callback-errors', sqsTask(), { order: 3 });
    const token = await tokenOf(executionArn);
    const invalid = await errorOf(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{not json' })));
    expect(invalid.name).toBe('InvalidOutput');
    expect(invalid.message).toMatch(/^Invalid Output: '/);
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(new StopExecutionCommand({ executionArn, error: 'Stopped', cause: 'by the test' }));
    expect(await finished(executionArn)).toMatchObject({ status: 'ABORTED' });
    expect((await errorOf(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })))).name).toBe('TaskTimedOut');
    expect((await errorOf(sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'E' })))).name).toBe('TaskTimedOut');
  });

  it('output over 256 KiB is refused before the token is looked at', async () => {
    const executionArn = await start('callback-large', sqsTask(), { order: 4 });
    const token = await tokenOf(executionArn);
    const output = JSON.stringify('é'.repeat(140_000));
    const error = await errorOf(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output })));
    expect(error.name).toBe('ValidationException');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"small":true}' }));
    expect(await finished(executionArn)).toMatchObject({ status: 'SUCCEEDED' });
  });
});

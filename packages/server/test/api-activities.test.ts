// Activities over the real AWS SDK: their records (surviving a restart), tags, and a worker
// loop of GetActivityTask → SendTaskHeartbeat → SendTaskSuccess/SendTaskFailure.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteActivityCommand,
  DescribeActivityCommand,
  DescribeExecutionCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  ListActivitiesCommand,
  ListTagsForResourceCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-sfn';
import { openStore } from '@flowgate/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../src/api/api-server.js';
import { createApiServer } from '../src/api/api-server.js';
import { errorOf, localSfnClient } from './support.js';

const ROLE = 'arn:aws:iam::123456789012:role/flowgate-test';
const ACTIVITY_PREFIX = 'arn:aws:states:us-east-1:123456789012:activity:';
/** GetActivityTask's long poll, shortened from AWS's 60 seconds. */
const POLL_MS = 300;

let dir = '';
let api: ApiServer;
let sfn: SFNClient;
let port = 0;

async function open(): Promise<void> {
  api = await createApiServer({ store: await openStore(join(dir, 'store.sqlite')), activityPollMs: POLL_MS });
  port = (await api.listen(port, '127.0.0.1')).port;
  sfn = localSfnClient(port);
}

async function close(): Promise<void> {
  sfn?.destroy();
  await api?.close(1000);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowgate-activities-'));
  await open();
});

afterAll(async () => {
  await close();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

async function finished(executionArn: string) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    if (Date.now() > deadline) throw new Error('the execution did not end');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function startOn(activityArn: string, name: string, fields: object = {}, input: object = {}): Promise<string> {
  const definition = { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: activityArn, End: true, ...fields } } };
  const machine = await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }));
  return (await sfn.send(new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn, input: JSON.stringify(input) }))).executionArn as string;
}

describe('activity records', () => {
  it('creates idempotently, describes, lists by name across pages, and deletes', async () => {
    const created = await sfn.send(new CreateActivityCommand({ name: 'review' }));
    expect(created.activityArn).toBe(`${ACTIVITY_PREFIX}review`);
    const again = await sfn.send(new CreateActivityCommand({ name: 'review', tags: [{ key: 'ignored', value: 'x' }] }));
    expect(again.creationDate).toEqual(created.creationDate);
    const described = await sfn.send(new DescribeActivityCommand({ activityArn: created.activityArn }));
    expect(described).toMatchObject({ activityArn: created.activityArn, name: 'review', encryptionConfiguration: { type: 'AWS_OWNED_KEY' } });
    expect(described.creationDate).toEqual(created.creationDate);

    for (const name of ['audit', 'ship']) await sfn.send(new CreateActivityCommand({ name }));
    const first = await sfn.send(new ListActivitiesCommand({ maxResults: 2 }));
    const second = await sfn.send(new ListActivitiesCommand({ maxResults: 2, nextToken: first.nextToken }));
    const names = [...(first.activities ?? []), ...(second.activities ?? [])].map((a) => a.name);
    expect(names.slice(0, 3)).toEqual(['audit', 'review', 'ship']);
    expect((await errorOf(sfn.send(new ListActivitiesCommand({ nextToken: 'bogus' })))).name).toBe('InvalidToken');

    await sfn.send(new DeleteActivityCommand({ activityArn: `${ACTIVITY_PREFIX}ship` }));
    await sfn.send(new DeleteActivityCommand({ activityArn: `${ACTIVITY_PREFIX}ship` }));
    const gone = await errorOf(sfn.send(new DescribeActivityCommand({ activityArn: `${ACTIVITY_PREFIX}ship` })));
    expect(gone).toEqual({ name: 'ActivityDoesNotExist', message: `Activity Does Not Exist: '${ACTIVITY_PREFIX}ship'` });
  });

  it('refuses bad names and ARNs as AWS does', async () => {
    expect(await errorOf(sfn.send(new CreateActivityCommand({ name: 'bad name' })))).toEqual({ name: 'InvalidName', message: "Invalid Name: 'bad name'" });
    expect((await errorOf(sfn.send(new DescribeActivityCommand({ activityArn: 'nope' })))).name).toBe('InvalidArn');
    const wrongType = await errorOf(sfn.send(new DeleteActivityCommand({ activityArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:x' })));
    expect(wrongType).toEqual({ name: 'InvalidArn', message: "Invalid Arn: 'Resource type not valid in this context: stateMachine'" });
  });

  it('carries tags', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'tagged', tags: [{ key: 'team', value: 'ops' }] }));
    await sfn.send(new TagResourceCommand({ resourceArn: activityArn, tags: [{ key: 'tier', value: '1' }] }));
    await sfn.send(new UntagResourceCommand({ resourceArn: activityArn, tagKeys: ['team'] }));
    expect((await sfn.send(new ListTagsForResourceCommand({ resourceArn: activityArn }))).tags).toEqual([{ key: 'tier', value: '1' }]);
    const missing = await errorOf(sfn.send(new ListTagsForResourceCommand({ resourceArn: `${ACTIVITY_PREFIX}absent` })));
    expect(missing.name).toBe('ResourceNotFound');
  });
});

describe('activity workers', () => {
  it('take a task with GetActivityTask, beat, and complete it with SendTaskSuccess', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'pack' }));
    const executionArn = await startOn(activityArn as string, 'packing', { TimeoutSeconds: 30, HeartbeatSeconds: 10 }, { box: 7 });
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'worker-1' }));
    expect(JSON.parse(task.input ?? '')).toEqual({ box: 7 });
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"packed":true}' }));
    expect(await finished(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '{"packed":true}' });
    const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
    expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expect(events[2]?.activityScheduledEventDetails).toMatchObject({ resource: activityArn, input: '{"box":7}', timeoutInSeconds: 30, heartbeatInSeconds: 10 });
    expect(events[3]?.activityStartedEventDetails).toEqual({ workerName: 'worker-1' });
  });

  it('a poll that finds nothing answers without a token once its wait is over', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'idle' }));
    const started = Date.now();
    const empty = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'w' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(POLL_MS - 20);
    expect(empty.taskToken).toBeUndefined();
    expect(empty.input).toBeUndefined();
    const missing = await errorOf(sfn.send(new GetActivityTaskCommand({ activityArn: `${ACTIVITY_PREFIX}absent` })));
    expect(missing.name).toBe('ActivityDoesNotExist');
  });

  it('a waiting poll receives a task scheduled after it began; SendTaskFailure fails the task', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'label' }));
    const poll = sfn.send(new GetActivityTaskCommand({ activityArn }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const executionArn = await startOn(activityArn as string, 'labelling');
    const task = await poll;
    await sfn.send(new SendTaskFailureCommand({ taskToken: task.taskToken, error: 'PrinterJam', cause: 'paper' }));
    expect(await finished(executionArn)).toMatchObject({ status: 'FAILED', error: 'PrinterJam', cause: 'paper' });
    const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
    expect(events.find((e) => e.type === 'ActivityStarted')?.activityStartedEventDetails).toEqual({});
    expect(events.find((e) => e.type === 'ActivityFailed')?.activityFailedEventDetails).toEqual({ error: 'PrinterJam', cause: 'paper' });
  });

  it('a worker that hung up takes no task', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'sort' }));
    const controller = new AbortController();
    const abandoned = sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'gone' }), { abortSignal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await abandoned.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const executionArn = await startOn(activityArn as string, 'sorting');
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'present' }));
    expect(task.taskToken).toBeDefined();
    await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '1' }));
    expect(await finished(executionArn)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('an activity deleted before the task is scheduled fails the execution with States.Runtime', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'retired' }));
    await sfn.send(new DeleteActivityCommand({ activityArn }));
    const executionArn = await startOn(activityArn as string, 'retired-work');
    expect(await finished(executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: `An error occurred while executing the state 'Work' (entered at the event id #2). The activity ${activityArn} does not exist.`,
    });
  });
});

describe('a restart', () => {
  it('keeps the activities', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'durable' }));
    await close();
    await open();
    expect((await sfn.send(new DescribeActivityCommand({ activityArn }))).name).toBe('durable');
    expect((await sfn.send(new ListActivitiesCommand({}))).activities?.map((a) => a.name)).toContain('durable');
  });
});

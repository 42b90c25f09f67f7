// Task tokens completed with the AWS CLI from Debian's `awscli` package, as a user would from
// a shell: the token read from the execution history, then `send-task-success`; and an
// activity worked by `get-activity-task` / `send-task-failure`. Driven as in api-aws-cli.test.ts.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@flowgate/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../src/api/api-server.js';
import { createApiServer } from '../src/api/api-server.js';
import type { AwsCliResult } from './support.js';
import { AWS_CLI, awsStepFunctions } from './support.js';

const ROLE = 'arn:aws:iam::123456789012:role/r';

let dir = '';
let api: ApiServer;
let endpoint = '';

beforeAll(async () => {
  if (!existsSync(AWS_CLI)) throw new Error(`${AWS_CLI} not found: install Debian's awscli package (apt-get install awscli)`);
  dir = await mkdtemp(join(tmpdir(), 'flowgate-cli-callbacks-'));
  api = await createApiServer({ store: await openStore(join(dir, 'store.sqlite')), activityPollMs: 2000 });
  const address = await api.listen(0, '127.0.0.1');
  endpoint = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await api?.close(1000);
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});


function aws(...args: string[]): Promise<AwsCliResult> {
  return awsStepFunctions(dir, endpoint, args);
}

async function createMachine(name: string, definition: object): Promise<string> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(definition));
  const created = await aws('create-state-machine', '--name', name, '--definition', `file://${file}`, '--role-arn', ROLE);
  expect(created.code, created.stderr).toBe(0);
  return created.json.stateMachineArn as string;
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Event = { type: string; taskScheduledEventDetails?: { parameters: string } };

async function events(executionArn: string): Promise<Event[]> {
  return (await aws('get-execution-history', '--execution-arn', executionArn)).json.events as Event[];
}

async function ended(executionArn: string): Promise<Record<string, unknown>> {
  return until(async () => {
    const described = await aws('describe-execution', '--execution-arn', executionArn);
    return described.json.status === 'RUNNING' ? undefined : described.json;
  }, 'the execution to end');
}

describe('the AWS CLI and task tokens', () => {
  it('completes a waitForTaskToken task with send-task-success, the token read from the history', async () => {
    const machineArn = await createMachine('notify', {
      StartAt: 'Notify',
      States: {
        Notify: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sns:publish.waitForTaskToken',
          Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:approvals', Message: { 'taskToken.$': '$$.Task.Token', 'order.$': '$.order' } },
          ResultPath: '$.answer',
          End: true,
        },
      },
    });
    const started = await aws('start-execution', '--state-machine-arn', machineArn, '--input', '{"order":9}');
    expect(started.code, started.stderr).toBe(0);
    const executionArn = started.json.executionArn as string;
    const token = await until(async () => {
      const history = await events(executionArn);
      if (!history.some((event) => event.type === 'TaskSubmitted')) return undefined;
      const scheduled = history.find((event) => event.type === 'TaskScheduled');
      return (JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '{}') as { Message?: { taskToken?: string } }).Message?.taskToken;
    }, 'the token in TaskScheduled');

    const sent = await aws('send-task-success', '--task-token', token, '--task-output', '{"approved":true}');
    expect(sent.code, sent.stderr).toBe(0);
    const done = await ended(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output as string)).toEqual({ order: 9, answer: { approved: true } });
    expect((await events(executionArn)).map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);

    const again = await aws('send-task-success', '--task-token', token, '--task-output', '{}');
    expect(again.stderr).toContain("(TaskTimedOut) when calling the SendTaskSuccess operation: Task Timed Out: 'Provided task does not exist anymore'");
    const garbled = await aws('send-task-heartbeat', '--task-token', 'garbled');
    expect(garbled.stderr).toContain('(InvalidToken) when calling the SendTaskHeartbeat operation');
  });

  it('works an activity with get-activity-task and send-task-failure', async () => {
    const activity = await aws('create-activity', '--name', 'cli-review');
    expect(activity.code, activity.stderr).toBe(0);
    const activityArn = activity.json.activityArn as string;
    const machineArn = await createMachine('cli-activity', { StartAt: 'Review', States: { Review: { Type: 'Task', Resource: activityArn, End: true } } });
    const executionArn = (await aws('start-execution', '--state-machine-arn', machineArn, '--input', '{"doc":1}')).json.executionArn as string;

    const task = await aws('get-activity-task', '--activity-arn', activityArn, '--worker-name', 'cli-worker');
    expect(task.code, task.stderr).toBe(0);
    expect(JSON.parse(task.json.input as string)).toEqual({ doc: 1 });
    const failed = await aws('send-task-failure', '--task-token', task.json.taskToken as string, '--error', 'Rejected', '--cause', 'typos');
    expect(failed.code, failed.stderr).toBe(0);
    expect(await ended(executionArn)).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'typos' });

    const listed = await aws('list-activities');
    expect((listed.json.activities as { name: string }[]).map((a) => a.name)).toContain('cli-review');
    expect((await aws('delete-activity', '--activity-arn', activityArn)).code).toBe(0);
    const gone = await aws('describe-activity', '--activity-arn', activityArn);
    expect(gone.stderr).toContain(`(ActivityDoesNotExist) when calling the DescribeActivity operation: Activity Does Not Exist: '${activityArn}'`);
  });
});

// Mock test cases through the AWS Step Functions API: AWS's example mock configuration
// (LambdaSQSIntegration) served over a real socket and driven by the real AWS SDK, selecting
// test cases with Step Functions Local's `<state machine ARN>#<TestCase>`.
import { copyFile, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { openStore } from '@flowgate/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../src/api/api-server.js';
import { createApiServer } from '../src/api/api-server.js';
import { errorOf, localSfnClient } from './support.js';
import { openMockConfigFile } from '../src/functions/mocks/mock-test-cases.js';
import { REPO_ROOT } from '../src/repo-paths.js';

const FIXTURE = join(REPO_ROOT, 'packages', 'server', 'test-fixtures', 'mocks', 'lambda-sqs');
const ROLE = 'arn:aws:iam::123456789012:role/flowgate-test';
const MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:LambdaSQSIntegration';
const SQS_ANSWER = { MD5OfMessageBody: '3bcb6e8e-7h85-4375-b0bc-1a59812c6e51', MessageId: '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51' };

let dir = '';
let mockFile = '';
const servers: ApiServer[] = [];
const clients: SFNClient[] = [];

async function serve(withMocks: boolean): Promise<SFNClient> {
  const mocks = withMocks ? await openMockConfigFile(mockFile) : undefined;
  const api = await createApiServer({ store: await openStore(':memory:'), recordExpressExecutions: true, ...(mocks === undefined ? {} : { mocks }) });
  servers.push(api);
  const { port } = await api.listen(0, '127.0.0.1');
  const client = localSfnClient(port);
  clients.push(client);
  return client;
}

/**
 * The example's definition, with the Retry shortened: the server runs on the real clock, and
 * AWS's 2 s doubling three times would make RetryPath wait 14 s. The invocation count, which
 * is what the mocks see, stays the same (MaxAttempts 3: invocations 0 to 3).
 */
async function definitionText(): Promise<string> {
  const definition = JSON.parse(await readFile(join(FIXTURE, 'LambdaSQSIntegration.asl.json'), 'utf8')) as {
    States: { LambdaState: { Retry: [{ IntervalSeconds: number; BackoffRate: number }] } };
  };
  Object.assign(definition.States.LambdaState.Retry[0], { IntervalSeconds: 1, BackoffRate: 1 });
  return JSON.stringify(definition);
}

async function finished(sfn: SFNClient, executionArn: string): Promise<DescribeExecutionCommandOutput> {
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let sfn: SFNClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowgate-api-mocks-'));
  // A copy, so that the reload test can rewrite it.
  mockFile = join(dir, 'MockConfigFile.json');
  await copyFile(join(FIXTURE, 'MockConfigFile.json'), mockFile);
  sfn = await serve(true);
  await sfn.send(new CreateStateMachineCommand({ name: 'LambdaSQSIntegration', definition: await definitionText(), roleArn: ROLE, type: 'EXPRESS' }));
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const api of servers) await api.close(1000);
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('mock test cases through the API', () => {
  it('runs #HappyPath on StartSyncExecution; the ARNs it answers with carry no suffix', async () => {
    const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: `${MACHINE_ARN}#HappyPath`, input: '{"orderId": 1}' }));
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output as string)).toEqual(SQS_ANSWER);
    expect(result.stateMachineArn).toBe(MACHINE_ARN);
    expect(result.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:LambdaSQSIntegration:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
  });

  it('runs #RetryPath on StartExecution: three mocked failures are retried, the fourth invocation answers', async () => {
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${MACHINE_ARN}#RetryPath`, name: 'retry-path' }));
    expect(started.executionArn).toMatch(/:express:LambdaSQSIntegration:retry-path:[0-9a-f-]{36}$/);
    const described = await finished(sfn, started.executionArn as string);
    expect(described.status).toBe('SUCCEEDED');
    expect(described.stateMachineArn).toBe(MACHINE_ARN);
    expect(JSON.parse(described.output as string)).toEqual(SQS_ANSWER);
    // Back-off 1 s three times: the retries really happened.
    expect((described.stopDate as Date).getTime() - (described.startDate as Date).getTime()).toBeGreaterThanOrEqual(3000);
  }, 20_000);

  it('sends the states #HybridPath does not mock to the real integrations', async () => {
    const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: `${MACHINE_ARN}#HybridPath` }));
    expect(result.status).toBe('FAILED');
    // No SQS integration is configured: the unmocked SQSState reached it and failed there.
    expect(result.error).toBe('States.TaskFailed');
    expect(result.cause).toMatch(/'arn:aws:states:::sqs:sendMessage' \(state 'SQSState'\)/);
  });

  it('refuses an unknown test case with InvalidName', async () => {
    for (const start of [
      new StartSyncExecutionCommand({ stateMachineArn: `${MACHINE_ARN}#SadPath` }),
      new StartExecutionCommand({ stateMachineArn: `${MACHINE_ARN}#SadPath` }),
    ]) {
      expect(await errorOf(sfn.send(start as StartExecutionCommand))).toEqual({
        name: 'InvalidName',
        message: "Invalid mock test case name 'SadPath' for state machine 'LambdaSQSIntegration' (its test cases: HappyPath, RetryPath, HybridPath)",
      });
    }
  });

  it('picks up a rewritten mock file at the next start', async () => {
    const config = JSON.parse(await readFile(mockFile, 'utf8')) as {
      StateMachines: { LambdaSQSIntegration: { TestCases: Record<string, Record<string, string>> } };
      MockedResponses: Record<string, unknown>;
    };
    config.StateMachines.LambdaSQSIntegration.TestCases.ReloadedPath = { LambdaState: 'MockedLambdaSuccess', SQSState: 'Reloaded' };
    config.MockedResponses.Reloaded = { '0': { Return: { MessageId: 'reloaded' } } };
    await writeFile(mockFile, JSON.stringify(config));
    const later = new Date(Date.now() + 10_000);
    await utimes(mockFile, later, later);
    const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: `${MACHINE_ARN}#ReloadedPath` }));
    expect(JSON.parse(result.output as string)).toEqual({ MessageId: 'reloaded' });
  });

  it('without a mock configuration, keeps the # in the ARN and finds no machine, as AWS does', async () => {
    const plain = await serve(false);
    await plain.send(new CreateStateMachineCommand({ name: 'LambdaSQSIntegration', definition: await definitionText(), roleArn: ROLE, type: 'EXPRESS' }));
    expect(await errorOf(plain.send(new StartSyncExecutionCommand({ stateMachineArn: `${MACHINE_ARN}#HappyPath` })))).toEqual({
      name: 'StateMachineDoesNotExist',
      message: `State Machine Does Not Exist: '${MACHINE_ARN}#HappyPath'`,
    });
  });
});

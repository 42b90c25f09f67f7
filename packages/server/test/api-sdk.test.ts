// The AWS Step Functions API served over a real loopback socket with a real SQLite file,
// driven by the real AWS SDK for JavaScript, as a user's scripts and tests would drive it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineAliasCommand,
  DeleteStateMachineCommand,
  DeleteStateMachineVersionCommand,
  DescribeExecutionCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachineAliasesCommand,
  ListStateMachinesCommand,
  ListStateMachineVersionsCommand,
  ListTagsForResourceCommand,
  PublishStateMachineVersionCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  TagResourceCommand,
  TestStateCommand,
  UntagResourceCommand,
  UpdateStateMachineAliasCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { openStore } from '@flowgate/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../src/api/api-server.js';
import { createApiServer } from '../src/api/api-server.js';
import { localSfnClient } from './support.js';
import type { LogRecord } from '../src/observability/execution-log.js';

const ROLE = 'arn:aws:iam::123456789012:role/flowgate-test';
const pass = (result: unknown) => JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });
const waitThenPass = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 30, Next: 'P' }, P: { Type: 'Pass', End: true } } });

let dir = '';
let api: ApiServer;
let sfn: SFNClient;
const logRecords: LogRecord[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowgate-api-'));
  api = await createApiServer({
    store: await openStore(join(dir, 'store.sqlite')),
    logSink: (record) => logRecords.push(record),
    // These tests read express executions back (the Flowgate extension).
    recordExpressExecutions: true,
  });
  const address = await api.listen(0, '127.0.0.1');
  sfn = localSfnClient(address.port);
});

afterAll(async () => {
  sfn?.destroy();
  await api?.close(1000);
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

describe('versions, aliases and synchronous executions', () => {
  it('publishes two versions, routes 90/10 through an alias, and answers for each execution', async () => {
    const created = await sfn.send(
      new CreateStateMachineCommand({ name: 'pricing', definition: pass({ v: 1 }), roleArn: ROLE, type: 'EXPRESS', publish: true }),
    );
    const machineArn = created.stateMachineArn as string;
    expect(machineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:pricing');
    expect(created.stateMachineVersionArn).toBe(`${machineArn}:1`);
    expect(created.creationDate).toBeInstanceOf(Date);

    const updated = await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: machineArn, definition: pass({ v: 2 }) }));
    expect(updated.revisionId).toMatch(/^[0-9a-f-]{36}$/);
    const v2 = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: machineArn, revisionId: updated.revisionId, description: 'second' }));
    expect(v2.stateMachineVersionArn).toBe(`${machineArn}:2`);
    // Publishing the same revision again returns the same version.
    const again = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: machineArn }));
    expect(again.stateMachineVersionArn).toBe(v2.stateMachineVersionArn);
    expect(again.creationDate?.getTime()).toBe(v2.creationDate?.getTime());

    const versions = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: machineArn }));
    expect(versions.stateMachineVersions?.map((v) => v.stateMachineVersionArn)).toEqual([`${machineArn}:2`, `${machineArn}:1`]);

    const alias = await sfn.send(
      new CreateStateMachineAliasCommand({
        name: 'live',
        routingConfiguration: [
          { stateMachineVersionArn: `${machineArn}:1`, weight: 90 },
          { stateMachineVersionArn: `${machineArn}:2`, weight: 10 },
        ],
      }),
    );
    const aliasArn = alias.stateMachineAliasArn as string;
    expect(aliasArn).toBe(`${machineArn}:live`);

    const counts = { 1: 0, 2: 0 };
    const arns: string[] = [];
    for (let i = 0; i < 400; i++) {
      const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: aliasArn, input: '{"n": 1}' }));
      expect(result.status).toBe('SUCCEEDED');
      expect(result.stateMachineArn).toBe(machineArn);
      expect(result.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:pricing:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
      expect(result.input).toBe('{"n":1}');
      expect(result.billingDetails).toEqual({ billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 });
      counts[(JSON.parse(result.output as string) as { v: 1 | 2 }).v]++;
      arns.push(result.executionArn as string);
    }
    // 90/10 over 400 draws: version 2 gets 40 on average; 10..90 is far outside any plausible draw.
    expect(counts[2]).toBeGreaterThan(10);
    expect(counts[2]).toBeLessThan(90);
    expect(counts[1] + counts[2]).toBe(400);

    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: arns[0] }));
    expect(described.status).toBe('SUCCEEDED');
    expect(described.stateMachineAliasArn).toBe(aliasArn);
    expect(described.stateMachineVersionArn).toMatch(/:pricing:[12]$/);
    expect(described.input).toBe('{"n": 1}');

    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arns[0] }));
    expect(history.events?.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(history.events?.[0]?.timestamp).toBeInstanceOf(Date);

    const forExecution = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: arns[0] }));
    expect(forExecution.stateMachineArn).toBe(machineArn);

    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: aliasArn, maxResults: 50 }));
    expect(listed.executions).toHaveLength(50);
    expect(listed.nextToken).toBeDefined();

    await sfn.send(
      new UpdateStateMachineAliasCommand({
        stateMachineAliasArn: aliasArn,
        routingConfiguration: [{ stateMachineVersionArn: `${machineArn}:2`, weight: 100 }],
      }),
    );
    const promoted = await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }));
    expect(promoted.routingConfiguration).toEqual([{ stateMachineVersionArn: `${machineArn}:2`, weight: 100 }]);
    const aliases = await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: machineArn }));
    expect(aliases.stateMachineAliases?.map((a) => a.stateMachineAliasArn)).toEqual([aliasArn]);

    const pinned = await errorOf(sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${machineArn}:2` })));
    expect(pinned.name).toBe('ConflictException');
    expect(pinned.message).toContain('[live]');
    await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${machineArn}:1` }));
    await sfn.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }));

    const byVersion = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${machineArn}:2` }));
    expect(byVersion.stateMachineArn).toBe(`${machineArn}:2`);
    expect(byVersion.description).toBe('second');
    expect(JSON.parse(byVersion.definition as string)).toEqual(JSON.parse(pass({ v: 2 })));

    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: machineArn }));
    const gone = await errorOf(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn })));
    expect(gone.name).toBe('StateMachineDoesNotExist');
    // Executions outlive their machine.
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: arns[1] }))).status).toBe('SUCCEEDED');
  });

  it('answers 200 for every outcome of a synchronous execution', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'failing',
        definition: JSON.stringify({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Order.Invalid', Cause: 'no items' } } }),
        roleArn: ROLE,
        type: 'EXPRESS',
      }),
    );
    const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, name: 'first' }));
    expect(result).toMatchObject({ status: 'FAILED', error: 'Order.Invalid', cause: 'no items', name: 'first', input: '{}' });
    expect(result.output).toBeUndefined();
    expect(result.outputDetails).toEqual({ included: true });
  });
});

describe('logging configuration', () => {
  const group = 'arn:aws:logs:us-east-1:123456789012:log-group:/flowgate/orders:*';
  const failing = JSON.stringify({
    StartAt: 'P',
    States: { P: { Type: 'Pass', Next: 'F' }, F: { Type: 'Fail', Error: 'Order.Invalid', Cause: 'bad' } },
  });

  it('writes CloudWatch-format events at the configured level, keeping history ids', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'logged',
        definition: failing,
        roleArn: ROLE,
        type: 'EXPRESS',
        loggingConfiguration: { level: 'ERROR', includeExecutionData: false, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: group } }] },
      }),
    );
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described.loggingConfiguration).toEqual({
      level: 'ERROR',
      includeExecutionData: false,
      destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: group } }],
    });
    const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"secret":1}' }));
    const mine = logRecords.filter((record) => record.message.execution_arn === result.executionArn);
    expect(mine.map((record) => [record.message.id, record.message.type])).toEqual([
      ['4', 'FailStateEntered'],
      ['5', 'ExecutionFailed'],
    ]);
    expect(mine.every((record) => record.logGroupArn === group)).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('secret');
    expect(mine[1]?.message.details).toEqual({ error: 'Order.Invalid', cause: 'bad' });
  });

  it('defaults to OFF and refuses a level without exactly one destination', async () => {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'quiet', definition: pass(1), roleArn: ROLE }));
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described.loggingConfiguration).toEqual({ level: 'OFF', includeExecutionData: false });
    expect(described.tracingConfiguration).toEqual({ enabled: false });
    const error = await errorOf(
      sfn.send(new CreateStateMachineCommand({ name: 'loud', definition: pass(1), roleArn: ROLE, loggingConfiguration: { level: 'ALL' } })),
    );
    expect(error).toMatchObject({ name: 'InvalidLoggingConfiguration', message: 'Invalid Logging Configuration: Must specify exactly one Log Destination.' });
  });
});

describe('a synchronous caller that goes away', () => {
  it('aborts its execution, which is recorded as ABORTED', async () => {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'abandoned', definition: waitThenPass, roleArn: ROLE, type: 'EXPRESS' }));
    const gone = await errorOf(sfn.send(new StartSyncExecutionCommand({ stateMachineArn }), { abortSignal: AbortSignal.timeout(300) }));
    expect(gone.name).toBe('AbortError');
    let status: string | undefined;
    for (let attempt = 0; attempt < 50 && status !== 'ABORTED'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions?.[0]?.status;
    }
    expect(status).toBe('ABORTED');
    expect(api.executor.activeExecutions).toBe(0);
  });
});

describe('STANDARD executions', () => {
  it('starts, lists, stops and keeps the history of a running execution', async () => {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'slow', definition: waitThenPass, roleArn: ROLE }));
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"a":1}' }));
    expect(started.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:slow:run-1');
    // Same name and input while running: the same execution (idempotent start).
    const repeated = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"a":1}' }));
    expect(repeated.executionArn).toBe(started.executionArn);
    const conflict = await errorOf(sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"a":2}' })));
    expect(conflict.name).toBe('ExecutionAlreadyExists');

    const running = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(running.status).toBe('RUNNING');
    expect(running.redriveCount).toBe(0);
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }));
    expect(listed.executions?.map((e) => e.executionArn)).toEqual([started.executionArn]);

    await sfn.send(new StopExecutionCommand({ executionArn: started.executionArn, error: 'Operator.Stop', cause: 'manual' }));
    const stopped = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Operator.Stop', cause: 'manual' });
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, reverseOrder: true }));
    expect(history.events?.[0]).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Operator.Stop', cause: 'manual' } });
  });
});

describe('tags and definition validation', () => {
  it('tags, untags and lists', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: 'tagged', definition: pass(1), roleArn: ROLE, tags: [{ key: 'team', value: 'orders' }] }),
    );
    await sfn.send(new TagResourceCommand({ resourceArn: stateMachineArn, tags: [{ key: 'stage', value: 'dev' }] }));
    await sfn.send(new UntagResourceCommand({ resourceArn: stateMachineArn, tagKeys: ['team'] }));
    const tags = await sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }));
    expect(tags.tags).toEqual([{ key: 'stage', value: 'dev' }]);
    const version = await errorOf(sfn.send(new ListTagsForResourceCommand({ resourceArn: `${stateMachineArn}:1` })));
    expect(version.name).toBe('ResourceNotFound');
  });

  it('validates a definition without creating anything', async () => {
    const result = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify({ StartAt: 'X', States: {} }) }));
    expect(result.result).toBe('FAIL');
    expect(result.diagnostics?.length).toBeGreaterThan(0);
    expect(result.diagnostics?.[0]).toMatchObject({ severity: 'ERROR' });
    const ok = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: pass(1) }));
    expect(ok).toMatchObject({ result: 'OK', diagnostics: [], truncated: false });
  });

  it('lists machines by name in pages', async () => {
    const page = await sfn.send(new ListStateMachinesCommand({ maxResults: 1 }));
    expect(page.stateMachines).toHaveLength(1);
    expect(page.nextToken).toBeDefined();
    const bad = await errorOf(sfn.send(new ListStateMachinesCommand({ nextToken: 'not-a-token' })));
    expect(bad).toMatchObject({ name: 'InvalidToken', message: "Invalid Token: 'Invalid token'" });
  });
});

describe('TestState', () => {
  const task = {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: 'pricing', 'Payload.$': '$' },
    ResultSelector: { 'price.$': '$.Payload.price' },
    ResultPath: '$.quote',
    Retry: [{ ErrorEquals: ['Throttled'], MaxAttempts: 2, IntervalSeconds: 3, BackoffRate: 2 }],
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recover' }],
    Next: 'Ship',
  };

  it('runs one state with a mocked result and names the next state', async () => {
    const result = await sfn.send(
      new TestStateCommand({
        definition: JSON.stringify(task),
        input: '{"sku":"a"}',
        inspectionLevel: 'DEBUG',
        mock: { result: JSON.stringify({ Payload: { price: 12 }, StatusCode: 200 }) },
      }),
    );
    expect(result).toMatchObject({ status: 'SUCCEEDED', nextState: 'Ship' });
    expect(JSON.parse(result.output as string)).toEqual({ sku: 'a', quote: { price: 12 } });
    expect(JSON.parse(result.inspectionData?.input as string)).toEqual({ sku: 'a' });
  });

  it('reports RETRIABLE when a retrier matches, CAUGHT_ERROR when only a catcher does', async () => {
    const retriable = await sfn.send(
      new TestStateCommand({ definition: JSON.stringify(task), input: '{}', inspectionLevel: 'DEBUG', mock: { errorOutput: { error: 'Throttled', cause: 'slow down' } } }),
    );
    expect(retriable).toMatchObject({ status: 'RETRIABLE', error: 'Throttled', cause: 'slow down' });
    expect(retriable.inspectionData?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 3 });
    const exhausted = await sfn.send(
      new TestStateCommand({
        definition: JSON.stringify(task),
        input: '{}',
        mock: { errorOutput: { error: 'Throttled', cause: 'slow down' } },
        stateConfiguration: { retrierRetryCount: 2 },
      }),
    );
    expect(exhausted).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'Recover', error: 'Throttled' });
    expect(JSON.parse(exhausted.output as string)).toEqual({ error: { Error: 'Throttled', Cause: 'slow down' } });
  });

  it('tests a Choice state inside a whole machine by name', async () => {
    const machine = {
      StartAt: 'Route',
      States: {
        Route: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' }], Default: 'Small' },
        Big: { Type: 'Succeed' },
        Small: { Type: 'Succeed' },
      },
    };
    const big = await sfn.send(new TestStateCommand({ definition: JSON.stringify(machine), stateName: 'Route', input: '{"n":11}' }));
    expect(big).toMatchObject({ status: 'SUCCEEDED', nextState: 'Big', output: '{"n":11}' });
    const failed = await sfn.send(
      new TestStateCommand({ definition: JSON.stringify({ Type: 'Fail', Error: 'Nope', Cause: 'because' }), input: '{}' }),
    );
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Nope', cause: 'because' });
  });
});

describe('errors in AWS shape', () => {
  it('names a missing machine', async () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:nothing-here';
    const error = await errorOf(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: arn })));
    expect(error).toMatchObject({ name: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${arn}'`, status: 400 });
  });

  it('refuses a malformed ARN', async () => {
    const error = await errorOf(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not-an-arn' })));
    expect(error).toMatchObject({ name: 'InvalidArn', message: "Invalid Arn: 'Invalid ARN prefix: not-an-arn'" });
  });

  it('refuses an invalid definition, naming the field', async () => {
    const error = await errorOf(
      sfn.send(new CreateStateMachineCommand({ name: 'broken', definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }), roleArn: ROLE })),
    );
    expect(error.name).toBe('InvalidDefinition');
    expect(error.message).toMatch(/^Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at \/States\/A\/Next/);
  });

  it('refuses StartSyncExecution of a STANDARD machine', async () => {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'standard-only', definition: pass(1), roleArn: ROLE }));
    const error = await errorOf(sfn.send(new StartSyncExecutionCommand({ stateMachineArn })));
    expect(error).toMatchObject({ name: 'StateMachineTypeNotSupported', message: 'This operation is not supported by this type of state machine' });
  });

  it('refuses oversized and malformed input', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: 'inputs', definition: pass(1), roleArn: ROLE, type: 'EXPRESS' }),
    );
    const big = JSON.stringify({ data: 'x'.repeat(262_144) });
    const oversized = await errorOf(sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: big })));
    expect(oversized.name).toBe('ValidationException');
    expect(oversized.message).toContain("at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144");
    const malformed = await errorOf(sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"a":' })));
    expect(malformed.name).toBe('InvalidExecutionInput');
    expect(malformed.message).toMatch(/^Invalid State Machine Execution Input: '/);
  });

  it('refuses constraint violations as AWS validates them', async () => {
    const error = await errorOf(sfn.send(new ListStateMachinesCommand({ maxResults: 1001 })));
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    });
    const name = await errorOf(sfn.send(new CreateStateMachineCommand({ name: 'has space', definition: pass(1), roleArn: ROLE })));
    expect(name).toMatchObject({ name: 'InvalidName', message: "Invalid Name: 'has space'" });
  });
});

describe('EXPRESS executions by default, as on AWS', () => {
  it('answers StartSyncExecution and keeps no record of the execution', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'flowgate-api-sdk-parity-'));
    const parity = await createApiServer({ store: await openStore(join(folder, 'store.sqlite')) });
    const { port } = await parity.listen(0, '127.0.0.1');
    const client = localSfnClient(port);
    try {
      const { stateMachineArn } = await client.send(
        new CreateStateMachineCommand({ name: 'unrecorded', definition: pass({ ok: true }), roleArn: ROLE, type: 'EXPRESS' }),
      );
      const result = await client.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{}' }));
      expect(result).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":true}' });
      const describe = await errorOf(client.send(new DescribeExecutionCommand({ executionArn: result.executionArn })));
      expect(describe).toMatchObject({ name: 'InvalidArn', message: "Invalid Arn: 'Resource type not valid in this context: express'" });
      const history = await errorOf(client.send(new GetExecutionHistoryCommand({ executionArn: result.executionArn })));
      expect(history.name).toBe('InvalidArn');
      const list = await errorOf(client.send(new ListExecutionsCommand({ stateMachineArn })));
      expect(list).toMatchObject({ name: 'StateMachineTypeNotSupported' });
    } finally {
      client.destroy();
      await parity.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});

// Workflows that start workflows, served end to end: a parent calls a child through
// `aws-sdk:sfn:startSyncExecution`, `states:startExecution` and `.sync:2`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { openStore } from '@flowgate/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../src/api/api-server.js';
import { createApiServer } from '../src/api/api-server.js';
import { localSfnClient } from './support.js';

const ROLE = 'arn:aws:iam::123456789012:role/r';
let dir = '';
let api: ApiServer;
let sfn: SFNClient;
let childArn = '';
let failingChildArn = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowgate-nested-'));
  api = await createApiServer({ store: await openStore(join(dir, 'store.sqlite')), recordExpressExecutions: true });
  const { port } = await api.listen(0, '127.0.0.1');
  sfn = localSfnClient(port);
  childArn = (
    await sfn.send(
      new CreateStateMachineCommand({
        name: 'child',
        type: 'EXPRESS',
        roleArn: ROLE,
        definition: JSON.stringify({ StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, End: true } } }),
      }),
    )
  ).stateMachineArn as string;
  failingChildArn = (
    await sfn.send(
      new CreateStateMachineCommand({
        name: 'failing-child',
        type: 'EXPRESS',
        roleArn: ROLE,
        definition: JSON.stringify({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Child.Failed', Cause: 'no' } } }),
      }),
    )
  ).stateMachineArn as string;
});

afterAll(async () => {
  sfn?.destroy();
  await api?.close(500);
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('nested workflows', () => {
  it('runs a child synchronously from an EXPRESS parent with aws-sdk:sfn:startSyncExecution', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'express-parent',
        type: 'EXPRESS',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Call',
          States: {
            Call: {
              Type: 'Task',
              Resource: 'arn:aws:states:::aws-sdk:sfn:startSyncExecution',
              Parameters: { StateMachineArn: childArn, 'Input.$': 'States.JsonToString($)' },
              ResultSelector: { 'status.$': '$.Status', 'output.$': 'States.StringToJson($.Output)', 'arn.$': '$.ExecutionArn' },
              End: true,
            },
          },
        }),
      }),
    );
    const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"n":21}', traceHeader: 'Root=1-abc-def' }));
    expect(result.status).toBe('SUCCEEDED');
    const output = JSON.parse(result.output as string) as { status: string; output: unknown; arn: string };
    expect(output).toMatchObject({ status: 'SUCCEEDED', output: { doubled: 42 } });
    const child = await sfn.send(new DescribeExecutionCommand({ executionArn: output.arn }));
    expect(child.traceHeader).toBe('Root=1-abc-def');
  });

  it('waits for a child with states:startExecution.sync:2, and fails the task when the child fails', async () => {
    const definition = (arn: string) =>
      JSON.stringify({
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution.sync:2',
            Parameters: { StateMachineArn: arn, Input: { 'n.$': '$.n', 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' } },
            Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.failure', Next: 'Caught' }],
            End: true,
          },
          Caught: { Type: 'Pass', End: true },
        },
      });
    const parent = await sfn.send(new CreateStateMachineCommand({ name: 'standard-parent', roleArn: ROLE, definition: definition(childArn) }));
    const run = await sfn.send(new StartExecutionCommand({ stateMachineArn: parent.stateMachineArn, input: '{"n":5}' }));
    const finished = await waitForEnd(run.executionArn as string);
    expect(finished.status).toBe('SUCCEEDED');
    const output = JSON.parse(finished.output as string) as { Status: string; Output: unknown; Input: unknown };
    expect(output.Status).toBe('SUCCEEDED');
    expect(output.Output).toEqual({ doubled: 10 });
    expect(output.Input).toMatchObject({ n: 5, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: run.executionArn });

    const failing = await sfn.send(new CreateStateMachineCommand({ name: 'standard-parent-2', roleArn: ROLE, definition: definition(failingChildArn) }));
    const failed = await waitForEnd((await sfn.send(new StartExecutionCommand({ stateMachineArn: failing.stateMachineArn, input: '{"n":1}' }))).executionArn as string);
    const caught = JSON.parse(failed.output as string) as { failure: { Error: string; Cause: string } };
    expect(caught.failure.Error).toBe('States.TaskFailed');
    expect(JSON.parse(caught.failure.Cause)).toMatchObject({ Status: 'FAILED', Error: 'Child.Failed', Cause: 'no' });
  });

  it("names a missing child machine as the optimised integration does", async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'orphan-parent',
        type: 'EXPRESS',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Call',
          States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: `${childArn}-missing` }, End: true } },
        }),
      }),
    );
    const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn }));
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('StepFunctions.StateMachineDoesNotExistException');
    expect(result.cause).toMatch(/^State Machine Does Not Exist: '.*child-missing' \(Service: AWSStepFunctions; Status Code: 400;/);
  });
});

async function waitForEnd(executionArn: string) {
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// The AWS CLI from Debian's `awscli` package against the API over a real loopback socket.
// That CLI version (2.9) always prefixes StartSyncExecution's host with `sync-` and has no
// switch against it; an HTTP proxy setting pointing at Flowgate itself carries the request
// (Flowgate accepts absolute-form request targets and ignores the Host header). It predates
// versions and aliases (2023), which the SDK tests cover.
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


let dir = '';
let api: ApiServer;
let endpoint = '';

beforeAll(async () => {
  if (!existsSync(AWS_CLI)) throw new Error(`${AWS_CLI} not found: install Debian's awscli package (apt-get install awscli)`);
  dir = await mkdtemp(join(tmpdir(), 'flowgate-cli-api-'));
  // The test reads an express execution back (the Flowgate extension).
  api = await createApiServer({ store: await openStore(join(dir, 'store.sqlite')), recordExpressExecutions: true });
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

describe('the AWS CLI', () => {
  it('creates, runs synchronously, describes, lists, reads history, tags and deletes', async () => {
    const definition = join(dir, 'definition.json');
    await writeFile(definition, JSON.stringify({ StartAt: 'Hello', States: { Hello: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('hello {}', $.who)" }, End: true } } }));
    const created = await aws('create-state-machine', '--name', 'greeter', '--definition', `file://${definition}`, '--role-arn', 'arn:aws:iam::123456789012:role/r', '--type', 'EXPRESS');
    expect(created.code, created.stderr).toBe(0);
    const machineArn = created.json.stateMachineArn as string;
    expect(machineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:greeter');
    expect(typeof created.json.creationDate).toBe('string');

    const result = await aws('start-sync-execution', '--state-machine-arn', machineArn, '--input', '{"who":"world"}', '--name', 'first');
    expect(result.code, result.stderr).toBe(0);
    expect(result.json.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.json.output as string)).toEqual({ greeting: 'hello world' });
    const executionArn = result.json.executionArn as string;

    const described = await aws('describe-execution', '--execution-arn', executionArn);
    expect(described.json).toMatchObject({ status: 'SUCCEEDED', name: 'first', stateMachineArn: machineArn, input: '{"who":"world"}' });
    const listed = await aws('list-executions', '--state-machine-arn', machineArn);
    expect((listed.json.executions as { executionArn: string }[]).map((e) => e.executionArn)).toEqual([executionArn]);
    const history = await aws('get-execution-history', '--execution-arn', executionArn);
    expect((history.json.events as { type: string }[]).map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    const machines = await aws('list-state-machines');
    expect((machines.json.stateMachines as { name: string }[]).map((m) => m.name)).toContain('greeter');

    expect((await aws('tag-resource', '--resource-arn', machineArn, '--tags', 'key=team,value=orders')).code).toBe(0);
    const tags = await aws('list-tags-for-resource', '--resource-arn', machineArn);
    expect(tags.json.tags).toEqual([{ key: 'team', value: 'orders' }]);
    expect((await aws('delete-state-machine', '--state-machine-arn', machineArn)).code).toBe(0);
    const gone = await aws('describe-state-machine', '--state-machine-arn', machineArn);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('(StateMachineDoesNotExist)');
    expect(gone.stderr).toContain(`State Machine Does Not Exist: '${machineArn}'`);
  });

  it('shows AWS error names for bad requests', async () => {
    const badArn = await aws('describe-state-machine', '--state-machine-arn', 'nope');
    expect(badArn.stderr).toContain("(InvalidArn) when calling the DescribeStateMachine operation: Invalid Arn: 'Invalid ARN prefix: nope'");
    const definition = join(dir, 'bad.json');
    await writeFile(definition, '{"StartAt":"A","States":{}}');
    const invalid = await aws('create-state-machine', '--name', 'bad', '--definition', `file://${definition}`, '--role-arn', 'arn:aws:iam::123456789012:role/r');
    expect(invalid.stderr).toContain('(InvalidDefinition)');
    const missing = await aws('start-sync-execution', '--state-machine-arn', 'arn:aws:states:us-east-1:123456789012:stateMachine:absent');
    expect(missing.stderr).toContain('(StateMachineDoesNotExist)');
  });
});

// Task states calling functions through the API server, end to end: Node handlers (TypeScript,
// CommonJS callback), a bash `bootstrap` speaking the Lambda Runtime API, a Python handler and
// an HTTP task, over a real loopback socket with the real AWS SDK. Each failure a function can
// have ends as AWS names it, and the server keeps answering.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { openStore } from '@flowgate/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../src/api/api-server.js';
import { createApiServer } from '../src/api/api-server.js';
import { localSfnClient } from './support.js';
import { FunctionRegistry } from '../src/functions/function-registry.js';
import type { FunctionDefinition } from '../src/functions/function-runner.js';
import { invokeHttpTask } from '../src/functions/http-task/index.js';
import { defaultRunnerFactories } from '../src/functions/runner-factories.js';
import { REPO_ROOT } from '../src/repo-paths.js';

const FIXTURES = join(REPO_ROOT, 'packages', 'server', 'test-fixtures', 'functions');
const ROLE = 'arn:aws:iam::123456789012:role/r';
const CONNECTION = 'arn:aws:events:us-east-1:123456789012:connection/orders-api/0f3c';

const node = (name: string, folder: string, handler: string, timeoutSeconds = 5): FunctionDefinition => ({
  name,
  kind: 'nodejs',
  handler,
  codeDirectory: join(FIXTURES, 'node', folder),
  timeoutSeconds,
  memoryMb: 128,
});

const FUNCTIONS: FunctionDefinition[] = [
  node('greet-ts', 'typescript', 'src/app.lambdaHandler'),
  node('callback-cjs', 'callback', 'index.result'),
  node('throws', 'failures', 'index.throws'),
  node('sleeps', 'failures', 'index.sleeps', 1),
  node('loops', 'failures', 'index.loops', 1),
  node('exits', 'failures', 'index.exits'),
  { name: 'shell-echo', kind: 'provided', handler: 'function.echo_event', codeDirectory: join(FIXTURES, 'runtime-api', 'shell'), timeoutSeconds: 5, memoryMb: 128 },
  { name: 'python-echo', kind: 'python', handler: 'handlers.echo', codeDirectory: join(FIXTURES, 'runtime-api', 'python'), timeoutSeconds: 5, memoryMb: 128 },
];

let dir = '';
let api: ApiServer;
let sfn: SFNClient;
let backend: Server;
let backendPort = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowgate-functions-'));
  backend = createServer((request, response) => {
    if (request.url?.startsWith('/missing')) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no such order"}');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: request.method, url: request.url }));
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendPort = (backend.address() as { port: number }).port;
  const functions = new FunctionRegistry(FUNCTIONS, { factories: defaultRunnerFactories(() => undefined) });
  api = await createApiServer({
    store: await openStore(join(dir, 'store.sqlite')),
    functions,
    http: (parameters, signal) => invokeHttpTask(parameters, { allowedHosts: [`127.0.0.1:${backendPort}`], connections: { [CONNECTION]: { authorization: { kind: 'none' } } } }, signal),
  });
  const { port } = await api.listen(0, '127.0.0.1');
  sfn = localSfnClient(port);
}, 60_000);

afterAll(async () => {
  sfn?.destroy();
  await api?.close(1000);
  await new Promise((resolve) => backend?.close(resolve));
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

let machines = 0;
async function run(task: Record<string, unknown>, input: unknown = {}) {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({
      name: `functions-${machines++}`,
      type: 'EXPRESS',
      roleArn: ROLE,
      definition: JSON.stringify({ StartAt: 'Call', States: { Call: { Type: 'Task', End: true, ...task } } }),
    }),
  );
  return sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
}

const invoke = (functionName: string, payload: unknown = {}) => ({
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: functionName, Payload: payload },
  ResultSelector: { 'payload.$': '$.Payload', 'status.$': '$.StatusCode' },
});

describe('functions called by Task states', () => {
  it('runs a TypeScript handler through lambda:invoke', async () => {
    const result = await run(invoke('greet-ts', { name: 'Ada', items: [2, 3] }));
    expect(result.status, result.cause).toBe('SUCCEEDED');
    expect(JSON.parse(result.output as string)).toMatchObject({ status: 200 });
  });

  it('runs a CommonJS callback handler through its plain function ARN', async () => {
    const result = await run({ Resource: 'arn:aws:lambda:us-east-1:123456789012:function:callback-cjs' }, { a: 1 });
    expect(result.status, result.cause).toBe('SUCCEEDED');
    expect(result.output).toBeDefined();
  });

  it('runs a bash bootstrap and a Python handler through the Runtime API', async () => {
    const shell = await run(invoke('shell-echo', { from: 'shell' }));
    expect(shell.status, shell.cause).toBe('SUCCEEDED');
    expect((JSON.parse(shell.output as string) as { payload: { event: unknown } }).payload.event).toEqual({ from: 'shell' });
    const python = await run(invoke('python-echo', { from: 'python' }));
    expect(python.status, python.cause).toBe('SUCCEEDED');
    expect(JSON.stringify(JSON.parse(python.output as string))).toContain('"from":"python"');
  });

  it("fails the task with the function's error type, routed by Catch", async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'catches',
        type: 'EXPRESS',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Call',
          States: {
            Call: { ...invoke('throws'), Type: 'Task', Catch: [{ ErrorEquals: ['CustomError'], ResultPath: '$.error', Next: 'Caught' }], End: true },
            Caught: { Type: 'Pass', End: true },
          },
        }),
      }),
    );
    const caught = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{}' }));
    expect(caught.status).toBe('SUCCEEDED');
    const error = (JSON.parse(caught.output as string) as { error: { Error: string; Cause: string } }).error;
    expect(error.Error).toBe('CustomError');
    expect(JSON.parse(error.Cause)).toMatchObject({ errorType: 'CustomError', errorMessage: 'boom' });
  });

  it('names a timeout, an endless loop and an exit as Lambda does, and keeps serving', async () => {
    const sleeps = await run(invoke('sleeps'));
    expect([sleeps.status, sleeps.error]).toEqual(['FAILED', 'Sandbox.Timedout']);
    const loops = await run(invoke('loops'));
    expect([loops.status, loops.error]).toEqual(['FAILED', 'Sandbox.Timedout']);
    const exits = await run(invoke('exits'));
    expect([exits.status, exits.error]).toEqual(['FAILED', 'Runtime.ExitError']);
    expect(JSON.parse(exits.cause as string)).toMatchObject({ errorMessage: expect.stringMatching(/exit status 3/) as unknown });
    const after = await run(invoke('callback-cjs', { still: 'alive' }));
    expect(after.status).toBe('SUCCEEDED');
  }, 30_000);

  it('reports an unknown function as Lambda.ResourceNotFoundException', async () => {
    const result = await run(invoke('nowhere'));
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('Lambda.ResourceNotFoundException');
  });

  it('calls a local HTTP server from an HTTP task, and names its error status', async () => {
    const ok = await run({
      Resource: 'arn:aws:states:::http:invoke',
      Parameters: { ApiEndpoint: `http://127.0.0.1:${backendPort}/orders`, Method: 'GET', QueryParameters: { id: '7' }, Authentication: { ConnectionArn: CONNECTION } },
    });
    expect(ok.status, ok.cause).toBe('SUCCEEDED');
    expect(JSON.parse(ok.output as string)).toMatchObject({ StatusCode: 200, ResponseBody: { method: 'GET', url: '/orders?id=7' } });
    const missing = await run({
      Resource: 'arn:aws:states:::http:invoke',
      Parameters: { ApiEndpoint: `http://127.0.0.1:${backendPort}/missing`, Method: 'GET', Authentication: { ConnectionArn: CONNECTION } },
    });
    expect([missing.status, missing.error]).toEqual(['FAILED', 'States.Http.StatusCode.404']);
  });
});

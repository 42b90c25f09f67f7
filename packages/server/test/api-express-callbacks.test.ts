// The EXPRESS callbacks extension: off, EXPRESS machines refuse `.waitForTaskToken` as AWS
// does; on, a synchronous execution waits for SendTaskSuccess like a STANDARD one.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, SendTaskSuccessCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { openStore } from '@flowgate/store';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiServer } from '../src/api/api-server.js';
import { localSfnClient } from './support.js';
import { FunctionRegistry } from '../src/functions/function-registry.js';

const ROLE = 'arn:aws:iam::123456789012:role/r';
const definition = JSON.stringify({
  StartAt: 'Approve',
  States: {
    Approve: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'approver', Payload: { 'token.$': '$$.Task.Token' } },
      TimeoutSeconds: 10,
      End: true,
    },
  },
});
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function serve(expressCallbacks: boolean) {
  const dir = await mkdtemp(join(tmpdir(), 'flowgate-express-callbacks-'));
  const tokens: string[] = [];
  const functions = new FunctionRegistry([{ name: 'approver', kind: 'nodejs', handler: 'index.handler', timeoutSeconds: 5, memoryMb: 128 }], {
    factories: {
      nodejs: () => ({
        invoke: (request) => {
          tokens.push((JSON.parse(request.payload) as { token: string }).token);
          return Promise.resolve({ payload: '{}', executedVersion: '$LATEST' });
        },
        close: () => Promise.resolve(),
      }),
    },
  });
  const api = await createApiServer({ store: await openStore(join(dir, 'store.sqlite')), functions, expressCallbacks });
  const { port } = await api.listen(0, '127.0.0.1');
  const sfn = localSfnClient(port);
  cleanups.push(async () => {
    sfn.destroy();
    await api.close(200);
    await rm(dir, { recursive: true, force: true });
  });
  return { sfn, tokens };
}

describe('EXPRESS callbacks', () => {
  it('are refused at creation as AWS refuses them, unless opted into', async () => {
    const { sfn } = await serve(false);
    const refused = await sfn
      .send(new CreateStateMachineCommand({ name: 'approve', type: 'EXPRESS', roleArn: ROLE, definition }))
      .then(() => undefined, (error: { name: string; message: string }) => error);
    expect(refused?.name).toBe('InvalidDefinition');
    expect(refused?.message).toContain("Express state machine does not support '.waitForTaskToken' service integration");
  });

  it('let a synchronous execution wait for SendTaskSuccess when opted into', async () => {
    const { sfn, tokens } = await serve(true);
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'approve', type: 'EXPRESS', roleArn: ROLE, definition }));
    const running = sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{}' }));
    for (let attempt = 0; attempt < 100 && tokens.length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tokens).toHaveLength(1);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: '{"approved":true}' }));
    const result = await running;
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output as string)).toEqual({ approved: true });
  });
});

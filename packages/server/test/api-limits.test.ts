// Back-pressure and retention of `flowgate serve`: a bounded number of executions in flight,
// refused beyond it with AWS's throttling error, and a bounded number of records kept.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, ListExecutionsCommand, SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { openStore } from '@flowgate/store';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiServer, ApiServerOptions } from '../src/api/api-server.js';
import { createApiServer } from '../src/api/api-server.js';
import { localSfnClient } from './support.js';

const ROLE = 'arn:aws:iam::123456789012:role/r';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(options: Omit<ApiServerOptions, 'store'>): Promise<{ api: ApiServer; sfn: SFNClient }> {
  const dir = await mkdtemp(join(tmpdir(), 'flowgate-limits-'));
  const api = await createApiServer({ store: await openStore(join(dir, 'store.sqlite')), ...options });
  const { port } = await api.listen(0, '127.0.0.1');
  const sfn = localSfnClient(port);
  cleanups.push(async () => {
    sfn.destroy();
    await api.close(100);
    await rm(dir, { recursive: true, force: true });
  });
  return { api, sfn };
}

describe('back-pressure', () => {
  it('refuses starts beyond the limit with ThrottlingException instead of queueing them', async () => {
    const { api, sfn } = await serve({ maxConcurrentExecutions: 2 });
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'waits',
        definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } }),
        roleArn: ROLE,
        type: 'EXPRESS',
      }),
    );
    const running = [1, 2].map(() => sfn.send(new StartSyncExecutionCommand({ stateMachineArn })));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.executor.activeExecutions).toBe(2);
    let refused: { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
    try {
      await sfn.send(new StartSyncExecutionCommand({ stateMachineArn }));
    } catch (error) {
      refused = error as typeof refused;
    }
    expect(refused?.name).toBe('ThrottlingException');
    expect(refused?.$metadata?.httpStatusCode).toBe(400);
    const results = await Promise.all(running);
    expect(results.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    // Capacity is back once they finished.
    expect((await sfn.send(new StartSyncExecutionCommand({ stateMachineArn }))).status).toBe('SUCCEEDED');
  });
});

describe('retention', () => {
  it('keeps at most the configured number of finished executions, newest first', async () => {
    const { sfn } = await serve({ retention: { maxExecutions: 5 }, retentionIntervalMs: 50, recordExpressExecutions: true });
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'kept',
        definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
        roleArn: ROLE,
        type: 'EXPRESS',
      }),
    );
    const arns: string[] = [];
    for (let i = 0; i < 12; i++) {
      arns.push((await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: `{"i":${i}}` }))).executionArn as string);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(listed.executions?.map((e) => e.executionArn)).toEqual(arns.slice(-5).reverse());
  });
});

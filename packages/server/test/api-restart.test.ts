// `flowgate serve` as a process: what was acknowledged survives a graceful restart and a
// kill -9 in the middle of load, and the store opens and answers afterwards.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localSfnClient } from './support.js';
import { BUILT_CLI, buildCli } from './support.js';

const CLI = BUILT_CLI;
const ROLE = 'arn:aws:iam::123456789012:role/r';
const children: ChildProcess[] = [];
let dir = '';

beforeAll(async () => {
  buildCli();
  dir = await mkdtemp(join(tmpdir(), 'flowgate-restart-'));
}, 180_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

interface Served {
  readonly child: ChildProcess;
  readonly sfn: SFNClient;
  readonly exited: Promise<number | null>;
}

async function startServer(dataDir: string, extra: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir, '--record-express', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(text);
      if (match !== null) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error(`server exited: ${text}`)));
  });
  const sfn = localSfnClient(port);
  return { child, sfn, exited };
}

const passChain = JSON.stringify({
  StartAt: 'A',
  States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Result: { done: true }, ResultPath: '$.result', End: true } },
});

describe('restarts', () => {
  it('a graceful stop records executions in flight, and a restart keeps everything', async () => {
    const dataDir = join(dir, 'graceful');
    const first = await startServer(dataDir, ['--shutdown-grace', '1']);
    const express = await first.sfn.send(new CreateStateMachineCommand({ name: 'quick', definition: passChain, roleArn: ROLE, type: 'EXPRESS' }));
    const standard = await first.sfn.send(
      new CreateStateMachineCommand({
        name: 'slow',
        definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 600, End: true } } }),
        roleArn: ROLE,
      }),
    );
    const acknowledged: string[] = [];
    for (let i = 0; i < 20; i++) {
      const result = await first.sfn.send(new StartSyncExecutionCommand({ stateMachineArn: express.stateMachineArn, input: `{"i":${i}}` }));
      acknowledged.push(result.executionArn as string);
    }
    const waiting = await first.sfn.send(new StartExecutionCommand({ stateMachineArn: standard.stateMachineArn, name: 'long' }));
    first.sfn.destroy();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startServer(dataDir);
    try {
      for (const executionArn of acknowledged) {
        expect((await second.sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('SUCCEEDED');
      }
      const stopped = await second.sfn.send(new DescribeExecutionCommand({ executionArn: waiting.executionArn }));
      expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Flowgate.ServerShutdown' });
      const machine = await second.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: express.stateMachineArn }));
      expect(machine.definition).toBe(passChain);
    } finally {
      second.sfn.destroy();
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);

  it('kill -9 during load loses no acknowledged execution, and the store opens and answers', async () => {
    const dataDir = join(dir, 'killed');
    const first = await startServer(dataDir);
    const { stateMachineArn } = await first.sfn.send(new CreateStateMachineCommand({ name: 'load', definition: passChain, roleArn: ROLE, type: 'EXPRESS' }));
    const acknowledged: string[] = [];
    let killed = false;
    const worker = async (): Promise<void> => {
      while (!killed) {
        try {
          const result = await first.sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"x":1}' }));
          acknowledged.push(result.executionArn as string);
        } catch {
          return;
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    killed = true;
    first.child.kill('SIGKILL');
    await first.exited;
    await Promise.all(workers);
    first.sfn.destroy();
    expect(acknowledged.length).toBeGreaterThan(50);

    const second = await startServer(dataDir);
    try {
      const results = await Promise.all(
        acknowledged.map((executionArn) => second.sfn.send(new DescribeExecutionCommand({ executionArn })).then((d) => d.status)),
      );
      expect(results.every((status) => status === 'SUCCEEDED')).toBe(true);
      const listed = await second.sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }));
      expect(listed.executions?.length).toBeGreaterThanOrEqual(Math.min(1000, acknowledged.length));
    } finally {
      second.sfn.destroy();
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);
});

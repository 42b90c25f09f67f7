/**
 * SQLite files shared with other processes, and processes that die.
 *
 * Durability: a child process writes executions as fast as it can and reports each
 * acknowledged write; it is killed with SIGKILL mid-stream, and everything it reported must
 * be in the file. Concurrency: several children open one new file at once and write into it.
 * The children run the built package, so the package is built first (a no-op when current).
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './index.js';

const packageFolder = fileURLToPath(new URL('..', import.meta.url));
const writeLoop = join(packageFolder, 'test-fixtures', 'write-loop.mjs');
const folder = mkdtempSync(join(tmpdir(), 'flowgate-durability-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

beforeAll(() => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', packageFolder], { stdio: 'inherit' });
}, 120_000);

/** Runs the write loop until `enough` writes were acknowledged, then kills it. */
async function writeUntilKilled(file: string, writers: number, enough: number): Promise<string[]> {
  const child = spawn(process.execPath, [writeLoop, file, String(writers)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`write loop too slow or stuck:\n${errors}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split('\n').length > enough) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`write loop ended by itself:\n${errors}`));
    });
  });
  expect(await exited).toBe('SIGKILL');
  // Only whole lines: the last one may have been cut by the kill.
  return output.split('\n').slice(0, -1);
}

describe('SQLite durability', () => {
  it('keeps every acknowledged write after the writer is killed with SIGKILL', async () => {
    const file = join(folder, 'killed.db');
    // Two rounds: the second writes into a file left behind by a killed process.
    for (const writers of [1, 32]) {
      const lines = await writeUntilKilled(file, writers, 3000);
      const inserted = lines.filter((line) => line.startsWith('inserted ')).map((line) => line.slice(9));
      const completed = new Set(lines.filter((line) => line.startsWith('completed ')).map((line) => line.slice(10)));
      expect(inserted.length).toBeGreaterThan(1000);

      const store = await openStore(file);
      try {
        for (const arn of inserted) {
          const record = await store.getExecution(arn);
          const history = await store.getHistory(arn, { limit: 10 });
          if (completed.has(arn)) {
            expect(record?.status, arn).toBe('SUCCEEDED');
            expect(history.items.map((e) => e.id), arn).toStrictEqual([1, 2, 3, 4]);
          } else {
            expect(record, arn).toBeDefined();
            expect(history.items.length, arn).toBeGreaterThanOrEqual(2);
          }
        }
        const page = await store.listExecutions({
          stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:durable',
          limit: 5,
        });
        expect(page.items).toHaveLength(5);
        // The executions caught between insert and completion, and only those, were running.
        const interrupted = await store.closeInterruptedExecutions({ status: 'ABORTED', stopDate: Date.now() });
        for (const arn of interrupted) expect(completed.has(arn), arn).toBe(false);
        expect(interrupted.length).toBeLessThanOrEqual(writers + 1);
      } finally {
        await store.close();
      }
    }
  }, 120_000);
});

describe('SQLite shared by processes', () => {
  it('lets several processes open one new file at once and write into it', async () => {
    const file = join(folder, 'shared', 'store.db');
    const children = Array.from({ length: 4 }, () =>
      promisify(execFile)(process.execPath, [writeLoop, file, '4', '150'], { timeout: 60_000 }),
    );
    const outputs = await Promise.all(children);
    const completed = outputs.flatMap(({ stdout }) => stdout.split('\n').filter((line) => line.startsWith('completed ')));
    expect(completed).toHaveLength(600);
    const store = await openStore(file);
    try {
      const page = await store.listExecutions({
        stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:durable',
        status: 'SUCCEEDED',
        limit: 1000,
      });
      expect(page.items).toHaveLength(600);
    } finally {
      await store.close();
    }
  }, 120_000);
});

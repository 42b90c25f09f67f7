import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from './index.js';
import { openSqlite } from './sqlite-connection.js';
import { storeSuite } from './store.suite.js';
import { execution, machine, machineArn } from './store-suite/fixtures.js';
import { migrationCases } from './store-suite/migration.suite.js';

const folder = mkdtempSync(join(tmpdir(), 'flowgate-store-'));
let serial = 0;

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A path in a folder that does not exist yet: opening must create it. */
function freshFile(): string {
  serial += 1;
  return join(folder, `store-${serial}`, 'nested', 'flowgate.db');
}

storeSuite('SQLite file store', () => {
  const file = freshFile();
  return { persistent: true, open: () => openStore(file) };
});

storeSuite('SQLite in-memory store', () => ({ persistent: false, open: () => openStore(':memory:') }));

migrationCases('SQLite file store', () => {
  const file = freshFile();
  return { openBackend: () => ({ backend: openSqlite(file, { backgroundCheckpoints: false }) }), open: () => openStore(file) };
});

describe('SQLite store location and settings', () => {
  it('accepts sqlite: and sqlite:// prefixes and creates parent folders', async () => {
    for (const location of [`sqlite:${freshFile()}`, `sqlite://${freshFile()}`]) {
      const store = await openStore(location);
      await store.createStateMachine(machine('orders'));
      await store.close();
      const file = location.replace(/^sqlite:(\/\/)?/, '');
      expect(existsSync(file)).toBe(true);
      const reopened = await openStore(file);
      expect(await reopened.getStateMachine(machineArn('orders'))).toBeDefined();
      await reopened.close();
    }
  });

  it('writes the file in WAL mode, with either synchronous setting', async () => {
    for (const synchronous of ['normal', 'full'] as const) {
      const file = freshFile();
      const store = await openStore(file, { synchronous });
      await store.insertExecution(execution('orders', 'e1'));
      const raw = new Database(file, { readonly: true });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('select count(*) as n from executions').get()).toStrictEqual({ n: 1 });
      raw.close();
      await store.close();
    }
  });

  it('checkpoints the WAL in a worker thread unless told not to', async () => {
    // About 500 pages: below SQLite's own threshold (1000), so only the worker copies the
    // log into the database file.
    const input = JSON.stringify({ blob: 'x'.repeat(4000) });
    const write = (store: Store) =>
      Promise.all(Array.from({ length: 500 }, (_, i) => store.insertExecution(execution('orders', `e${i}`, { input }))));
    const file = freshFile();
    const store = await openStore(file);
    await write(store);
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(500 * 4000), { timeout: 10_000, interval: 20 });
    await store.close();

    const quiet = freshFile();
    const unassisted = await openStore(quiet, { backgroundCheckpoints: false });
    await write(unassisted);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(statSync(quiet).size).toBeLessThan(500 * 4000);
    await unassisted.close();
  });

  it('gives each in-memory store storage of its own', async () => {
    const first = await openStore(':memory:');
    const second = await openStore(':memory:');
    await first.createStateMachine(machine('orders'));
    expect(await second.getStateMachine(machineArn('orders'))).toBeUndefined();
    await Promise.all([first.close(), second.close()]);
  });

  it('lets two stores of one process write the same file at once', async () => {
    const file = freshFile();
    const [a, b] = await Promise.all([openStore(file), openStore(file)]);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? a : b).insertExecution(execution('orders', `e${i}`))),
    );
    const { items } = await a.listExecutions({ stateMachineArn: machineArn('orders'), limit: 1000 });
    expect(items).toHaveLength(200);
    await Promise.all([a.close(), b.close()]);
  });
});

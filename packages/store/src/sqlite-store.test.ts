import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './index.js';
import { storeSuite } from './store.suite.js';
import { execution, machine, machineArn } from './store-suite/fixtures.js';

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

import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import {
  alias,
  events,
  execution,
  finished,
  machine,
  machineArn,
  revision,
  snapshot,
  type SuiteContext,
} from './fixtures.js';

/** What a store holds after `fill`, read back through every getter. */
async function contents(store: Store): Promise<unknown> {
  const arn = machineArn('orders');
  return {
    machines: await store.listStateMachines({ limit: 100 }),
    versions: await store.listVersions(arn, { limit: 100 }),
    byRevision: await store.findVersionByRevision(arn, 1),
    aliases: await store.listAliases(arn, { limit: 100 }),
    tags: await store.getTags(arn),
    snapshot: await store.getMachineSnapshot('orders#1'),
    executions: await store.listExecutions({ stateMachineArn: arn, limit: 100 }),
    history: await store.getHistory(execution('orders', 'e1').arn, { limit: 100 }),
  };
}

async function fill(store: Store): Promise<void> {
  const arn = machineArn('orders');
  await store.createStateMachine(machine('orders'));
  await store.publishVersion(arn, { creationDate: 1, description: 'v1' });
  await store.updateStateMachine(arn, revision(2));
  await store.putAlias(alias('orders', 'live'));
  await store.putTags(arn, [{ key: 'team', value: 'payments' }]);
  await store.putMachineSnapshot(snapshot('orders#1'));
  await store.insertExecution(execution('orders', 'e1'), events(1, 3));
  await store.insertExecution(finished('orders', 'e2', 50), events(1, 5));
}

export function lifecycleCases(t: SuiteContext): void {
  describe('lifecycle', () => {
    it('keeps everything when the store is closed and opened again', async (context) => {
      if (!t.persistent) context.skip();
      await fill(t.store);
      const before = await contents(t.store);
      await t.store.close();
      const reopened = await t.reopen();
      expect(await contents(reopened)).toStrictEqual(before);
      // Counters carry on where they were.
      expect((await reopened.publishVersion(machineArn('orders'), { creationDate: 2 }))?.number).toBe(2);
      expect(await reopened.updateStateMachine(machineArn('orders'), revision(3))).toBe(true);
    });

    it('migrates once when several stores open the same new storage at once', async (context) => {
      if (!t.persistent) context.skip();
      const target = await t.newTarget();
      const stores = await Promise.all([target.open(), target.open(), target.open()]);
      const [first, second] = stores;
      if (first === undefined || second === undefined) throw new Error('unreachable');
      await fill(first);
      expect(await contents(second)).toStrictEqual(await contents(first));
    });

    it('waits for pending writes when closed', async (context) => {
      if (!t.persistent) context.skip();
      const pending = Array.from({ length: 50 }, (_, i) =>
        t.store.insertExecution(execution('orders', `p${i}`), events(1, 2)),
      );
      await t.store.close();
      expect(await Promise.all(pending)).toStrictEqual(Array<boolean>(50).fill(true));
      const reopened = await t.reopen();
      const { items } = await reopened.listExecutions({ stateMachineArn: machineArn('orders'), limit: 100 });
      expect(items).toHaveLength(50);
    });

    it('refuses calls once closed, and closes only once', async () => {
      await t.store.close();
      await t.store.close();
      await expect(t.store.getExecution('x')).rejects.toThrow(/closed/);
      await expect(t.store.insertExecution(execution('orders', 'late'))).rejects.toThrow(/closed/);
    });
  });
}

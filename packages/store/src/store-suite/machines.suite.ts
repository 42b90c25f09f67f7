import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../store.js';
import {
  alias,
  badCursors,
  collectPages,
  execution,
  machine,
  machineArn,
  revision,
  snapshot,
  type SuiteContext,
} from './fixtures.js';

export function machineCases(t: SuiteContext): void {
  describe('state machines', () => {
    it('creates a machine and reads it back as written', async () => {
      const record = machine('orders', {
        type: 'EXPRESS',
        revision: revision(1, { encryptionConfiguration: '{"type":"AWS_OWNED_KEY"}' }),
      });
      expect(await t.store.createStateMachine(record)).toBe(true);
      const read = await t.store.getStateMachine(record.arn);
      expect(read).toStrictEqual(record);
      expect(read?.revision).not.toHaveProperty('revisionId');
      expect(await t.store.getStateMachine(machineArn('missing'))).toBeUndefined();
    });

    it('refuses a second machine with the same ARN and keeps the first', async () => {
      const first = machine('orders');
      expect(await t.store.createStateMachine(first)).toBe(true);
      const second = machine('orders', { type: 'EXPRESS', revision: revision(1, { roleArn: 'other' }) });
      expect(await t.store.createStateMachine(second)).toBe(false);
      expect(await t.store.getStateMachine(first.arn)).toStrictEqual(first);
    });

    it('lets exactly one of concurrent creations of one ARN win', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => t.store.createStateMachine(machine('race'))));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('lists machines by name in code-point order, across pages', async () => {
      const names = ['beta', 'Zeta', 'alpha', '_under', 'Alpha', 'a-b', 'a_b', 'gamma', 'ä-umlaut'];
      for (const name of names) await t.store.createStateMachine(machine(name));
      // The same name in another region sorts by ARN after its namesake.
      const twin = machine('beta', { arn: 'arn:aws:states:us-west-2:123456789012:stateMachine:beta' });
      await t.store.createStateMachine(twin);
      const { items, pages } = await collectPages((after) =>
        t.store.listStateMachines({ limit: 2, ...(after !== undefined && { after }) }),
      );
      expect(pages).toBe(5);
      const expected = [...names].sort();
      expect(items.map((m) => m.name)).toStrictEqual(expected.flatMap((n) => (n === 'beta' ? [n, n] : [n])));
      expect(items.filter((m) => m.name === 'beta').map((m) => m.arn)).toStrictEqual([machineArn('beta'), twin.arn]);
      expect(items[0]).toStrictEqual(machine(expected[0] ?? ''));
    });

    it('returns no cursor on the last page, and an empty page for an empty store', async () => {
      expect(await t.store.listStateMachines({ limit: 10 })).toStrictEqual({ items: [] });
      await t.store.createStateMachine(machine('a'));
      await t.store.createStateMachine(machine('b'));
      const exact = await t.store.listStateMachines({ limit: 2 });
      expect(exact.items).toHaveLength(2);
      expect(exact.nextCursor).toBeUndefined();
      const first = await t.store.listStateMachines({ limit: 1 });
      expect(first.nextCursor).toEqual(expect.any(String));
      const rest = await t.store.listStateMachines({ limit: 1, after: first.nextCursor ?? '' });
      expect(rest.items.map((m) => m.name)).toStrictEqual(['b']);
      expect(rest.nextCursor).toBeUndefined();
    });

    it('keeps a cursor valid when the item it points at is deleted', async () => {
      for (const name of ['a', 'b', 'c', 'd']) await t.store.createStateMachine(machine(name));
      const first = await t.store.listStateMachines({ limit: 2 });
      await t.store.deleteStateMachine(machineArn('b'));
      await t.store.deleteStateMachine(machineArn('c'));
      const next = await t.store.listStateMachines({ limit: 2, after: first.nextCursor ?? '' });
      expect(next.items.map((m) => m.name)).toStrictEqual(['d']);
    });

    it('rejects cursors it did not issue', async () => {
      await t.store.createStateMachine(machine('a'));
      for (const after of [...badCursors, '']) {
        await expect(t.store.listStateMachines({ limit: 1, after })).rejects.toBeInstanceOf(InvalidCursorError);
      }
      // A cursor of another listing is not a machines cursor.
      await t.store.publishVersion(machineArn('a'), { creationDate: 1 });
      await t.store.publishVersion(machineArn('a'), { creationDate: 2 });
      const versions = await t.store.listVersions(machineArn('a'), { limit: 1 });
      await expect(t.store.listStateMachines({ limit: 1, after: versions.nextCursor ?? '' })).rejects.toThrow(
        InvalidCursorError,
      );
    });

    it('updates only from the current revision, keeping every revision', async () => {
      const arn = machineArn('orders');
      await t.store.createStateMachine(machine('orders'));
      expect(await t.store.updateStateMachine(arn, revision(2))).toBe(true);
      expect((await t.store.getStateMachine(arn))?.revision).toStrictEqual(revision(2));
      // Stale (made from seq 1 again), skipping ahead, and an unknown machine all fail.
      expect(await t.store.updateStateMachine(arn, revision(2, { roleArn: 'stale' }))).toBe(false);
      expect(await t.store.updateStateMachine(arn, revision(4))).toBe(false);
      expect(await t.store.updateStateMachine(machineArn('missing'), revision(2))).toBe(false);
      expect((await t.store.getStateMachine(arn))?.revision).toStrictEqual(revision(2));
      expect(await t.store.updateStateMachine(arn, revision(3))).toBe(true);
      // Earlier revisions stay reachable through the versions published from them.
      await t.store.updateStateMachine(arn, revision(4));
      const published = await t.store.publishVersion(arn, { creationDate: 5 });
      expect(published?.revision).toStrictEqual(revision(4));
    });

    it('lets exactly one of concurrent updates from the same revision win', async () => {
      const arn = machineArn('orders');
      await t.store.createStateMachine(machine('orders'));
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => t.store.updateStateMachine(arn, revision(2, { roleArn: `role-${i}` }))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect((await t.store.getStateMachine(arn))?.revision.roleArn).toBe(`role-${winner}`);
    });

    it('sets the status', async () => {
      await t.store.createStateMachine(machine('orders'));
      await t.store.setStateMachineStatus(machineArn('orders'), 'DELETING');
      expect((await t.store.getStateMachine(machineArn('orders')))?.status).toBe('DELETING');
      await t.store.setStateMachineStatus(machineArn('missing'), 'DELETING');
      expect(await t.store.getStateMachine(machineArn('missing'))).toBeUndefined();
    });

    it('deletes a machine with its revisions, versions, aliases and tags, but not executions or snapshots', async () => {
      const arn = machineArn('orders');
      await t.store.createStateMachine(machine('orders'));
      await t.store.createStateMachine(machine('other'));
      await t.store.updateStateMachine(arn, revision(2));
      const version = await t.store.publishVersion(arn, { creationDate: 10 });
      await t.store.putAlias(alias('orders', 'live'));
      await t.store.putTags(arn, [{ key: 'team', value: 'payments' }]);
      await t.store.putTags(machineArn('other'), [{ key: 'team', value: 'other' }]);
      await t.store.putMachineSnapshot(snapshot('orders#2'));
      await t.store.insertExecution(execution('orders', 'e1'));

      await t.store.deleteStateMachine(arn);
      expect(await t.store.getStateMachine(arn)).toBeUndefined();
      expect(await t.store.getVersion(version?.arn ?? '')).toBeUndefined();
      expect(await t.store.listVersions(arn, { limit: 10 })).toStrictEqual({ items: [] });
      expect(await t.store.getAlias(alias('orders', 'live').arn)).toBeUndefined();
      expect(await t.store.getTags(arn)).toStrictEqual([]);
      expect(await t.store.getTags(machineArn('other'))).toStrictEqual([{ key: 'team', value: 'other' }]);
      expect(await t.store.getMachineSnapshot('orders#2')).toStrictEqual(snapshot('orders#2'));
      expect((await t.store.getExecution(execution('orders', 'e1').arn))?.name).toBe('e1');

      // The name is free again, starting from revision 1 with no trace of the old revisions.
      expect(await t.store.createStateMachine(machine('orders'))).toBe(true);
      expect((await t.store.getStateMachine(arn))?.revision).toStrictEqual(revision(1));
      expect(await t.store.updateStateMachine(arn, revision(2, { roleArn: 'new' }))).toBe(true);
      expect((await t.store.publishVersion(arn, { creationDate: 11 }))?.number).toBe(1);
      await t.store.deleteStateMachine(machineArn('missing'));
    });

    it('keeps a 1 MiB definition and odd JSON text verbatim', async () => {
      const padding = 'x'.repeat(1024 * 1024 - 200);
      const definition =
        `{ "Comment" : "${padding}",\n  "__proto__": {"polluted": true},` + ` "ключ": "値 🚀\\u0000",\t"StartAt":"S" }`;
      const record = machine('big', { revision: revision(1, { definition }) });
      await t.store.createStateMachine(record);
      expect((await t.store.getStateMachine(record.arn))?.revision.definition).toBe(definition);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../store.js';
import { badCursors, collectPages, machine, machineArn, revision, type SuiteContext } from './fixtures.js';

export function versionCases(t: SuiteContext): void {
  describe('versions', () => {
    const arn = machineArn('orders');

    it('publishes the current revision as the next number', async () => {
      await t.store.createStateMachine(machine('orders'));
      const first = await t.store.publishVersion(arn, { creationDate: 10, description: 'first' });
      expect(first).toStrictEqual({
        arn: `${arn}:1`,
        stateMachineArn: arn,
        number: 1,
        description: 'first',
        creationDate: 10,
        revision: revision(1),
      });
      await t.store.updateStateMachine(arn, revision(2));
      const second = await t.store.publishVersion(arn, { creationDate: 20 });
      expect(second).toStrictEqual({
        arn: `${arn}:2`,
        stateMachineArn: arn,
        number: 2,
        creationDate: 20,
        revision: revision(2),
      });
      expect(await t.store.getVersion(`${arn}:1`)).toStrictEqual(first);
      expect(await t.store.getVersion(`${arn}:2`)).toStrictEqual(second);
      expect(await t.store.getVersion(`${arn}:3`)).toBeUndefined();
      expect((await t.store.getStateMachine(arn))?.lastVersionNumber).toBe(2);
    });

    it('answers undefined when publishing for a missing machine', async () => {
      expect(await t.store.publishVersion(machineArn('missing'), { creationDate: 1 })).toBeUndefined();
    });

    it('keeps a version on the revision it was published from after updates', async () => {
      await t.store.createStateMachine(machine('orders'));
      const v1 = await t.store.publishVersion(arn, { creationDate: 10 });
      await t.store.updateStateMachine(arn, revision(2, { definition: '{"changed":true}' }));
      expect((await t.store.getVersion(v1?.arn ?? ''))?.revision).toStrictEqual(revision(1));
    });

    it('hands out distinct numbers to concurrent publishes', async () => {
      await t.store.createStateMachine(machine('orders'));
      const published = await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.store.publishVersion(arn, { creationDate: i })),
      );
      expect(published.map((v) => v?.number).sort((a, b) => (a ?? 0) - (b ?? 0))).toStrictEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
    });

    it('never reuses a number, even after deleting versions', async () => {
      await t.store.createStateMachine(machine('orders'));
      await t.store.publishVersion(arn, { creationDate: 1 });
      await t.store.publishVersion(arn, { creationDate: 2 });
      await t.store.deleteVersion(`${arn}:2`);
      expect(await t.store.getVersion(`${arn}:2`)).toBeUndefined();
      expect((await t.store.publishVersion(arn, { creationDate: 3 }))?.number).toBe(3);
      await t.store.deleteVersion(`${arn}:1`);
      await t.store.deleteVersion(`${arn}:3`);
      expect((await t.store.publishVersion(arn, { creationDate: 4 }))?.number).toBe(4);
      expect((await t.store.getStateMachine(arn))?.lastVersionNumber).toBe(4);
      await t.store.deleteVersion(`${arn}:99`);
    });

    it('continues from the lastVersionNumber a machine was created with', async () => {
      await t.store.createStateMachine(machine('orders', { lastVersionNumber: 7 }));
      expect((await t.store.publishVersion(arn, { creationDate: 1 }))?.number).toBe(8);
    });

    it('finds the version published from a revision', async () => {
      await t.store.createStateMachine(machine('orders'));
      expect(await t.store.findVersionByRevision(arn, 1)).toBeUndefined();
      const v1 = await t.store.publishVersion(arn, { creationDate: 1 });
      await t.store.updateStateMachine(arn, revision(2));
      expect(await t.store.findVersionByRevision(arn, 1)).toStrictEqual(v1);
      expect(await t.store.findVersionByRevision(arn, 2)).toBeUndefined();
      expect(await t.store.findVersionByRevision(machineArn('other'), 1)).toBeUndefined();
      await t.store.deleteVersion(v1?.arn ?? '');
      expect(await t.store.findVersionByRevision(arn, 1)).toBeUndefined();
    });

    it('lists versions highest number first, across pages', async () => {
      await t.store.createStateMachine(machine('orders'));
      await t.store.createStateMachine(machine('other'));
      for (let i = 0; i < 7; i += 1) await t.store.publishVersion(arn, { creationDate: i });
      await t.store.publishVersion(machineArn('other'), { creationDate: 1 });
      await t.store.deleteVersion(`${arn}:4`);
      const { items, pages } = await collectPages((after) =>
        t.store.listVersions(arn, { limit: 2, ...(after !== undefined && { after }) }),
      );
      expect(items.map((v) => v.number)).toStrictEqual([7, 6, 5, 3, 2, 1]);
      expect(pages).toBe(3);
      expect(items[0]).toStrictEqual(await t.store.getVersion(`${arn}:7`));
      for (const after of badCursors) {
        await expect(t.store.listVersions(arn, { limit: 2, after })).rejects.toBeInstanceOf(InvalidCursorError);
      }
    });
  });
}

import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../store.js';
import { InvalidCursorError } from '../store.js';
import { badCursors, collectPages, machine, region, type SuiteContext } from './fixtures.js';

function activity(name: string, overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  return { arn: `${region}:activity:${name}`, name, creationDate: 1_700_000_000_000, ...overrides };
}

export function activityCases(t: SuiteContext): void {
  describe('activities', () => {
    it('creates an activity and reads it back as written, with or without encryption', async () => {
      const plain = activity('review');
      const encrypted = activity('audit', { encryptionConfiguration: '{"type":"CUSTOMER_MANAGED_KMS_KEY","kmsKeyId":"k"}' });
      expect(await t.store.createActivity(plain)).toBe(true);
      expect(await t.store.createActivity(encrypted)).toBe(true);
      const read = await t.store.getActivity(plain.arn);
      expect(read).toStrictEqual(plain);
      expect(read).not.toHaveProperty('encryptionConfiguration');
      expect(await t.store.getActivity(encrypted.arn)).toStrictEqual(encrypted);
      expect(await t.store.getActivity(activity('missing').arn)).toBeUndefined();
    });

    it('refuses a second activity with the same ARN and keeps the first', async () => {
      const first = activity('review');
      expect(await t.store.createActivity(first)).toBe(true);
      expect(await t.store.createActivity(activity('review', { creationDate: 5 }))).toBe(false);
      expect(await t.store.getActivity(first.arn)).toStrictEqual(first);
    });

    it('lets exactly one of concurrent creations of one ARN win', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => t.store.createActivity(activity('race'))));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('lists activities by name in code-point order, across pages', async () => {
      const names = ['beta', 'Zeta', 'alpha', '_under', 'a-b', 'gamma'];
      for (const name of names) await t.store.createActivity(activity(name));
      const twin = activity('beta', { arn: 'arn:aws:states:us-west-2:123456789012:activity:beta' });
      await t.store.createActivity(twin);
      // Machines share no listing with activities.
      await t.store.createStateMachine(machine('alpha'));
      const { items, pages } = await collectPages((after) => t.store.listActivities({ limit: 2, ...(after !== undefined && { after }) }));
      expect(pages).toBe(4);
      const expected = [...names].sort();
      expect(items.map((a) => a.name)).toStrictEqual(expected.flatMap((n) => (n === 'beta' ? [n, n] : [n])));
      expect(items.filter((a) => a.name === 'beta').map((a) => a.arn)).toStrictEqual([activity('beta').arn, twin.arn]);
      expect(items[0]).toStrictEqual(activity(expected[0] ?? ''));
    });

    it('returns no cursor on the last page, and refuses cursors it did not issue', async () => {
      expect(await t.store.listActivities({ limit: 10 })).toStrictEqual({ items: [] });
      await t.store.createActivity(activity('a'));
      await t.store.createStateMachine(machine('a'));
      await t.store.createStateMachine(machine('b'));
      expect(await t.store.listActivities({ limit: 1 })).toStrictEqual({ items: [activity('a')] });
      const machinesCursor = (await t.store.listStateMachines({ limit: 1 })).nextCursor;
      for (const after of [...badCursors, machinesCursor ?? '']) {
        await expect(t.store.listActivities({ limit: 1, after })).rejects.toBeInstanceOf(InvalidCursorError);
      }
    });

    it('deletes an activity with its tags; deleting again or an unknown one does nothing', async () => {
      const review = activity('review');
      await t.store.createActivity(review);
      await t.store.putTags(review.arn, [{ key: 'team', value: 'ops' }]);
      await t.store.deleteActivity(review.arn);
      expect(await t.store.getActivity(review.arn)).toBeUndefined();
      expect(await t.store.getTags(review.arn)).toStrictEqual([]);
      await t.store.deleteActivity(review.arn);
      await t.store.deleteActivity(activity('never').arn);
      // The name is free again.
      expect(await t.store.createActivity(activity('review', { creationDate: 9 }))).toBe(true);
      expect((await t.store.getActivity(review.arn))?.creationDate).toBe(9);
    });

    it('keeps activities when the store is closed and opened again', async (context) => {
      if (!t.persistent) context.skip();
      await t.store.createActivity(activity('review'));
      await t.store.close();
      const reopened = await t.reopen();
      expect(await reopened.listActivities({ limit: 10 })).toStrictEqual({ items: [activity('review')] });
    });
  });
}

import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../store.js';
import { alias, badCursors, collectPages, machine, machineArn, type SuiteContext } from './fixtures.js';

export function aliasAndTagCases(t: SuiteContext): void {
  describe('aliases', () => {
    const arn = machineArn('orders');

    it('puts, replaces and deletes an alias', async () => {
      await t.store.createStateMachine(machine('orders'));
      const live = alias('orders', 'live', { description: 'production' });
      await t.store.putAlias(live);
      expect(await t.store.getAlias(live.arn)).toStrictEqual(live);
      const replaced = alias('orders', 'live', {
        routingConfiguration: [
          { stateMachineVersionArn: `${arn}:1`, weight: 90 },
          { stateMachineVersionArn: `${arn}:2`, weight: 10 },
        ],
        updateDate: 1_700_000_009_000,
      });
      await t.store.putAlias(replaced);
      const read = await t.store.getAlias(live.arn);
      expect(read).toStrictEqual(replaced);
      expect(read).not.toHaveProperty('description');
      await t.store.deleteAlias(live.arn);
      expect(await t.store.getAlias(live.arn)).toBeUndefined();
      await t.store.deleteAlias(live.arn);
    });

    it('lists aliases in creation order; replacing keeps the place', async () => {
      await t.store.createStateMachine(machine('orders'));
      await t.store.createStateMachine(machine('other'));
      for (const name of ['zulu', 'alpha', 'mike', 'bravo', 'echo']) await t.store.putAlias(alias('orders', name));
      await t.store.putAlias(alias('other', 'elsewhere'));
      await t.store.putAlias(alias('orders', 'zulu', { description: 'replaced' }));
      await t.store.deleteAlias(alias('orders', 'mike').arn);
      await t.store.putAlias(alias('orders', 'mike'));
      const { items, pages } = await collectPages((after) =>
        t.store.listAliases(arn, { limit: 2, ...(after !== undefined && { after }) }),
      );
      expect(items.map((a) => a.name)).toStrictEqual(['zulu', 'alpha', 'bravo', 'echo', 'mike']);
      expect(items[0]?.description).toBe('replaced');
      expect(pages).toBe(3);
      for (const after of badCursors) {
        await expect(t.store.listAliases(arn, { limit: 2, after })).rejects.toBeInstanceOf(InvalidCursorError);
      }
    });
  });

  describe('tags', () => {
    const arn = machineArn('orders');

    it('keeps tags in the order keys were first set', async () => {
      expect(await t.store.getTags(arn)).toStrictEqual([]);
      await t.store.putTags(arn, [
        { key: 'b', value: '1' },
        { key: 'a', value: '2' },
      ]);
      await t.store.putTags(arn, [
        { key: 'c', value: '3' },
        { key: 'b', value: 'replaced' },
      ]);
      expect(await t.store.getTags(arn)).toStrictEqual([
        { key: 'b', value: 'replaced' },
        { key: 'a', value: '2' },
        { key: 'c', value: '3' },
      ]);
    });

    it('takes the last value of a key given twice in one call', async () => {
      await t.store.putTags(arn, [
        { key: 'k', value: 'first' },
        { key: 'other', value: '' },
        { key: 'k', value: 'second' },
      ]);
      expect(await t.store.getTags(arn)).toStrictEqual([
        { key: 'k', value: 'second' },
        { key: 'other', value: '' },
      ]);
    });

    it('removes keys, ignoring absent ones, and keeps tags per resource', async () => {
      const activity = 'arn:aws:states:us-east-1:123456789012:activity:review';
      await t.store.putTags(arn, [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
        { key: 'c', value: '3' },
      ]);
      await t.store.putTags(activity, [{ key: 'a', value: 'activity' }]);
      await t.store.removeTags(arn, ['a', 'c', 'absent']);
      await t.store.removeTags(arn, []);
      await t.store.putTags(arn, []);
      expect(await t.store.getTags(arn)).toStrictEqual([{ key: 'b', value: '2' }]);
      expect(await t.store.getTags(activity)).toStrictEqual([{ key: 'a', value: 'activity' }]);
      // A key removed and set again goes to the end.
      await t.store.putTags(arn, [{ key: 'a', value: 'again' }]);
      expect((await t.store.getTags(arn)).map((tag) => tag.key)).toStrictEqual(['b', 'a']);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../store.js';
import { badCursors, collectPages, events, execution, type SuiteContext } from './fixtures.js';

export function historyCases(t: SuiteContext): void {
  describe('history', () => {
    const record = execution('orders', 'h1');

    it('pages through history by event id, forwards and backwards', async () => {
      await t.store.insertExecution(record, events(1, 4));
      await t.store.appendHistory(record.arn, events(5, 7));
      await t.store.insertExecution(execution('orders', 'h2'), events(1, 3));
      const forward = await collectPages((after) =>
        t.store.getHistory(record.arn, { limit: 3, ...(after !== undefined && { after }) }),
      );
      expect(forward.items).toStrictEqual(events(1, 7));
      expect(forward.pages).toBe(3);
      const backward = await collectPages((after) =>
        t.store.getHistory(record.arn, { limit: 3, reverse: true, ...(after !== undefined && { after }) }),
      );
      expect(backward.items).toStrictEqual(events(1, 7).reverse());
      const exact = await t.store.getHistory(record.arn, { limit: 7 });
      expect(exact.nextCursor).toBeUndefined();
    });

    it('keeps events appended in arbitrary order sorted by id', async () => {
      await t.store.insertExecution(record, events(1, 1));
      await t.store.appendHistory(record.arn, events(4, 5));
      await t.store.appendHistory(record.arn, events(2, 3));
      expect((await t.store.getHistory(record.arn, { limit: 10 })).items.map((e) => e.id)).toStrictEqual([1, 2, 3, 4, 5]);
    });

    it('rejects foreign cursors, including one from the other direction', async () => {
      await t.store.insertExecution(record, events(1, 4));
      const forward = await t.store.getHistory(record.arn, { limit: 1 });
      const backwards = t.store.getHistory(record.arn, { limit: 1, reverse: true, after: forward.nextCursor ?? '' });
      await expect(backwards).rejects.toBeInstanceOf(InvalidCursorError);
      for (const after of badCursors) {
        await expect(t.store.getHistory(record.arn, { limit: 1, after })).rejects.toBeInstanceOf(InvalidCursorError);
      }
    });

    it('stores a long history in one insert', async () => {
      await t.store.insertExecution(record, events(1, 2345));
      const { items } = await collectPages((after) =>
        t.store.getHistory(record.arn, { limit: 1000, ...(after !== undefined && { after }) }),
      );
      expect(items.map((e) => e.id)).toStrictEqual(events(1, 2345).map((e) => e.id));
    });
  });
}

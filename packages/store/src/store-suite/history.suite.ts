import { describe, expect, it } from 'vitest';
import { DuplicateEventError, InvalidCursorError } from '../store.js';
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

    it('merges events written between and around stored ones', async () => {
      const [one, two, three, four, five, six] = events(1, 6);
      if (!one || !two || !three || !four || !five || !six) throw new Error('unreachable');
      await t.store.insertExecution(record, [four, one]);
      await t.store.appendHistory(record.arn, [three, two]);
      await t.store.appendHistory(record.arn, [six]);
      await t.store.appendHistory(record.arn, [five]);
      expect((await t.store.getHistory(record.arn, { limit: 10 })).items).toStrictEqual(events(1, 6));
      const backward = await collectPages((after) =>
        t.store.getHistory(record.arn, { limit: 4, reverse: true, ...(after !== undefined && { after }) }),
      );
      expect(backward.items).toStrictEqual(events(1, 6).reverse());
    });

    it('refuses a repeated event id, stored or within one call, writing nothing of that call', async () => {
      await t.store.insertExecution(record, events(1, 3));
      await expect(t.store.appendHistory(record.arn, [...events(4, 5), ...events(5, 5)])).rejects.toBeInstanceOf(
        DuplicateEventError,
      );
      await expect(t.store.appendHistory(record.arn, events(3, 4))).rejects.toBeInstanceOf(DuplicateEventError);
      // Interleaved with stored events, one of them repeated.
      await expect(t.store.appendHistory(record.arn, [...events(0, 0), ...events(2, 2)])).rejects.toBeInstanceOf(
        DuplicateEventError,
      );
      const other = execution('orders', 'h2');
      await expect(t.store.insertExecution(other, [...events(1, 2), ...events(1, 1)])).rejects.toBeInstanceOf(
        DuplicateEventError,
      );
      expect(await t.store.getExecution(other.arn)).toBeUndefined();
      expect((await t.store.getHistory(record.arn, { limit: 10 })).items).toStrictEqual(events(1, 3));
    });

    it('pages through a history written in many small appends', async () => {
      await t.store.insertExecution(record, events(1, 2));
      for (let id = 3; id <= 150; id += 3) await t.store.appendHistory(record.arn, events(id, id + 2));
      for (const limit of [1, 7, 100, 1000]) {
        const forward = await collectPages((after) =>
          t.store.getHistory(record.arn, { limit, ...(after !== undefined && { after }) }),
        );
        expect(forward.items).toStrictEqual(events(1, 152));
        const backward = await collectPages((after) =>
          t.store.getHistory(record.arn, { limit, reverse: true, ...(after !== undefined && { after }) }),
        );
        expect(backward.items).toStrictEqual(events(1, 152).reverse());
      }
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

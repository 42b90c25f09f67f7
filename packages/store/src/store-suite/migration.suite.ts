/**
 * Opening stores that earlier (or later) versions of the schema wrote. Needs the backend
 * below the Store, so a test file passes a way to open both on fresh storage.
 */
import { describe, expect, it } from 'vitest';
import { migrate, StoreVersionError } from '../migrate.js';
import type { Store } from '../store.js';
import type { Backend } from '../tables.js';
import { collectPages, events } from './fixtures.js';
import { writeVersion1Store } from './version-1-store.js';

export interface MigrationTarget {
  /** The raw backend on the storage, and the PostgreSQL schema if any. */
  openBackend(): { readonly backend: Backend; readonly schema?: string };
  open(): Promise<Store>;
}

export function migrationCases(name: string, createTarget: () => MigrationTarget): void {
  describe(`${name}: migrations`, () => {
    it('moves the history of a version-1 store into chunks, events in order', async () => {
      const target = createTarget();
      const { backend, schema } = target.openBackend();
      const contents = await writeVersion1Store(backend, schema);
      await backend.close();
      const store = await target.open();
      try {
        for (const { record, history } of contents.executions) {
          expect(await store.getExecution(record.arn)).toStrictEqual(record);
          const forward = await collectPages((after) =>
            store.getHistory(record.arn, { limit: 7, ...(after !== undefined && { after }) }),
          );
          expect(forward.items).toStrictEqual(history);
          const backward = await collectPages((after) =>
            store.getHistory(record.arn, { limit: 100, reverse: true, ...(after !== undefined && { after }) }),
          );
          expect(backward.items).toStrictEqual([...history].reverse());
        }
        const [long] = contents.executions;
        if (long === undefined) throw new Error('unreachable');
        await expect(store.appendHistory(long.record.arn, events(300, 301))).rejects.toThrow();
        await store.appendHistory(long.record.arn, events(301, 302));
        const all = await store.getHistory(long.record.arn, { limit: 1000 });
        expect(all.items).toStrictEqual(events(1, 302));
      } finally {
        await store.close();
      }
    });

    it('refuses a store written by a newer version', async () => {
      const target = createTarget();
      const { backend, schema } = target.openBackend();
      await migrate(backend, schema);
      await backend.db.insertInto('flowgate_migrations').values({ version: 99, name: 'future', applied_at: 0 }).execute();
      await backend.close();
      await expect(target.open()).rejects.toBeInstanceOf(StoreVersionError);
    });
  });
}

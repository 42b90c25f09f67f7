/**
 * A store as schema version 1 left it (history one row per event), for the test that
 * opening it with the current code migrates it. Written with the backend's own connection,
 * bypassing the Store, because no current code writes that layout.
 */
import type { Kysely } from 'kysely';
import { migrate } from '../migrate.js';
import { executionColumns } from '../records.js';
import type { ExecutionRecord, StoredHistoryEvent } from '../store.js';
import type { Backend } from '../tables.js';
import { events, execution } from './fixtures.js';

export interface Version1Contents {
  readonly executions: readonly { readonly record: ExecutionRecord; readonly history: readonly StoredHistoryEvent[] }[];
}

export async function writeVersion1Store(backend: Backend, postgresSchema?: string): Promise<Version1Contents> {
  await migrate(backend, postgresSchema, 1);
  // More events than one chunk holds, one event, none.
  const contents: Version1Contents = {
    executions: [
      { record: execution('orders', 'long'), history: events(1, 300) },
      { record: execution('orders', 'short'), history: events(1, 1) },
      { record: execution('orders', 'bare'), history: [] },
    ],
  };
  // The version-1 tables are not today's Tables.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db = backend.db as unknown as Kysely<any>;
  for (const { record, history } of contents.executions) {
    const row = await db
      .insertInto('executions')
      .values(executionColumns(record))
      .returning('id')
      .executeTakeFirstOrThrow();
    // Inserted out of order: the migration must order events by id, not by insertion.
    const rows = history.map((event) => ({ execution_id: row.id, event_id: event.id, body: JSON.stringify(event) }));
    for (const chunk of [rows.filter((r) => r.event_id % 2 === 0), rows.filter((r) => r.event_id % 2 === 1)]) {
      if (chunk.length > 0) await db.insertInto('history_events').values(chunk).execute();
    }
  }
  return contents;
}

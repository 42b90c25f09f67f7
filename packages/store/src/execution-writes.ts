/**
 * The execution write path, committed in batches by group-commit.ts.
 *
 * A batch first runs as one plain transaction. Should any write in it fail (an event id
 * written twice, a value the database refuses), the transaction is rolled back and the batch
 * replayed with a savepoint around each write, so that only the faulty write fails. The
 * replay costs two extra statements per write, which is why it is not the normal path.
 */
import { sql, type Kysely } from 'kysely';
import type { Outcome } from './group-commit.js';
import { completionColumns, executionColumns, historyBody } from './records.js';
import type { ExecutionCompletion, ExecutionRecord, StoredHistoryEvent } from './store.js';
import type { Backend, HistoryEventsTable, Tables } from './tables.js';
import { inTransaction } from './transaction.js';

export type ExecutionWrite =
  | { readonly kind: 'insert'; readonly record: ExecutionRecord; readonly history: readonly StoredHistoryEvent[] }
  | {
      readonly kind: 'complete';
      readonly arn: string;
      readonly completion: ExecutionCompletion;
      readonly history: readonly StoredHistoryEvent[];
    }
  | { readonly kind: 'append'; readonly arn: string; readonly history: readonly StoredHistoryEvent[] };

/** `insert` answers whether the execution was new; the others answer nothing. */
export type ExecutionWriteResult = boolean | undefined;

export async function commitExecutionWrites(
  backend: Backend,
  writes: readonly ExecutionWrite[],
): Promise<readonly Outcome<ExecutionWriteResult>[]> {
  try {
    return await inTransaction(backend, (trx) => applyBatch(trx, writes));
  } catch (error) {
    if (writes.length === 1) return [{ kind: 'failed', error }];
    return inTransaction(backend, (trx) => replayOneByOne(trx, writes));
  }
}

type InsertWrite = Extract<ExecutionWrite, { kind: 'insert' }>;

/**
 * Runs of consecutive inserts become multi-row inserts, and the history rows of the whole
 * batch a few large inserts at the end: a handful of statements (and, on PostgreSQL, round
 * trips) per batch instead of two per execution.
 */
async function applyBatch(
  trx: Kysely<Tables>,
  writes: readonly ExecutionWrite[],
): Promise<Outcome<ExecutionWriteResult>[]> {
  const outcomes: Outcome<ExecutionWriteResult>[] = [];
  const history: HistoryEventsTable[] = [];
  let inserts: InsertWrite[] = [];

  async function flushInserts(): Promise<void> {
    if (inserts.length === 0) return;
    const ids = await insertExecutions(trx, inserts.map((write) => write.record));
    for (const write of inserts) {
      // The first write of an ARN takes the row; a repeat, here or already stored, is false.
      const id = ids.get(write.record.arn);
      ids.delete(write.record.arn);
      if (id !== undefined) collect(history, id, write.history);
      outcomes.push({ kind: 'committed', value: id !== undefined });
    }
    inserts = [];
  }

  for (const write of writes) {
    if (write.kind === 'insert') {
      inserts.push(write);
      continue;
    }
    // Completions and appends look their execution up, which may be in the pending run.
    await flushInserts();
    outcomes.push({ kind: 'committed', value: await applyWrite(trx, write, history) });
  }
  await flushInserts();
  await insertHistory(trx, history);
  return outcomes;
}

async function replayOneByOne(
  trx: Kysely<Tables>,
  writes: readonly ExecutionWrite[],
): Promise<Outcome<ExecutionWriteResult>[]> {
  const outcomes: Outcome<ExecutionWriteResult>[] = [];
  for (const write of writes) {
    await sql`savepoint execution_write`.execute(trx);
    try {
      const history: HistoryEventsTable[] = [];
      const value = await applyWrite(trx, write, history);
      await insertHistory(trx, history);
      outcomes.push({ kind: 'committed', value });
    } catch (error) {
      await sql`rollback to savepoint execution_write`.execute(trx);
      outcomes.push({ kind: 'failed', error });
    }
    await sql`release savepoint execution_write`.execute(trx);
  }
  return outcomes;
}

/** Applies the execution row change; the write's history rows go to `history`. */
async function applyWrite(
  trx: Kysely<Tables>,
  write: ExecutionWrite,
  history: HistoryEventsTable[],
): Promise<ExecutionWriteResult> {
  switch (write.kind) {
    case 'insert': {
      const id = (await insertExecutions(trx, [write.record])).get(write.record.arn);
      if (id !== undefined) collect(history, id, write.history);
      return id !== undefined;
    }
    case 'complete': {
      // Only a running execution finishes, and only once: a stop that won a race against
      // the natural end keeps its status, and the loser's events are not appended after it.
      const row = await trx
        .updateTable('executions')
        .set(completionColumns(write.completion))
        .where('arn', '=', write.arn)
        .where('status', '=', 'RUNNING')
        .returning('id')
        .executeTakeFirst();
      if (row !== undefined) collect(history, row.id, write.history);
      return undefined;
    }
    case 'append': {
      if (write.history.length === 0) return undefined;
      const row = await trx.selectFrom('executions').select('id').where('arn', '=', write.arn).executeTakeFirst();
      if (row !== undefined) collect(history, row.id, write.history);
      return undefined;
    }
  }
}

function collect(history: HistoryEventsTable[], executionId: number, events: readonly StoredHistoryEvent[]): void {
  for (const event of events) history.push({ execution_id: executionId, event_id: event.id, body: historyBody(event) });
}

/**
 * Splits rows for multi-row inserts into chunks of a few fixed sizes, so that SQLite's
 * statement cache sees a handful of statement shapes rather than one per batch size. The
 * largest chunk × columns stays far below both backends' parameter limits (32766, 65535).
 */
function chunks<T>(rows: readonly T[], sizes: readonly number[]): T[][] {
  const result: T[][] = [];
  let offset = 0;
  for (const size of sizes) {
    while (rows.length - offset >= size) {
      result.push(rows.slice(offset, offset + size));
      offset += size;
    }
  }
  return result;
}

async function insertHistory(trx: Kysely<Tables>, rows: readonly HistoryEventsTable[]): Promise<void> {
  for (const chunk of chunks(rows, [256, 64, 16, 4, 1])) {
    await trx.insertInto('history_events').values(chunk).execute();
  }
}

/** Inserts the executions whose ARN is free; answers the new rows' ids by ARN. */
async function insertExecutions(
  trx: Kysely<Tables>,
  records: readonly ExecutionRecord[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const chunk of chunks(records, [64, 16, 4, 1])) {
    const rows = await trx
      .insertInto('executions')
      .values(chunk.map(executionColumns))
      .onConflict((oc) => oc.column('arn').doNothing())
      .returning(['id', 'arn'])
      .execute();
    for (const row of rows) ids.set(row.arn, row.id);
  }
  return ids;
}

/**
 * The execution write path, committed in batches by group-commit.ts.
 *
 * A batch first runs as one plain transaction. Should any write in it fail (an event id
 * written twice, a value the database refuses), the transaction is rolled back and the batch
 * replayed with a savepoint around each write, so that only the faulty write fails. The
 * replay costs two extra statements per write, which is why it is not the normal path.
 *
 * Every statement of the normal path is compiled once (hot-statements.ts): a batch builds
 * no query, it binds arguments.
 */
import { sql, type Kysely } from 'kysely';
import type { Outcome } from './group-commit.js';
import { chunkFromText, mergeChunks, type HistoryChunk } from './history-chunks.js';
import { insertSizes, type HotStatements, type InsertSize } from './hot-statements.js';
import { completionColumnNames, completionColumns, executionColumnNames, executionColumns } from './records.js';
import type { ExecutionCompletion, ExecutionRecord } from './store.js';
import type { Backend, Tables } from './tables.js';
import { inTransaction } from './transaction.js';

/** History arrives as chunks (history-chunks.ts), made when the write was submitted. */
export type ExecutionWrite =
  | { readonly kind: 'insert'; readonly record: ExecutionRecord; readonly chunks: readonly HistoryChunk[] }
  | {
      readonly kind: 'complete';
      readonly arn: string;
      readonly completion: ExecutionCompletion;
      readonly chunks: readonly HistoryChunk[];
    }
  | { readonly kind: 'append'; readonly arn: string; readonly chunks: readonly HistoryChunk[] };

/** `insert` answers whether the execution was new; the others answer nothing. */
export type ExecutionWriteResult = boolean | undefined;

/** Chunks to insert when the batch ends, by execution id; an execution's never overlap. */
type PendingHistory = Map<number, readonly HistoryChunk[]>;

export async function commitExecutionWrites(
  backend: Backend,
  statements: HotStatements,
  writes: readonly ExecutionWrite[],
): Promise<readonly Outcome<ExecutionWriteResult>[]> {
  try {
    return await inTransaction(backend, (trx) => applyBatch(trx, statements, writes));
  } catch (error) {
    if (writes.length === 1) return [{ kind: 'failed', error }];
    return inTransaction(backend, (trx) => replayOneByOne(trx, statements, writes));
  }
}

type InsertWrite = Extract<ExecutionWrite, { kind: 'insert' }>;

/**
 * Runs of consecutive inserts are inserted together (in multi-row statements on PostgreSQL),
 * and the history chunks of the whole batch in a few multi-row inserts at the end: on
 * PostgreSQL a handful of round trips per batch instead of two per execution.
 */
async function applyBatch(
  trx: Kysely<Tables>,
  statements: HotStatements,
  writes: readonly ExecutionWrite[],
): Promise<Outcome<ExecutionWriteResult>[]> {
  const outcomes: Outcome<ExecutionWriteResult>[] = [];
  const pending: PendingHistory = new Map();
  let inserts: InsertWrite[] = [];

  async function flushInserts(): Promise<void> {
    if (inserts.length === 0) return;
    const ids = await insertExecutions(trx, statements, inserts);
    for (const write of inserts) {
      // The first write of an ARN takes the row; a repeat, here or already stored, is false.
      const id = ids.get(write.record.arn);
      ids.delete(write.record.arn);
      // A new execution has no history yet, stored or pending: nothing to check.
      if (id !== undefined && write.chunks.length > 0) pending.set(id, write.chunks);
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
    outcomes.push({ kind: 'committed', value: await applyWrite(trx, statements, write, pending) });
  }
  await flushInserts();
  await insertChunks(trx, statements, pending);
  return outcomes;
}

async function replayOneByOne(
  trx: Kysely<Tables>,
  statements: HotStatements,
  writes: readonly ExecutionWrite[],
): Promise<Outcome<ExecutionWriteResult>[]> {
  const outcomes: Outcome<ExecutionWriteResult>[] = [];
  for (const write of writes) {
    await sql`savepoint execution_write`.execute(trx);
    try {
      const pending: PendingHistory = new Map();
      const value = await applyWrite(trx, statements, write, pending);
      await insertChunks(trx, statements, pending);
      outcomes.push({ kind: 'committed', value });
    } catch (error) {
      await sql`rollback to savepoint execution_write`.execute(trx);
      outcomes.push({ kind: 'failed', error });
    }
    await sql`release savepoint execution_write`.execute(trx);
  }
  return outcomes;
}

/** Applies the execution row change; the write's history goes to `pending`. */
async function applyWrite(
  trx: Kysely<Tables>,
  statements: HotStatements,
  write: ExecutionWrite,
  pending: PendingHistory,
): Promise<ExecutionWriteResult> {
  switch (write.kind) {
    case 'insert': {
      const id = (await insertExecutions(trx, statements, [write])).get(write.record.arn);
      if (id !== undefined && write.chunks.length > 0) pending.set(id, write.chunks);
      return id !== undefined;
    }
    case 'complete': {
      const columns = completionColumns(write.completion);
      const args = [write.arn, ...completionColumnNames.map((column) => columns[column])];
      const [row] = (await trx.executeQuery(statements.completeExecution.bind(args))).rows;
      if (row !== undefined) await addHistory(trx, statements, pending, row.id, write.chunks);
      return undefined;
    }
    case 'append': {
      if (write.chunks.length === 0) return undefined;
      const [row] = (await trx.executeQuery(statements.lockExecution.bind([write.arn]))).rows;
      if (row !== undefined) await addHistory(trx, statements, pending, row.id, write.chunks);
      return undefined;
    }
  }
}

/**
 * Queues chunks for an execution that may already have history. The usual case (events
 * after those stored) costs one indexed lookup; a range that overlaps stored or queued
 * chunks merges the execution's whole history, refusing the write if an id repeats.
 */
async function addHistory(
  trx: Kysely<Tables>,
  statements: HotStatements,
  pending: PendingHistory,
  executionId: number,
  chunks: readonly HistoryChunk[],
): Promise<void> {
  const first = chunks[0]?.first;
  const last = chunks[chunks.length - 1]?.last;
  if (first === undefined || last === undefined) return;
  const queued = pending.get(executionId) ?? [];
  const overlapsQueued = queued.some((chunk) => chunk.first <= last && chunk.last >= first);
  if (!overlapsQueued && !(await overlapsStored(trx, statements, executionId, first, last))) {
    pending.set(executionId, [...queued, ...chunks]);
    return;
  }
  const stored = await trx
    .selectFrom('history_chunks')
    .select('events')
    .where('execution_id', '=', executionId)
    .execute();
  const merged = mergeChunks([...stored.map((row) => chunkFromText(row.events)), ...queued, ...chunks]);
  await trx.deleteFrom('history_chunks').where('execution_id', '=', executionId).execute();
  pending.set(executionId, merged);
}

/**
 * Whether a stored chunk of the execution overlaps [first, last]. Stored ranges do not
 * overlap one another, so only the one starting last at or before `last` can. Race-free:
 * SQLite writes one transaction at a time, and on PostgreSQL the execution's row is locked
 * (by the completing update, or by lockExecution) until commit.
 */
async function overlapsStored(
  trx: Kysely<Tables>,
  statements: HotStatements,
  executionId: number,
  first: number,
  last: number,
): Promise<boolean> {
  const [row] = (await trx.executeQuery(statements.chunkStartingBefore.bind([executionId, last]))).rows;
  return row !== undefined && row.last_event_id >= first;
}

/**
 * Splits rows for multi-row inserts into slices of the template sizes, so that each slice
 * has a statement compiled for it. The largest slice × columns stays far below both
 * backends' parameter limits (32766, 65535).
 */
function slices<T>(rows: readonly T[]): { size: InsertSize; rows: readonly T[] }[] {
  const result: { size: InsertSize; rows: readonly T[] }[] = [];
  let offset = 0;
  for (const size of insertSizes) {
    while (rows.length - offset >= size) {
      result.push({ size, rows: rows.slice(offset, offset + size) });
      offset += size;
    }
  }
  return result;
}

async function insertChunks(trx: Kysely<Tables>, statements: HotStatements, pending: PendingHistory): Promise<void> {
  const rows: unknown[][] = [];
  for (const [executionId, chunks] of pending) {
    for (const chunk of chunks) rows.push([executionId, chunk.first, chunk.last, chunk.text]);
  }
  for (const slice of slices(rows)) {
    await trx.executeQuery(statements.insertChunks[slice.size].bind(slice.rows.flat()));
  }
}

/** Inserts the executions whose ARN is free; answers the new rows' ids by ARN. */
async function insertExecutions(
  trx: Kysely<Tables>,
  statements: HotStatements,
  writes: readonly InsertWrite[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const insert = statements.insertExecutions;
  const argsOf = (write: InsertWrite): unknown[] => {
    const columns = executionColumns(write.record);
    return executionColumnNames.map((column) => columns[column]);
  };
  switch (insert.kind) {
    case 'row-by-row':
      for (const write of writes) {
        const result = await trx.executeQuery(insert.statement.bind(argsOf(write)));
        // Nothing inserted (the ARN is taken) leaves insertId at the previous insert's.
        if (result.numAffectedRows === 1n && result.insertId !== undefined) {
          ids.set(write.record.arn, Number(result.insertId));
        }
      }
      return ids;
    case 'multi-row':
      for (const slice of slices(writes)) {
        const { rows } = await trx.executeQuery(insert.statements[slice.size].bind(slice.rows.flatMap(argsOf)));
        for (const row of rows) ids.set(row.arn, row.id);
      }
      return ids;
  }
}

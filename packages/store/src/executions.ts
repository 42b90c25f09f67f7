import { sql, type Kysely } from 'kysely';
import { decodeCursor, pageLimit, toPage } from './cursor.js';
import {
  completionColumns,
  executionFromRow,
  executionSummaryColumnNames,
  executionSummaryFromRow,
} from './records.js';
import type { ExecutionCompletion, ExecutionQuery, ExecutionRecord, ExecutionSummary, Page } from './store.js';
import { templateFor } from './statement-template.js';
import type { Backend, Tables } from './tables.js';
import { inTransaction } from './transaction.js';

const executionByArn = templateFor((db, slot) => db.selectFrom('executions').selectAll().where('arn', '=', slot(0)));

export async function getExecution(db: Kysely<Tables>, arn: string): Promise<ExecutionRecord | undefined> {
  const [row] = (await db.executeQuery(executionByArn(db).bind([arn]))).rows;
  return row === undefined ? undefined : executionFromRow(row);
}

/**
 * Newest start first; executions started in the same millisecond come newest-inserted
 * first, by the surrogate id, which also makes the keyset unique.
 */
export async function listExecutions(db: Kysely<Tables>, query: ExecutionQuery): Promise<Page<ExecutionRecord>> {
  const limit = pageLimit(query.limit);
  const rows = await listing(db, query, limit).selectAll().execute();
  return toPage(rows, limit, 'executions', (row) => [row.start_date, row.id], executionFromRow);
}

/** As listExecutions, without reading the payloads, which may be 256 KiB each. */
export async function listExecutionSummaries(
  db: Kysely<Tables>,
  query: ExecutionQuery,
): Promise<Page<ExecutionSummary>> {
  const limit = pageLimit(query.limit);
  const rows = await listing(db, query, limit).select(['id', ...executionSummaryColumnNames]).execute();
  return toPage(rows, limit, 'executions', (row) => [row.start_date, row.id], executionSummaryFromRow);
}

/** The executions a query selects, in listing order, one more than a page holds. */
function listing(db: Kysely<Tables>, query: ExecutionQuery, limit: number) {
  let select = db
    .selectFrom('executions')
    .where('state_machine_arn', '=', query.stateMachineArn)
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
  const { stateMachineVersionArn, stateMachineAliasArn, status } = query;
  if (stateMachineVersionArn !== undefined) select = select.where('version_arn', '=', stateMachineVersionArn);
  if (stateMachineAliasArn !== undefined) select = select.where('alias_arn', '=', stateMachineAliasArn);
  if (status !== undefined) select = select.where('status', '=', status);
  if (query.after !== undefined) {
    const [startDate, id] = decodeCursor('executions', query.after);
    select = select.where((eb) => eb(eb.refTuple('start_date', 'id'), '<', eb.tuple(startDate, id)));
  }
  return select;
}

/**
 * Called at startup, before the executor runs anything: every execution still RUNNING was
 * owned by a process that is gone. The literal status lets SQLite use the partial index.
 */
export async function closeInterruptedExecutions(
  backend: Backend,
  completion: ExecutionCompletion,
): Promise<readonly string[]> {
  return inTransaction(backend, async (trx) => {
    const rows = await trx
      .updateTable('executions')
      .set(completionColumns(completion))
      .where('status', '=', sql.lit('RUNNING'))
      .returning('arn')
      .execute();
    return rows.map((row) => row.arn);
  });
}

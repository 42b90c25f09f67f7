import { sql, type Kysely } from 'kysely';
import { decodeCursor, pageLimit, toPage } from './cursor.js';
import { completionColumns, executionFromRow, historyFromBody } from './records.js';
import type {
  ExecutionCompletion,
  ExecutionQuery,
  ExecutionRecord,
  HistoryQuery,
  Page,
  StoredHistoryEvent,
} from './store.js';
import type { Backend, Tables } from './tables.js';
import { inTransaction } from './transaction.js';

export async function getExecution(db: Kysely<Tables>, arn: string): Promise<ExecutionRecord | undefined> {
  const row = await db.selectFrom('executions').selectAll().where('arn', '=', arn).executeTakeFirst();
  return row === undefined ? undefined : executionFromRow(row);
}

/**
 * Newest start first; executions started in the same millisecond come newest-inserted
 * first, by the surrogate id, which also makes the keyset unique.
 */
export async function listExecutions(db: Kysely<Tables>, query: ExecutionQuery): Promise<Page<ExecutionRecord>> {
  const limit = pageLimit(query.limit);
  let select = db
    .selectFrom('executions')
    .selectAll()
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
  const rows = await select.execute();
  return toPage(rows, limit, 'executions', (row) => [row.start_date, row.id], executionFromRow);
}

export async function getHistory(
  db: Kysely<Tables>,
  executionArn: string,
  query: HistoryQuery,
): Promise<Page<StoredHistoryEvent>> {
  const limit = pageLimit(query.limit);
  const reverse = query.reverse === true;
  // Forward and reverse cursors are distinct listings: a position means "after" in one
  // direction only.
  const listing = reverse ? 'reverseHistory' : 'history';
  let select = db
    .selectFrom('history_events')
    .select(['event_id', 'body'])
    .where('execution_id', '=', (eb) => eb.selectFrom('executions').select('id').where('arn', '=', executionArn))
    .orderBy('event_id', reverse ? 'desc' : 'asc')
    .limit(limit + 1);
  if (query.after !== undefined) {
    const [eventId] = decodeCursor(listing, query.after);
    select = select.where('event_id', reverse ? '<' : '>', eventId);
  }
  const rows = await select.execute();
  return toPage(rows, limit, listing, (row) => [row.event_id], (row) => historyFromBody(row.body));
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

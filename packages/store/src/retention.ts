/**
 * Retention: deleting finished executions and their history.
 *
 * Deletion goes in chunks of one short transaction each, so that pruning a large backlog
 * never holds SQLite's write lock (and with it every recording execution) for long. RUNNING
 * executions are never candidates. Status comparisons use a literal so that SQLite can use
 * the partial index on finished executions.
 */
import { sql, type Kysely } from 'kysely';
import type { RetentionPolicy } from './store.js';
import type { Backend, Tables } from './tables.js';
import { affected, inTransaction } from './transaction.js';

const chunkSize = 500;

export async function pruneExecutions(backend: Backend, policy: RetentionPolicy): Promise<number> {
  let deleted = 0;
  const { stoppedBefore, maxExecutions } = policy;
  if (stoppedBefore !== undefined) {
    deleted += await deleteWhileFound(backend, Number.POSITIVE_INFINITY, (db, limit) =>
      finished(db)
        .where('stop_date', '<', stoppedBefore)
        .orderBy('stop_date')
        .orderBy('id')
        .limit(limit)
        .execute(),
    );
  }
  if (maxExecutions !== undefined) {
    // Counted once: executions that finish while the excess is deleted are left for the
    // next prune rather than chased.
    const { count } = await finished(backend.db)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    const excess = Number(count) - Math.max(0, Math.floor(maxExecutions));
    if (excess > 0) deleted += await deleteWhileFound(backend, excess, oldestFinished);
  }
  return deleted;
}

function finished(db: Kysely<Tables>) {
  return db.selectFrom('executions').select('id').where('status', '<>', sql.lit('RUNNING'));
}

/**
 * Oldest by stop date, ties by insertion. A finished execution recorded without a stop date
 * counts as the oldest; it is picked separately because the backends sort NULL differently.
 */
async function oldestFinished(db: Kysely<Tables>, limit: number): Promise<readonly { id: number }[]> {
  const undated = await finished(db).where('stop_date', 'is', null).orderBy('id').limit(limit).execute();
  if (undated.length === limit) return undated;
  const dated = await finished(db)
    .where('stop_date', 'is not', null)
    .orderBy('stop_date')
    .orderBy('id')
    .limit(limit - undated.length)
    .execute();
  return [...undated, ...dated];
}

/** Deletes what `pick` selects, chunk by chunk, until it selects nothing or `budget` is spent. */
async function deleteWhileFound(
  backend: Backend,
  budget: number,
  pick: (db: Kysely<Tables>, limit: number) => Promise<readonly { id: number }[]>,
): Promise<number> {
  let deleted = 0;
  let picked = 0;
  while (picked < budget) {
    const chunk = await inTransaction(backend, async (trx) => {
      const ids = (await pick(trx, Math.min(chunkSize, budget - picked))).map((row) => row.id);
      if (ids.length === 0) return { picked: 0, deleted: 0 };
      // Explicit rather than left to the foreign key's cascade, which SQLite applies only
      // on connections that enabled foreign keys.
      await trx.deleteFrom('history_chunks').where('execution_id', 'in', ids).execute();
      const result = await trx.deleteFrom('executions').where('id', 'in', ids).executeTakeFirst();
      // What was deleted, not what was picked: another node may be pruning too.
      return { picked: ids.length, deleted: affected(result) };
    });
    if (chunk.picked === 0) break;
    picked += chunk.picked;
    deleted += chunk.deleted;
  }
  return deleted;
}

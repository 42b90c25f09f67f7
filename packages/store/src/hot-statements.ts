/**
 * The statements run for every recorded execution, compiled once per store when it opens
 * (statement-template.ts). Reads an API server makes per request compile theirs on first
 * use (templateFor); everything else builds its query when it runs.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { completionColumnNames, executionColumnNames } from './records.js';
import { compileTemplate, type Slot, type StatementTemplate } from './statement-template.js';
import type { BackendKind, HistoryChunksTable, Tables } from './tables.js';

/** Row counts of multi-row inserts (see `slices`). */
export const insertSizes = [64, 16, 4, 1] as const;
export type InsertSize = (typeof insertSizes)[number];

export const chunkColumnNames = ['execution_id', 'first_event_id', 'last_event_id', 'events'] as const;

/**
 * How a batch inserts executions and learns the new rows' ids, which each backend does best
 * its own way. Either inserts only executions whose ARN is free.
 */
export type ExecutionInsert =
  /**
   * PostgreSQL: `size` rows of executionColumnNames per statement, answering id and ARN of
   * those inserted; one round trip for many rows.
   */
  | {
      readonly kind: 'multi-row';
      readonly statements: Readonly<Record<InsertSize, StatementTemplate<{ id: number; arn: string }>>>;
    }
  /**
   * SQLite: one row per statement, the driver reporting the new rowid and whether a row was
   * inserted. RETURNING would cost SQLite a temporary table per statement, and SQLite has no
   * round trips to save.
   */
  | { readonly kind: 'row-by-row'; readonly statement: StatementTemplate<never> };

export interface HotStatements {
  readonly insertExecutions: ExecutionInsert;
  /** `size` rows of chunkColumnNames. */
  readonly insertChunks: Readonly<Record<InsertSize, StatementTemplate<unknown>>>;
  /** Args: arn, then completionColumnNames. Finishes a RUNNING execution; answers its id. */
  readonly completeExecution: StatementTemplate<{ id: number }>;
  /**
   * Args: arn. The id of an execution history is appended to; on PostgreSQL the row stays
   * locked until commit, so that two nodes appending to it take turns (see overlapsStored).
   */
  readonly lockExecution: StatementTemplate<{ id: number }>;
  /** Args: execution id, event id. The chunk starting last at or before the event id. */
  readonly chunkStartingBefore: StatementTemplate<Pick<HistoryChunksTable, 'first_event_id' | 'last_event_id'>>;
}

function slotted<K extends string>(columns: readonly K[], slot: Slot, offset: number): Record<K, RawBuilder<never>> {
  return Object.fromEntries(columns.map((column, index) => [column, slot(offset + index)])) as Record<
    K,
    RawBuilder<never>
  >;
}

function bySize<R>(compile: (size: number) => StatementTemplate<R>): Record<InsertSize, StatementTemplate<R>> {
  return Object.fromEntries(insertSizes.map((size) => [size, compile(size)])) as Record<
    InsertSize,
    StatementTemplate<R>
  >;
}

export function compileHotStatements(db: Kysely<Tables>, kind: BackendKind): HotStatements {
  const executionWidth = executionColumnNames.length;
  const chunkWidth = chunkColumnNames.length;
  return {
    insertExecutions:
      kind === 'postgres'
        ? {
            kind: 'multi-row',
            statements: bySize((size) =>
              compileTemplate((slot) =>
                db
                  .insertInto('executions')
                  .values(
                    Array.from({ length: size }, (_, row) => slotted(executionColumnNames, slot, row * executionWidth)),
                  )
                  .onConflict((oc) => oc.column('arn').doNothing())
                  .returning(['id', 'arn']),
              ),
            ),
          }
        : {
            kind: 'row-by-row',
            statement: compileTemplate((slot) =>
              db
                .insertInto('executions')
                .values(slotted(executionColumnNames, slot, 0))
                .onConflict((oc) => oc.column('arn').doNothing()),
            ),
          },
    insertChunks: bySize((size) =>
      compileTemplate((slot) =>
        db
          .insertInto('history_chunks')
          .values(Array.from({ length: size }, (_, row) => slotted(chunkColumnNames, slot, row * chunkWidth))),
      ),
    ),
    completeExecution: compileTemplate((slot) =>
      db
        .updateTable('executions')
        .set(slotted(completionColumnNames, slot, 1))
        .where('arn', '=', slot(0))
        // Only a running execution finishes, and only once: a stop that won a race against
        // the natural end keeps its status, and the loser's events are not appended after it.
        .where('status', '=', sql.lit('RUNNING'))
        .returning('id'),
    ),
    lockExecution: compileTemplate((slot) => {
      const select = db.selectFrom('executions').select('id').where('arn', '=', slot(0));
      return kind === 'postgres' ? select.forNoKeyUpdate() : select;
    }),
    chunkStartingBefore: compileTemplate((slot) =>
      db
        .selectFrom('history_chunks')
        .select(['first_event_id', 'last_event_id'])
        .where('execution_id', '=', slot(0))
        .where('first_event_id', '<=', slot(1))
        .orderBy('first_event_id', 'desc')
        .limit(sql.lit(1)),
    ),
  };
}

import { sql, type Kysely } from 'kysely';
import type { Backend, Tables } from './tables.js';

/**
 * Runs `work` in one write transaction on one connection. Every write of the store goes
 * through here, single statements included, so that `serializeWrites` sees them all.
 *
 * SQLite starts it with BEGIN IMMEDIATE: a deferred transaction that reads first and writes
 * later fails with SQLITE_BUSY (not a wait) when another process committed in between,
 * while an immediate one takes the write lock up front and so honours busy_timeout.
 * Kysely's transaction builder cannot ask for that, hence the explicit statements.
 */
export async function inTransaction<T>(backend: Backend, work: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
  const transaction = (): Promise<T> => onOneConnection(backend, backend.kind === 'sqlite' ? 'begin immediate' : 'begin', work);
  return backend.serializeWrites === undefined ? transaction() : backend.serializeWrites(transaction);
}

/**
 * Runs `work` in a read-only transaction on one connection, so that its statements see one
 * snapshot of the database. Not serialized with writes: neither backend needs it for reads
 * (SQLite's WAL readers never block the writer, nor it them).
 */
export async function inReadTransaction<T>(backend: Backend, work: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
  // PostgreSQL's default, read committed, takes a new snapshot per statement.
  return onOneConnection(backend, backend.kind === 'sqlite' ? 'begin' : 'begin isolation level repeatable read read only', work);
}

/** `begin`, the work, then commit, or rollback if anything failed; all on one connection. */
function onOneConnection<T>(backend: Backend, begin: string, work: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
  return backend.db.connection().execute(async (trx) => {
    await sql.raw(begin).execute(trx);
    let result: T;
    try {
      result = await work(trx);
      await sql.raw('commit').execute(trx);
    } catch (error) {
      await rollback(trx);
      throw error;
    }
    return result;
  });
}

async function rollback(trx: Kysely<Tables>): Promise<void> {
  try {
    await sql.raw('rollback').execute(trx);
  } catch {
    // Already rolled back by the database (PostgreSQL after a failed commit, SQLite after
    // some errors); the original error is the one worth reporting.
  }
}

/** Rows affected by an update or delete, as a number on both backends. */
export function affected(result: { readonly numUpdatedRows?: bigint; readonly numDeletedRows?: bigint }): number {
  return Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);
}

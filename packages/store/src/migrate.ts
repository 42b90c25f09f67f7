/**
 * Brings a store's schema to the latest version when it is opened.
 *
 * Kysely's Migrator is not used: on SQLite it takes no lock and reads before it writes, so
 * two processes opening a new file at once can fail with SQLITE_BUSY. Here every open runs
 * one write transaction that first takes the backend's lock (SQLite: BEGIN IMMEDIATE, which
 * waits on busy_timeout; PostgreSQL: a transaction-scoped advisory lock per schema), then
 * applies the missing migrations. The second opener finds them applied and does nothing.
 */
import { sql, type Kysely } from 'kysely';
import { migrations } from './migrations.js';
import type { Backend, Tables } from './tables.js';
import { inTransaction } from './transaction.js';

export class StoreVersionError extends Error {
  readonly code = 'StoreVersionTooNew';
  constructor(found: number, supported: number) {
    super(`The store was written by a newer Flowgate (schema version ${found}; this one knows up to ${supported})`);
  }
}

/**
 * Applies the missing migrations, up to `targetVersion` (default: all; a lower target makes
 * the stores of earlier releases, for testing migrations).
 */
export async function migrate(backend: Backend, postgresSchema?: string, targetVersion?: number): Promise<void> {
  await inTransaction(backend, async (trx) => {
    if (backend.kind === 'postgres' && postgresSchema !== undefined) {
      // The lock comes before anything else, including creating the schema itself.
      await sql`select pg_advisory_xact_lock(hashtext(${`flowgate-migrate:${postgresSchema}`}))`.execute(trx);
      await trx.schema.createSchema(postgresSchema).ifNotExists().execute();
    }
    await trx.schema
      .createTable('flowgate_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'bigint', (c) => c.notNull())
      .execute();
    const rows = await trx.selectFrom('flowgate_migrations').select('version').execute();
    const applied = new Set(rows.map((row) => row.version));
    const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
    const newest = Math.max(0, ...applied);
    if (newest > latest) throw new StoreVersionError(newest, latest);
    for (const migration of migrations) {
      if (applied.has(migration.version) || migration.version > (targetVersion ?? latest)) continue;
      await migration.up(trx as Kysely<unknown>, backend.kind);
      await recordMigration(trx, migration.version, migration.name);
    }
  });
}

async function recordMigration(trx: Kysely<Tables>, version: number, name: string): Promise<void> {
  await trx.insertInto('flowgate_migrations').values({ version, name, applied_at: Date.now() }).execute();
}

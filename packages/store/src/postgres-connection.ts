import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Backend, Tables } from './tables.js';

export interface PostgresOptions {
  /**
   * The schema holding Flowgate's tables, created if missing. Default: the URL's `schema`
   * query parameter, else `flowgate` (so the tables never land among an application's own
   * in `public`).
   */
  readonly schema?: string;
  /** Connections in the pool. Default 10. */
  readonly maxConnections?: number;
}

export const defaultPostgresSchema = 'flowgate';

/** Plain identifiers only: the name goes into search_path and an advisory-lock key. */
const schemaPattern = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export class InvalidSchemaNameError extends Error {
  readonly code = 'InvalidSchemaName';
  constructor(name: string) {
    super(`Invalid PostgreSQL schema name '${name}': use letters, digits and _ (not first), at most 63`);
  }
}

const int8 = 20;

/**
 * int8 (bigint, count(*)) arrives as a string by default, because it can exceed 2^53. The
 * store's int8 values are epoch milliseconds, identity values and counts, far below that;
 * parsing them here keeps one row type for both backends. Set per pool, not globally, so
 * that other users of `pg` in the process are unaffected.
 */
const getTypeParser = (oid: number, format?: 'text' | 'binary'): unknown =>
  oid === int8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format);
const types = { getTypeParser: getTypeParser as typeof pg.types.getTypeParser };

export function openPostgres(url: string, options: PostgresOptions = {}): { backend: Backend; schema: string } {
  const parsed = new URL(url);
  const fromUrl = parsed.searchParams.get('schema');
  // pg would pass an unknown parameter on to the server, which rejects it.
  parsed.searchParams.delete('schema');
  const schema = options.schema ?? fromUrl ?? defaultPostgresSchema;
  if (!schemaPattern.test(schema)) throw new InvalidSchemaNameError(schema);

  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: options.maxConnections ?? 10,
    // pg waits forever by default, for a connection as for a free pool slot: a server that
    // is down should fail the open (or the request) instead of hanging it.
    connectionTimeoutMillis: 30_000,
    types,
  });
  // An idle connection that breaks (server restart, network) is reported on the pool; left
  // unheard, that event would end the process. The pool drops the connection by itself.
  pool.on('error', () => undefined);
  const dialect = new PostgresDialect({
    pool,
    // Unqualified names resolve in the store's schema only; the schema may not exist yet
    // on the first connection, which PostgreSQL accepts until a name is looked up.
    onCreateConnection: async (connection) => {
      await connection.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
    },
  });
  const db = new Kysely<Tables>({ dialect });
  return { backend: { kind: 'postgres', db, close: () => db.destroy() }, schema };
}

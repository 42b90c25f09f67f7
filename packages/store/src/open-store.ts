import type { GroupCommitOptions } from './group-commit.js';
import { migrate } from './migrate.js';
import { openPostgres, type PostgresOptions } from './postgres-connection.js';
import { createSqlStore } from './sql-store.js';
import { openSqlite, type SqliteOptions } from './sqlite-connection.js';
import type { Store } from './store.js';
import type { Backend } from './tables.js';

export interface StoreOptions extends SqliteOptions, PostgresOptions {
  /** Execution writes: how they are batched into transactions. */
  readonly groupCommit?: GroupCommitOptions;
}

export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string };

export class InvalidStoreLocationError extends Error {
  readonly code = 'InvalidStoreLocation';
  constructor(location: string) {
    super(`Invalid store location '${location}': expected a file path, sqlite:<path>, :memory: or postgres://…`);
  }
}

/**
 * `postgres://…` and `postgresql://…` name a PostgreSQL database; `:memory:` an in-memory
 * SQLite database; `sqlite:<path>` (also `sqlite://<path>`) or any other string a SQLite file.
 */
export function parseStoreLocation(location: string): StoreLocation {
  if (/^postgres(ql)?:\/\//i.test(location)) return { kind: 'postgres', url: location };
  const file = /^sqlite:/i.test(location) ? location.slice('sqlite:'.length).replace(/^\/\//, '') : location;
  if (file.trim() === '') throw new InvalidStoreLocationError(location);
  return { kind: 'sqlite', file };
}

/**
 * Opens (creating if need be) the store at `location` and brings its schema up to date.
 * Several processes may open the same store at once; the schema is migrated once.
 */
export async function openStore(location: string, options: StoreOptions = {}): Promise<Store> {
  const parsed = parseStoreLocation(location);
  let backend: Backend;
  let postgresSchema: string | undefined;
  if (parsed.kind === 'postgres') {
    ({ backend, schema: postgresSchema } = openPostgres(parsed.url, options));
  } else {
    backend = openSqlite(parsed.file, options);
  }
  try {
    await migrate(backend, postgresSchema);
  } catch (error) {
    await backend.close();
    throw error;
  }
  return createSqlStore(backend, options.groupCommit);
}

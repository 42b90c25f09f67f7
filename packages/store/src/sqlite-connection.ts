import { mkdirSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { startCheckpointer } from './checkpointer.js';
import type { Backend, Tables } from './tables.js';

export interface SqliteOptions {
  /**
   * `normal` (the default): in WAL mode a commit is in the operating system's hands before
   * the write resolves, so it survives the process being killed (kill -9, a crash, an OOM
   * kill) but not a power cut or kernel panic. `full` adds an fsync per commit, which also
   * survives those; group commit keeps its cost to one fsync per batch.
   */
  readonly synchronous?: 'normal' | 'full';
  /** How long a write waits for another process holding the file's write lock. */
  readonly busyTimeoutMs?: number;
  /**
   * Checkpoint the WAL in a worker thread (the default) rather than in the commits of the
   * writing thread, which then stall on the checkpoint's fsyncs (see checkpointer.ts). Files
   * only; `false` leaves checkpoints to SQLite.
   */
  readonly backgroundCheckpoints?: boolean;
}

/** Opens a SQLite file (or `:memory:`) with the settings the store relies on. */
export function openSqlite(file: string, options: SqliteOptions = {}): Backend {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  try {
    // First, so that the pragmas below wait for a concurrent opener instead of failing.
    database.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 10_000))}`);
    // WAL: readers never block the writer, and a commit is one append to the log.
    database.pragma('journal_mode = WAL');
    database.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  if (file === ':memory:') return { kind: 'sqlite', db, close: () => db.destroy() };
  const path = realpathSync(file);
  const checkpointer = options.backgroundCheckpoints === false ? undefined : startCheckpointer(path, database);
  return {
    kind: 'sqlite',
    db,
    serializeWrites: writeLockFor(path),
    async close() {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

type WriteLock = <T>(work: () => Promise<T>) => Promise<T>;

const writeLocks = new Map<string, WriteLock>();

/**
 * One write lock per file, shared by every store of this process that has the file open.
 * better-sqlite3 is synchronous: a connection that waits on busy_timeout blocks the thread,
 * so if another connection of the same process held the write lock across an `await`, it
 * could never release it. Between processes SQLite's own lock and busy_timeout suffice.
 */
function writeLockFor(path: string): WriteLock {
  let lock = writeLocks.get(path);
  if (lock === undefined) {
    let tail: Promise<unknown> = Promise.resolve();
    lock = <T>(work: () => Promise<T>): Promise<T> => {
      const run = tail.then(work, work);
      tail = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    };
    writeLocks.set(path, lock);
  }
  return lock;
}

/** Enough for every distinct statement the store issues, with multi-row insert shapes. */
const statementCacheSize = 256;

/**
 * Kysely's SQLite driver prepares every statement anew; compiling SQL costs as much as
 * running a small insert, so prepared statements are kept by SQL text. A Map iterates in
 * insertion order, which makes it a cheap LRU: hits are moved to the end, the first entry
 * is the one to evict.
 */
function withStatementCache(database: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (statement !== undefined) {
        cache.delete(text);
      } else {
        statement = database.prepare(text) as unknown as SqliteStatement;
        if (cache.size >= statementCacheSize) {
          const oldest = cache.keys().next();
          if (oldest.done !== true) cache.delete(oldest.value);
        }
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

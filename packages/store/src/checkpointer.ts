/**
 * WAL checkpoints off the event loop.
 *
 * With synchronous=NORMAL a commit appends to the WAL without syncing it; the syncing is
 * done by checkpoints, which copy the WAL into the database file and sync both. SQLite runs
 * them inside the commit that takes the WAL past `wal_autocheckpoint` pages, on the thread
 * that writes: with better-sqlite3 that is the event loop, which then stalls for two fsyncs
 * and megabytes of copying every few dozen batches. Under an API server recording express
 * executions, those stalls were the largest single cost of recording.
 *
 * So a worker thread with a connection of its own checkpoints every `intervalMs`, while the
 * writing connection's automatic checkpoint stays as a backstop at `backstopPages`, should
 * the worker fall behind, fail to start or die. Checkpoints change no data: the worker never
 * affects what a reader sees or what survives a crash.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

export interface Checkpointer {
  /** Stops the worker and closes its connection. */
  stop(): Promise<void>;
}

/** SQLite's default threshold, in pages: what the writer falls back to without the worker. */
const defaultAutocheckpointPages = 1000;
/** The writer's threshold while the worker checkpoints: only reached if the worker lags. */
export const backstopPages = 10_000;
const intervalMs = 50;
const workerScript = new URL('../workers/checkpoint.mjs', import.meta.url);

/** Undefined if no worker could be started: SQLite then checkpoints as it always does. */
export function startCheckpointer(file: string, database: Database.Database): Checkpointer | undefined {
  let worker: Worker;
  try {
    worker = new Worker(workerScript, { workerData: { file, intervalMs } });
  } catch {
    return undefined;
  }
  database.pragma(`wal_autocheckpoint = ${backstopPages}`);
  // The process may exit while the store is open; the worker must not keep it alive.
  worker.unref();
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fallBack = (): void => {
    if (stopping || !database.open) return;
    database.pragma(`wal_autocheckpoint = ${defaultAutocheckpointPages}`);
  };
  // An error (the script or better-sqlite3 failing to load in a worker) is followed by
  // 'exit'; either way the writer checkpoints by itself again.
  worker.on('error', fallBack);
  void exited.then(fallBack);
  return {
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/**
 * The WAL checkpointer of a SQLite store file, run in a worker thread (see
 * src/checkpointer.ts for why). Plain JavaScript beside src/ and dist/, so that the same
 * file runs under the built package and under the tests, which run the TypeScript sources.
 *
 * workerData: { file, intervalMs }. Stops when its port is closed or it is sent 'stop'.
 */
import { clearTimeout, setTimeout } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs } = workerData;
const database = new Database(file);
// A PASSIVE checkpoint never waits for readers or the writer; this bounds the wait for
// the checkpointer lock that another process's checkpoint may hold.
database.pragma('busy_timeout = 100');
let timer;

function checkpoint() {
  try {
    // Copies what it can into the database file and syncs it; the writer starts the log
    // over at its next transaction once everything was copied.
    database.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or failing: the next round tries again, and the writer's own automatic
    // checkpoint (kept at a higher threshold) bounds the log meanwhile.
  }
  timer = setTimeout(checkpoint, intervalMs);
}

function stop() {
  clearTimeout(timer);
  database.close();
  parentPort?.close();
}

parentPort?.on('message', (message) => {
  if (message === 'stop') stop();
});
timer = setTimeout(checkpoint, intervalMs);
parentPort?.postMessage('ready');

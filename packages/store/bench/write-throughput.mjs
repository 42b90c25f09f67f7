/**
 * Execution write throughput of the store: how many executions (each inserted finished, with
 * its whole history, as a synchronous execution is recorded) are durably written per second.
 *
 *   npm run build && node packages/store/bench/write-throughput.mjs [executions] [events]
 *
 * Runs against a SQLite file in a temporary folder; set FLOWGATE_BENCH_POSTGRES to a
 * postgres:// URL to measure PostgreSQL too (in a temporary schema, dropped afterwards).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openStore } from '../dist/index.js';

const executions = Number(process.argv[2] ?? 20_000);
const eventsPerExecution = Number(process.argv[3] ?? 20);
const machineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:bench';
const payload = JSON.stringify({ order: { id: 'o-1', lines: [{ sku: 'a', qty: 2, price: 9.5 }], total: 19 } });

let serial = 0;

function execution() {
  serial += 1;
  const arn = `arn:aws:states:us-east-1:123456789012:express:bench:e${serial}:${serial.toString(16).padStart(8, '0')}`;
  const record = {
    arn,
    stateMachineArn: machineArn,
    name: `e${serial}`,
    type: 'EXPRESS',
    status: 'SUCCEEDED',
    startDate: 1_700_000_000_000 + serial,
    stopDate: 1_700_000_000_005 + serial,
    input: payload,
    output: payload,
    snapshotKey: 'bench-1',
  };
  const history = Array.from({ length: eventsPerExecution }, (_, index) => ({
    id: index + 1,
    previousEventId: index,
    timestamp: 1_700_000_000_000 + serial + index,
    type: index === 0 ? 'ExecutionStarted' : 'TaskStateEntered',
    stateEnteredEventDetails: { name: `State${index}`, input: payload },
  }));
  return { record, history };
}

/** `concurrency` writers, each awaiting its write before starting the next. */
async function measure(store, concurrency) {
  let remaining = executions;
  const started = performance.now();
  async function writer() {
    while (remaining > 0) {
      remaining -= 1;
      const { record, history } = execution();
      await store.insertExecution(record, history);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, writer));
  const seconds = (performance.now() - started) / 1000;
  return Math.round(executions / seconds);
}

/** Group commit at three concurrency levels, then a commit per write for comparison. */
const scenarios = [
  { concurrency: 1, groupCommit: {} },
  { concurrency: 16, groupCommit: {} },
  { concurrency: 256, groupCommit: {} },
  { concurrency: 256, groupCommit: { maxBatch: 1 }, note: 'one commit per write' },
];

async function run(label, open) {
  for (const { concurrency, groupCommit, note } of scenarios) {
    const store = await open({ groupCommit });
    const perSecond = await measure(store, concurrency);
    await store.close();
    console.log(
      `${label.padEnd(32)} concurrency ${String(concurrency).padStart(3)}: ${String(perSecond).padStart(7)} executions/s` +
        `${note === undefined ? '' : ` (${note})`}`,
    );
  }
}

console.log(`${executions} executions per measurement, each with ${eventsPerExecution} history events`);
const folder = mkdtempSync(join(tmpdir(), 'flowgate-bench-'));
try {
  let file = 0;
  await run('SQLite file, synchronous=NORMAL', (options) => openStore(join(folder, `${++file}.db`), options));
  await run('SQLite file, synchronous=FULL', (options) =>
    openStore(join(folder, `${++file}.db`), { ...options, synchronous: 'full' }),
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const postgresUrl = process.env.FLOWGATE_BENCH_POSTGRES;
if (postgresUrl !== undefined && postgresUrl !== '') {
  const prefix = `flowgate_bench_${process.pid}_`;
  let round = 0;
  try {
    await run('PostgreSQL', (options) => openStore(postgresUrl, { ...options, schema: `${prefix}${++round}` }));
  } finally {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    for (let n = 1; n <= round; n += 1) await client.query(`drop schema if exists ${prefix}${n} cascade`);
    await client.end();
  }
}

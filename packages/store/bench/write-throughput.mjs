/**
 * Execution write throughput of the store: how many executions (each inserted finished, with
 * its whole history, as a synchronous execution is recorded) are durably written per second,
 * and how much of the calling thread's CPU each one costs (the figure that decides how much
 * recording slows an API server sharing that thread).
 *
 *   npm run build && node packages/store/bench/write-throughput.mjs [executions] [events]
 *
 * Two shapes: "sync express", what `flowgate serve` records per StartSyncExecution of a
 * five-Pass-state workflow (12 events of about 200 bytes), and "long history", `[events]`
 * events (default 20) carrying a larger payload each.
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
const longHistoryEvents = Number(process.argv[3] ?? 20);
const machineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:bench';
const payload = JSON.stringify({ order: { id: 'o-1', lines: [{ sku: 'a', qty: 2, price: 9.5 }], total: 19 } });
const smallPayload = JSON.stringify({ orderId: 'o-1', items: [1, 2, 3], pricing: { currency: 'EUR' } });

let serial = 0;

function record(type) {
  serial += 1;
  const name = `e${serial}`;
  return {
    arn: `arn:aws:states:us-east-1:123456789012:${type === 'EXPRESS' ? 'express' : 'execution'}:bench:${name}:${serial.toString(16).padStart(8, '0')}`,
    stateMachineArn: machineArn,
    name,
    type,
    status: 'SUCCEEDED',
    startDate: 1_700_000_000_000 + serial,
    stopDate: 1_700_000_000_005 + serial,
    input: type === 'EXPRESS' ? smallPayload : payload,
    output: type === 'EXPRESS' ? smallPayload : payload,
    snapshotKey: 'bench-1',
  };
}

/** ExecutionStarted, an entered and an exited event per Pass state, ExecutionSucceeded. */
function syncExpress() {
  const execution = record('EXPRESS');
  const at = execution.startDate;
  const details = (name) => ({ name, input: smallPayload, inputDetails: { truncated: false } });
  const history = [
    { id: 1, previousEventId: 0, timestamp: at, type: 'ExecutionStarted', executionStartedEventDetails: { input: smallPayload, inputDetails: { truncated: false }, roleArn: 'arn:aws:iam::123456789012:role/bench' } },
  ];
  for (let state = 1; state <= 5; state += 1) {
    const id = history.length + 1;
    history.push({ id, previousEventId: id - 1, timestamp: at + state, type: 'PassStateEntered', stateEnteredEventDetails: details(`S${state}`) });
    history.push({ id: id + 1, previousEventId: id, timestamp: at + state, type: 'PassStateExited', stateExitedEventDetails: { name: `S${state}`, output: smallPayload, outputDetails: { truncated: false } } });
  }
  history.push({ id: 12, previousEventId: 11, timestamp: at + 5, type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: smallPayload, outputDetails: { truncated: false } } });
  return { record: execution, history };
}

function longHistory() {
  const execution = record('STANDARD');
  const history = Array.from({ length: longHistoryEvents }, (_, index) => ({
    id: index + 1,
    previousEventId: index,
    timestamp: execution.startDate + index,
    type: index === 0 ? 'ExecutionStarted' : 'TaskStateEntered',
    stateEnteredEventDetails: { name: `State${index}`, input: payload },
  }));
  return { record: execution, history };
}

/** `concurrency` writers, each awaiting its write before starting the next. */
async function measure(store, concurrency, shape) {
  let remaining = executions;
  const cpu = process.cpuUsage();
  const started = performance.now();
  async function writer() {
    while (remaining > 0) {
      remaining -= 1;
      const { record: execution, history } = shape();
      await store.insertExecution(execution, history);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, writer));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: Math.round(executions / seconds), cpuMicros: (used.user + used.system) / executions };
}

/** Group commit at several concurrency levels, then a commit per write for comparison. */
const scenarios = [
  { shape: 'sync express', concurrency: 32, groupCommit: {} },
  { shape: 'sync express', concurrency: 256, groupCommit: {} },
  { shape: 'long history', concurrency: 1, groupCommit: {} },
  { shape: 'long history', concurrency: 16, groupCommit: {} },
  { shape: 'long history', concurrency: 256, groupCommit: {} },
  { shape: 'long history', concurrency: 256, groupCommit: { maxBatch: 1 }, note: 'one commit per write' },
];
const shapes = { 'sync express': syncExpress, 'long history': longHistory };

async function run(label, open) {
  for (const { shape, concurrency, groupCommit, note } of scenarios) {
    const store = await open({ groupCommit });
    const { perSecond, cpuMicros } = await measure(store, concurrency, shapes[shape]);
    await store.close();
    console.log(
      `${label.padEnd(32)} ${shape.padEnd(12)} concurrency ${String(concurrency).padStart(3)}: ` +
        `${String(perSecond).padStart(7)} executions/s, ${cpuMicros.toFixed(1).padStart(6)} µs CPU each` +
        `${note === undefined ? '' : ` (${note})`}`,
    );
  }
}

console.log(
  `${executions} executions per measurement; sync express: 12 events of ~200 bytes; ` +
    `long history: ${longHistoryEvents} events of ~${payload.length + 100} bytes`,
);
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

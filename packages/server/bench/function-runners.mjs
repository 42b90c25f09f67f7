// Cost of running a Node.js function through the worker-thread runner: invocations per second
// and latency percentiles of a no-op handler, beside the same handler called directly in this
// thread (event parsed, handler awaited, result serialised), in the same run. Uses the built
// dist, so build first:
//
//   npx tsc -b packages/server && node packages/server/bench/function-runners.mjs [--seconds 5] [--concurrency 1,8]
/* global AbortController */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeFunctionRunner } from '../dist/functions/node/node-function-runner.js';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '1,8' },
  },
});
const seconds = Number(options.seconds);
const levels = options.concurrency.split(',').map(Number);

const code = await mkdtemp(join(tmpdir(), 'flowgate-bench-node-'));
await writeFile(join(code, 'index.mjs'), 'export const handler = async (event) => ({ ok: true, id: event.id });\n');
const payload = JSON.stringify({ id: 'order-1', items: [1, 2, 3] });
const arn = 'arn:aws:lambda:us-east-1:123456789012:function:noop';

/** Runs `call` from `concurrency` loops for the given time; returns every latency in ms. */
async function measure(call, concurrency, durationMs) {
  const latencies = [];
  const end = performance.now() + durationMs;
  const loop = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      await call();
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { latencies, elapsedMs: performance.now() - started };
}

function summarise(label, concurrency, { latencies, elapsedMs }) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    runner: label,
    concurrency,
    'invocations/s': Math.round((latencies.length / elapsedMs) * 1000),
    'p50 µs': Math.round(at(0.5) * 1000),
    'p99 µs': Math.round(at(0.99) * 1000),
    'max µs': Math.round(at(1) * 1000),
    invocations: latencies.length,
  };
}

const rows = [];
const { handler } = await import(pathToFileURL(join(code, 'index.mjs')).href);
const context = { awsRequestId: '', getRemainingTimeInMillis: () => 3000, callbackWaitsForEmptyEventLoop: true };
const direct = async () => JSON.stringify(await handler(JSON.parse(payload), context));

const runner = createNodeFunctionRunner(
  { name: 'noop', kind: 'nodejs', handler: 'index.handler', codeDirectory: code, timeoutSeconds: 3, memoryMb: 128 },
  { onLog: () => undefined },
);
const signal = new AbortController().signal;
const viaWorkers = () => runner.invoke({ payload, requestId: randomUUID(), invokedFunctionArn: arn, signal });

try {
  for (const concurrency of levels) {
    // Warm-up: start the workers this concurrency needs and let the JIT settle, untimed.
    await measure(viaWorkers, concurrency, 500);
    await measure(direct, concurrency, 200);
    rows.push(summarise('direct call (same thread)', concurrency, await measure(direct, concurrency, seconds * 1000)));
    rows.push(summarise('node worker threads', concurrency, await measure(viaWorkers, concurrency, seconds * 1000)));
  }
} finally {
  await runner.close();
  await rm(code, { recursive: true, force: true });
}

console.log(`No-op Node.js handler, ${seconds} s per row, Node ${process.version}`);
console.table(rows);
for (const concurrency of levels) {
  const [base, workers] = rows.filter((row) => row.concurrency === concurrency);
  if (base !== undefined && workers !== undefined) {
    console.log(`concurrency ${concurrency}: the runner costs ${(workers['p50 µs'] - base['p50 µs']).toLocaleString()} µs per invocation at p50; ${(base['invocations/s'] / workers['invocations/s']).toFixed(1)}× fewer invocations/s than a direct call`);
  }
}

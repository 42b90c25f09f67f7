// Invocations per second and latency of a no-op function through the remote function runner,
// against a local Lambda Invoke API (the test fixture standing in for `sam local
// start-lambda`), beside a direct in-process call of the same function in the same run.
//
//   npx tsc -b packages/server && node packages/server/bench/remote-runner.mjs [--count 5000]
//
// The fake serves from a child process (the machine's second core) and runs the function in
// that process, so the figures measure the runner, HTTP on loopback and the Invoke API
// protocol, not a sandbox's start-up.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createRemoteFunctionRunner } from '../dist/functions/remote/index.js';
import { startFakeInvokeApi } from '../test-fixtures/functions/remote/fake-invoke-api.mjs';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '5000' }, warmup: { type: 'string', default: '500' }, serve: { type: 'boolean', default: false } },
});
const COUNT = Number(values.count);
const WARMUP = Number(values.warmup);
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:noop';
const EVENT = JSON.stringify({ orderId: 'o-1', items: [{ sku: 'a', qty: 2 }] });

function noop(event) {
  return { ok: true, received: event.orderId };
}

// The caller never gives up during the benchmark.
const NEVER = new globalThis.AbortController().signal;

function request() {
  return { payload: EVENT, requestId: randomUUID(), invokedFunctionArn: ARN, signal: NEVER };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `count` calls with `concurrency` in flight; returns throughput and latency figures. */
async function measure(call, count, concurrency) {
  const latencies = new Float64Array(count);
  let next = 0;
  const started = performance.now();
  async function lane() {
    while (next < count) {
      const index = next++;
      const t0 = performance.now();
      await call();
      latencies[index] = performance.now() - t0;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  return { perSecond: count / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function bench(label, call, concurrency) {
  await measure(call, WARMUP, concurrency);
  const figures = await measure(call, COUNT, concurrency);
  const row = [
    label.padEnd(44),
    String(concurrency).padStart(4),
    figures.perSecond.toFixed(0).padStart(10),
    figures.p50.toFixed(3).padStart(9),
    figures.p99.toFixed(3).padStart(9),
  ];
  console.log(row.join('  '));
}

async function main() {
  const server = fork(new URL(import.meta.url), ['--serve']);
  const [{ endpoint }] = await once(server, 'message');
  const definition = { name: 'noop', kind: 'remote', endpoint, timeoutSeconds: 3, memoryMb: 128 };
  const http = createRemoteFunctionRunner(definition);
  const sdk = createRemoteFunctionRunner(
    { ...definition, endpoint: 'aws' },
    { aws: { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' } }, logTail: false },
  );
  const context = { awsRequestId: '', functionName: 'noop', invokedFunctionArn: ARN, getRemainingTimeInMillis: () => 3000 };
  const direct = async () => JSON.stringify(await noop(JSON.parse(EVENT), context));

  console.log(`node ${process.version}, ${COUNT} invocations per row after ${WARMUP} warm-up; latency in ms`);
  console.log(['mode'.padEnd(44), 'conc'.padStart(4), 'invokes/s'.padStart(10), 'p50'.padStart(9), 'p99'.padStart(9)].join('  '));
  try {
    for (const concurrency of [1, 16]) {
      await bench('direct in-process call (JSON in and out)', direct, concurrency);
      await bench('remote runner, Invoke API over HTTP', () => http.invoke(request()), concurrency);
      await bench('remote runner, AWS SDK to the same endpoint', () => sdk.invoke(request()), concurrency);
    }
  } finally {
    await http.close();
    await sdk.close();
    server.disconnect();
  }
}

if (values.serve) {
  // The child: serve until the parent disconnects.
  const api = await startFakeInvokeApi({ functions: { noop: { handler: noop, timeoutSeconds: 3 } } });
  process.send({ endpoint: api.endpoint });
  process.once('disconnect', () => void api.close());
} else {
  await main();
}

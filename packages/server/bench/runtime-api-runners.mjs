/**
 * Invocations per second and latency of a no-op function through the Runtime API runners
 * (a bash bootstrap, a compiled C bootstrap, Python) beside the same no-op called directly in
 * process, all in one run. Warm processes only: each case starts its runner and warms it first.
 *
 *   npx tsc -b packages/server && node packages/server/bench/runtime-api-runners.mjs [--seconds 3]
 *
 * Each case runs its invocations one at a time (latency) and then 4 in flight (throughput),
 * for at most --seconds each (default 3) and at most 20,000 invocations.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createProvidedFunctionRunner, createPythonFunctionRunner } from '../dist/functions/runtime-api/index.js';

const secondsFlag = process.argv.indexOf('--seconds');
const SECONDS = secondsFlag > 0 ? Number(process.argv[secondsFlag + 1]) : 3;
const MAX_INVOCATIONS = 20_000;
const WARMUP = 20;
const FIXTURES = fileURLToPath(new URL('../test-fixtures/functions/runtime-api/', import.meta.url));
const PAYLOAD = JSON.stringify({ order: 42, items: [1, 2, 3] });
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:bench';
// No invocation here is ever abandoned: one signal that never aborts serves them all.
const SIGNAL = new globalThis.AbortController().signal;

function request() {
  return { payload: PAYLOAD, requestId: randomUUID(), invokedFunctionArn: ARN, signal: SIGNAL };
}

function definition(kind, handler, codeDirectory) {
  return { name: `bench-${kind}`, kind, handler, codeDirectory, timeoutSeconds: 10, memoryMb: 128 };
}

// The floor: the same no-op as an in-process call, with the JSON round trip a runner does too.
const direct = {
  async invoke(call) {
    const answer = await (async () => ({}))(JSON.parse(call.payload));
    return { payload: JSON.stringify(answer), executedVersion: '$LATEST' };
  },
  async close() {},
};

async function measure(runner, inFlight) {
  const latencies = [];
  const deadline = performance.now() + SECONDS * 1000;
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (issued < MAX_INVOCATIONS && performance.now() < deadline) {
        issued++;
        const before = performance.now();
        const outcome = await runner.invoke(request());
        if (outcome.functionError !== undefined) throw new Error(`the no-op failed: ${outcome.payload}`);
        latencies.push(performance.now() - before);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { count: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

function compileC(into) {
  const output = join(into, 'bootstrap');
  execFileSync('cc', ['-std=c11', '-O2', '-o', output, join(FIXTURES, 'compiled', 'bootstrap.c')]);
  return output;
}

const build = mkdtempSync(join(tmpdir(), 'flowgate-bench-'));
const quiet = { onLog: () => undefined };
const cases = [
  ['direct in-process call', () => direct],
  ['provided: C bootstrap', () => createProvidedFunctionRunner({ ...definition('provided', 'noop', build), bootstrap: compileC(build) }, quiet)],
  ['python', () => createPythonFunctionRunner(definition('python', 'handlers.noop', join(FIXTURES, 'python')), quiet)],
  ['provided: bash + curl bootstrap', () => createProvidedFunctionRunner(definition('provided', 'function.noop', join(FIXTURES, 'shell')), quiet)],
];

console.log(`node ${process.version}, no-op function, warm processes, ${SECONDS} s per row`);
console.log('| runner | in flight | invocations | invocations/s | p50 ms | p99 ms |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
try {
  for (const [label, create] of cases) {
    const runner = create();
    try {
      for (let i = 0; i < WARMUP; i++) await runner.invoke(request());
      for (const inFlight of [1, 4]) {
        const result = await measure(runner, inFlight);
        console.log(`| ${label} | ${inFlight} | ${result.count} | ${result.perSecond.toFixed(0)} | ${result.p50.toFixed(3)} | ${result.p99.toFixed(3)} |`);
      }
    } finally {
      await runner.close();
    }
  }
} finally {
  rmSync(build, { recursive: true, force: true });
}

#!/usr/bin/env node
// `npm run build && node bench/jsonata.mjs [--rounds N]`: the JSONata twins of shared workload a
// (bench/workloads, made by gen-jsonata-workloads.mjs) beside the JSONPath original, measured the
// way the shared harness measures (a fresh process per workload, untimed compile, one checked
// execution, warm-up, three timed batches, the median batch), with Flowgate's own adapter.
// Prints one table: exec/s, µs/exec and the time per execution relative to the JSONPath workload.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const sharedDir = resolve(process.env.FLOWGATE_BENCH_WORKLOADS || join(repo, '..', 'shared', 'bench', 'workloads'));
const twinsDir = join(here, 'workloads');
const { values: args } = parseArgs({
  options: {
    one: { type: 'string' },
    dir: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    'sample-ms': { type: 'string', default: '300' },
    'warmup-ms': { type: 'string', default: '500' },
  },
});

const readJson = (dir, file) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Worker: measures one workload of one folder and prints its exec/s as JSON. */
async function measure(dir, id) {
  const { default: adapter } = await import(join(here, 'flowgate-adapter.mjs'));
  const workload = readJson(dir, 'manifest.json').workloads.find((w) => w.id === id);
  const input = readJson(dir, workload.input);
  const run = await adapter.prepare(readJson(dir, workload.definition), workload);
  const correct = isDeepStrictEqual(JSON.parse(JSON.stringify(await run(input))), readJson(dir, workload.expected));
  const batch = async (ms) => {
    let count = 0;
    const start = performance.now();
    while (performance.now() - start < ms) {
      await run(input);
      count++;
    }
    return (count * 1000) / (performance.now() - start);
  };
  await batch(Number(args['warmup-ms']));
  const rates = [];
  for (let i = 0; i < 3; i++) rates.push(await batch(Number(args['sample-ms'])));
  process.stdout.write(`${JSON.stringify({ id, correct, execPerSecond: median(rates) })}\n`);
}

if (args.one !== undefined) {
  await measure(args.dir, args.one);
  process.exit(0);
}

if (!existsSync(join(repo, 'packages', 'core', 'dist', 'index.js'))) {
  console.error('bench: packages/core is not built: run `npm run build` first');
  process.exit(2);
}
const twins = readJson(twinsDir, 'manifest.json').workloads;
const original = twins[0].twinOf;
const rows = [{ dir: sharedDir, id: original, language: 'JSONPath' }, ...twins.map((w) => ({ dir: twinsDir, id: w.id, language: 'JSONata' }))];
const samples = new Map(rows.map((row) => [row.id, []]));
const correct = new Map();
for (let round = 0; round < Number(args.rounds); round++) {
  for (const row of round % 2 === 0 ? rows : [...rows].reverse()) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--one', row.id, '--dir', row.dir, '--sample-ms', args['sample-ms'], '--warmup-ms', args['warmup-ms']], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`${row.id}: ${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').pop());
    samples.get(row.id).push(result.execPerSecond);
    correct.set(row.id, (correct.get(row.id) ?? true) && result.correct);
  }
}
const reference = median(samples.get(original));
console.log(`JSONata vs JSONPath, the same transform (shared workload ${original}); ${args.rounds} rounds, medians`);
console.log('');
console.log('| workload | query language | exec/s | µs/exec | × JSONPath (time) | output correct |');
console.log('|---|---|---:|---:|---:|:-:|');
for (const row of rows) {
  const rate = median(samples.get(row.id));
  const cells = [row.id, row.language, Math.round(rate).toLocaleString('en-US'), (1e6 / rate).toFixed(1), (reference / rate).toFixed(2), correct.get(row.id) ? 'yes' : 'NO'];
  console.log(`| ${cells.join(' | ')} |`);
}

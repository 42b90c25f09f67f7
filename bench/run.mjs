#!/usr/bin/env node
// `npm run bench [-- options]`: Flowgate side by side with peer engines and the hand-coded
// baseline, on the shared workloads, with the shared harness (shared/bench/peers/run.mjs).
//
// The harness lives outside this repository ($FLOWGATE_BENCH_PEERS, default
// ../shared/bench/peers beside the clone) and may be read-only without its node_modules: it
// is then copied, with the workloads it reads from ../workloads, to a cache folder
// ($FLOWGATE_BENCH_CACHE, default node_modules/.cache/flowgate-bench-peers: ignored by git and
// eslint, and wiped with node_modules) and its peers installed there with `npm ci` (again
// only when its package-lock.json changes).
// Every option is passed on to the harness; `--engines` may name our adapter as `flowgate`.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const adapter = join(repo, 'bench', 'flowgate-adapter.mjs');
const peers = resolve(process.env.FLOWGATE_BENCH_PEERS || join(repo, '..', 'shared', 'bench', 'peers'));
const cache = resolve(process.env.FLOWGATE_BENCH_CACHE || join(repo, 'node_modules', '.cache', 'flowgate-bench-peers'));
const DEFAULT_ENGINES = ['handcoded', 'aws-local-stepfunctions', 'flowgate'];

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

/** Copies read-only files as writable ones, so that the next refresh can replace them. */
function makeWritable(path) {
  const stat = statSync(path);
  chmodSync(path, stat.isDirectory() ? 0o755 : 0o644);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry));
}

function refreshCopy(from, to, keep = []) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(to)) if (!keep.includes(entry)) rmSync(join(to, entry), { recursive: true, force: true });
  for (const entry of readdirSync(from)) {
    if (entry === 'node_modules' || entry === 'results') continue;
    cpSync(join(from, entry), join(to, entry), { recursive: true });
    makeWritable(join(to, entry));
  }
}

/** A folder from which the harness runs with its peers installed. */
function preparePeers() {
  if (!existsSync(join(peers, 'run.mjs'))) fail(`no benchmark harness at ${peers} (set FLOWGATE_BENCH_PEERS)`);
  if (existsSync(join(peers, 'node_modules'))) return peers;
  const runDir = join(cache, 'peers');
  const lock = (dir) => (existsSync(join(dir, 'package-lock.json')) ? readFileSync(join(dir, 'package-lock.json'), 'utf8') : '');
  const installed = existsSync(join(runDir, 'node_modules')) && lock(runDir) === lock(peers);
  refreshCopy(peers, runDir, installed ? ['node_modules'] : []);
  // run.mjs and worker.mjs read the workloads from ../workloads by default.
  const workloads = join(peers, '..', 'workloads');
  if (existsSync(workloads)) refreshCopy(workloads, join(cache, 'workloads'));
  if (!installed) {
    console.error(`bench: installing the peer engines in ${runDir} (npm ci, once)`);
    // aws-local-stepfunctions 3 declares node >= 22 but runs these workloads on Node 20.
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: runDir, stdio: 'inherit' });
    if (r.status !== 0) fail(`npm ci failed in ${runDir}`);
  }
  return runDir;
}

function harnessArgs(argv) {
  const args = [...argv];
  const at = args.findIndex((a) => a === '--engines' || a.startsWith('--engines='));
  const listed = at < 0 ? DEFAULT_ENGINES : (args[at].includes('=') ? args[at].split('=')[1] : args[at + 1] ?? '').split(',');
  const engines = listed.map((e) => (e === 'flowgate' ? adapter : e)).join(',');
  if (at < 0) args.push('--engines', engines);
  else if (args[at].includes('=')) args[at] = `--engines=${engines}`;
  else args[at + 1] = engines;
  // Results stay in this repository (bench/results/, git-ignored), not in the harness folder.
  if (!args.some((a) => a === '--out' || a.startsWith('--out='))) {
    args.push('--out', join(repo, 'bench', 'results', `run-${new Date().toISOString().replace(/[:.]/g, '-')}.json`));
  }
  return args;
}

if (!existsSync(join(repo, 'packages', 'core', 'dist', 'index.js'))) fail('packages/core is not built: run `npm run build` (npm run bench does)');
const runDir = preparePeers();
const r = spawnSync(process.execPath, [join(runDir, 'run.mjs'), ...harnessArgs(process.argv.slice(2))], { cwd: runDir, stdio: 'inherit' });
process.exit(r.status ?? 1);

// Throughput of the Step Functions API: StartSyncExecution of a 5-state Pass workflow through
// `flowgate serve` (built CLI, SQLite file store), against a bare Node.js HTTP server answering
// the same JSON, all loaded by autocannon on loopback in the same run. Two Flowgate servers are
// measured: as AWS serves StartSyncExecution (the default: the execution leaves no record) and
// with `--record-express` (Flowgate's extension: every execution and its history written to the
// store). Rounds are interleaved (bare, flowgate, flowgate with records, again) so that a
// machine whose speed drifts affects all three alike; the ratios are of per-round figures,
// and their median is the result.
//
//   npm run build && node bench/api-throughput.mjs [--seconds 5] [--rounds 3] [--connections 32]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { CreateStateMachineCommand, SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { fivePassDefinition, fivePassInput } from './five-pass-workflow.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
  },
});
const seconds = Number(options.seconds);
const rounds = Number(options.rounds);
const connections = Number(options.connections);

const definition = JSON.stringify(fivePassDefinition);
const input = fivePassInput;

function startChild(args, readyPattern, env = process.env) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: root, env });
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk) => {
      text += chunk.toString();
      const match = readyPattern.exec(text);
      if (match) resolve({ child, port: Number(match[1]) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${text}`)));
  });
}

// The bare server: reads and parses the body, answers with a fixed text, which is the JSON a
// Flowgate server answered to the same request (given in the environment).
const BARE_SERVER = `
const http = require('node:http');
const answer = process.env.BENCH_ANSWER;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString() || '{}');
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

function load(port, body) {
  return autocannon({
    url: `http://127.0.0.1:${port}/`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.StartSyncExecution' },
    body,
  });
}

function summary(name, result) {
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Starts `flowgate serve` with `extraArgs`, creates the workflow, checks one execution. */
async function startFlowgate(dataDir, extraArgs) {
  const args = [join(root, 'packages/server/dist/cli.js'), 'serve', '--port', '0', '--data-dir', dataDir, ...extraArgs];
  const server = await startChild(args, /listening on http:\/\/[^:]+:(\d+)/);
  const sfn = new SFNClient({
    endpoint: `http://127.0.0.1:${server.port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    disableHostPrefix: true,
  });
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name: 'bench-five-pass', definition, roleArn: 'arn:aws:iam::123456789012:role/bench', type: 'EXPRESS' }),
  );
  const check = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input }));
  if (check.status !== 'SUCCEEDED') throw new Error(`workflow did not succeed: ${JSON.stringify(check)}`);
  sfn.destroy();
  return { ...server, body: JSON.stringify({ stateMachineArn, input }) };
}

const dataDirs = [];
const children = [];
try {
  const servers = [];
  for (const [name, extraArgs] of [
    ['flowgate StartSyncExecution', []],
    ['flowgate StartSyncExecution, --record-express', ['--record-express']],
  ]) {
    const dataDir = mkdtempSync(join(tmpdir(), 'flowgate-bench-api-'));
    dataDirs.push(dataDir);
    const flowgate = await startFlowgate(dataDir, extraArgs);
    children.push(flowgate.child);
    servers.push({ name, ...flowgate });
  }
  const first = servers[0];
  const answer = await (
    await fetch(`http://127.0.0.1:${first.port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.StartSyncExecution' },
      body: first.body,
    })
  ).text();
  const bare = await startChild(['-e', BARE_SERVER], /listening on http:\/\/[^:]+:(\d+)/, { ...process.env, BENCH_ANSWER: answer });
  children.push(bare.child);
  servers.unshift({ name: 'bare Node.js http', ...bare, body: first.body });

  // Warm-up: the servers' code is compiled and their stores have pages before measuring.
  for (const server of servers) await load(server.port, server.body).catch(() => undefined);
  const results = servers.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, server] of servers.entries()) results[index].push(summary(server.name, await load(server.port, server.body)));
  }

  console.log(`StartSyncExecution, 5 Pass states; ${connections} connections, ${rounds} interleaved rounds of ${seconds} s, loopback, autocannon`);
  console.log('| round | server | req/s | p50 ms | p99 ms | errors | ratio to bare |');
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
  for (let round = 0; round < rounds; round += 1) {
    const bareRate = results[0][round].requestsPerSecond;
    for (const serverResults of results) {
      const r = serverResults[round];
      const ratio = ((r.requestsPerSecond / bareRate) * 100).toFixed(1);
      console.log(`| ${round + 1} | ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${ratio}% |`);
    }
  }
  for (const [index, server] of servers.entries()) {
    if (index === 0) continue;
    const ratios = results[index].map((r, round) => (r.requestsPerSecond / results[0][round].requestsPerSecond) * 100);
    const p99 = median(results[index].map((r) => r.p99));
    console.log(`median ratio ${server.name} / bare: ${median(ratios).toFixed(1)}% (rounds: ${ratios.map((r) => r.toFixed(1)).join(', ')}; median p99 ${p99} ms; target >= 40%)`);
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
}

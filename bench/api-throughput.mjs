// Throughput of the Step Functions API: StartSyncExecution of a 5-state Pass workflow through
// `flowgate serve` (built CLI, default settings: SQLite file store, express executions
// recorded), against a bare Node.js HTTP server answering the same JSON, both loaded by
// autocannon on loopback in the same run. Prints requests/s, latency percentiles and the ratio.
//
//   npm run build && node bench/api-throughput.mjs [--seconds 10] [--connections 32] [--no-record-express]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { CreateStateMachineCommand, SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    'no-record-express': { type: 'boolean', default: false },
  },
});
const seconds = Number(options.seconds);
const connections = Number(options.connections);

const definition = JSON.stringify({
  StartAt: 'S1',
  States: {
    S1: { Type: 'Pass', Parameters: { 'orderId.$': '$.orderId', 'items.$': '$.items' }, Next: 'S2' },
    S2: { Type: 'Pass', Result: { currency: 'EUR' }, ResultPath: '$.pricing', Next: 'S3' },
    S3: { Type: 'Pass', Parameters: { 'orderId.$': '$.orderId', 'count.$': 'States.ArrayLength($.items)', 'pricing.$': '$.pricing' }, Next: 'S4' },
    S4: { Type: 'Pass', ResultPath: '$.checked', Result: true, Next: 'S5' },
    S5: { Type: 'Pass', End: true },
  },
});
const input = JSON.stringify({ orderId: 'o-1', items: [1, 2, 3] });

function startChild(args, readyPattern) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: root });
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

// The bare server: reads the body, answers the JSON a StartSyncExecution answer would carry.
const BARE_SERVER = `
const http = require('node:http');
const answer = ${JSON.stringify(JSON.stringify({ executionArn: 'arn:aws:states:us-east-1:123456789012:express:m:n:u', status: 'SUCCEEDED', output: '{"orderId":"o-1"}' }))};
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

const dataDir = mkdtempSync(join(tmpdir(), 'flowgate-bench-api-'));
const children = [];
try {
  const bare = await startChild(['-e', BARE_SERVER], /listening on http:\/\/[^:]+:(\d+)/);
  children.push(bare.child);
  const serveArgs = [join(root, 'packages/server/dist/cli.js'), 'serve', '--port', '0', '--data-dir', dataDir];
  if (options['no-record-express']) serveArgs.push('--no-record-express');
  const flowgate = await startChild(serveArgs, /listening on http:\/\/[^:]+:(\d+)/);
  children.push(flowgate.child);

  const sfn = new SFNClient({
    endpoint: `http://127.0.0.1:${flowgate.port}`,
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
  const body = JSON.stringify({ stateMachineArn, input });

  // Warm both servers up, then measure each once, bare first.
  await Promise.all([load(bare.port, body), load(flowgate.port, body)].map((p) => p.catch(() => undefined)));
  const bareResult = summary('bare Node.js http', await load(bare.port, body));
  const flowgateResult = summary('flowgate StartSyncExecution', await load(flowgate.port, body));

  console.log(`StartSyncExecution, 5 Pass states; ${connections} connections, ${seconds} s each, loopback, autocannon`);
  console.log(`express executions recorded: ${options['no-record-express'] ? 'no' : 'yes (default)'}`);
  console.log('| server | req/s | p50 ms | p99 ms | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of [bareResult, flowgateResult]) {
    console.log(`| ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
  }
  console.log(`ratio flowgate / bare: ${((flowgateResult.requestsPerSecond / bareResult.requestsPerSecond) * 100).toFixed(1)}% (target >= 40%)`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(dataDir, { recursive: true, force: true });
}

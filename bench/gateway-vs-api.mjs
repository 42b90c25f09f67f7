// The gateway against the AWS API, same workflow, same run: `flowgate dev` serves a 5-state
// Pass workflow behind `POST /run` (the gateway) and as a state machine (StartSyncExecution on
// the Step Functions API). autocannon loads each in turn on loopback; prints requests/s,
// p50/p99 latency, and the ratio.
//
//   npm run build && node bench/gateway-vs-api.mjs [--seconds 10] [--connections 32]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { fivePassDefinition, fivePassInput } from './five-pass-workflow.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { values: options } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } } });
const seconds = Number(options.seconds);
const connections = Number(options.connections);


const project = mkdtempSync(join(tmpdir(), 'flowgate-bench-gateway-'));
writeFileSync(join(project, 'five-pass.asl.json'), JSON.stringify(fivePassDefinition));
writeFileSync(
  join(project, 'flowgate.json'),
  JSON.stringify({
    workflows: { 'five-pass': { definition: 'five-pass.asl.json', type: 'EXPRESS' } },
    routes: [{ method: 'POST', path: '/run', workflow: 'five-pass', request: { jsonata: '{% body %}' } }],
  }),
);

const child = spawn(process.execPath, [join(root, 'packages/server/dist/cli.js'), 'dev', project, '--port', '0', '--api-port', '0', '--no-watch'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
const ports = await new Promise((resolve, reject) => {
  let text = '';
  const onData = (chunk) => {
    text += chunk.toString();
    const gateway = /HTTP API \(gateway\)\s+http:\/\/[^:]+:(\d+)/.exec(text);
    const api = /AWS Step Functions\s+http:\/\/[^:]+:(\d+)/.exec(text);
    if (gateway && api && text.includes('→')) resolve({ gateway: Number(gateway[1]), api: Number(api[1]) });
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.once('exit', (code) => reject(new Error(`flowgate dev exited with ${code}: ${text}`)));
});

const load = (port, path, headers, body) =>
  autocannon({ url: `http://127.0.0.1:${port}${path}`, method: 'POST', connections, duration: seconds, headers, body });
const gatewayRequest = [ports.gateway, '/run', { 'content-type': 'application/json' }, fivePassInput];
const apiRequest = [
  ports.api,
  '/',
  { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.StartSyncExecution' },
  JSON.stringify({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:five-pass', input: fivePassInput }),
];

try {
  const check = await fetch(`http://127.0.0.1:${ports.gateway}/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: fivePassInput });
  if (check.status !== 200) throw new Error(`the gateway answered ${check.status}: ${await check.text()}`);
  // Warm both paths, then measure the API first and the gateway second.
  await load(...apiRequest).catch(() => undefined);
  await load(...gatewayRequest).catch(() => undefined);
  const rows = [];
  for (const [name, request] of [
    ['AWS API StartSyncExecution', apiRequest],
    ['gateway POST /run', gatewayRequest],
  ]) {
    const result = await load(...request);
    rows.push({ name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx });
  }
  console.log(`5 Pass states, ${connections} connections, ${seconds} s each, loopback, autocannon; express executions recorded (flowgate dev records them)`);
  console.log('| front door | req/s | p50 ms | p99 ms | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(`| ${row.name} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.errors} |`);
  console.log(`ratio gateway / API: ${((rows[1].rps / rows[0].rps) * 100).toFixed(1)}%`);
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(project, { recursive: true, force: true });
}

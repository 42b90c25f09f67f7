// What the gateway costs per request: requests per second and latency through each request and
// response mapping, with in-process invokers that answer at once (an echo workflow, a function
// returning a fixed response), beside a bare node:http server answering the same JSON in the
// same run. The figures measure routing, events, mappings and HTTP, not executions.
//
//   npx tsc -b packages/server && node packages/server/bench/gateway.mjs [--seconds 5] [--connections 16]
//
// The load generator (autocannon) runs in this process too; on a two-core machine the
// absolute figures are low, the ratios to the bare server are what to compare.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createGateway } from '../dist/gateway/index.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '5' }, connections: { type: 'string', default: '16' } },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const BODY = JSON.stringify({ orderId: 'o-1', items: [{ sku: 'a-1', qty: 2 }, { sku: 'b-2', qty: 1 }], customer: { id: 'c-9', tier: 'gold' } });
const START = Date.now();

/** An echo workflow: succeeds at once with its input as output. */
const workflows = {
  async startSync(workflow, inputText) {
    return {
      executionArn: `arn:aws:states:us-east-1:123456789012:express:${workflow}:n:u`,
      stateMachineArn: `arn:aws:states:us-east-1:123456789012:stateMachine:${workflow}`,
      name: 'n',
      startDate: START,
      stopDate: START + 1,
      status: 'SUCCEEDED',
      output: inputText,
      input: inputText,
    };
  },
  async startAsync(workflow) {
    return { executionArn: `arn:aws:states:us-east-1:123456789012:execution:${workflow}:n`, startDate: START };
  },
};
const functions = {
  async invoke() {
    return { payload: JSON.stringify({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: BODY }) };
  },
};

const route = (path, request, response) => ({ method: 'POST', path, target: { kind: 'workflow', workflow: 'Orders', invocation: 'sync', request, response } });
const routes = [
  route('/default/{id}', { kind: 'default' }, { kind: 'default' }),
  route('/parameters/{id}', { kind: 'request-parameters', parameters: { Input: '$request.body', Name: 'order-${request.path.id}' } }, { kind: 'raw' }),
  route(
    '/jsonata/{id}',
    { kind: 'jsonata', expression: '{% {"id": pathParameters.id, "items": body.items} %}' },
    { kind: 'jsonata', expression: '{% {"statusCode": 201, "body": output} %}' },
  ),
  { method: 'POST', path: '/function/{proxy+}', target: { kind: 'function', function: 'f', payloadFormat: '2.0' } },
  // Enough other routes that matching is not trivially the first comparison.
  ...Array.from({ length: 40 }, (_, index) => route(`/other${index}/{id}/items`, { kind: 'default' }, { kind: 'default' })),
];

const gateway = createGateway({ routes, workflows, functions, onError: (error) => console.error(error) });
const { port } = await gateway.listen(0, '127.0.0.1');
const bare = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    response.end(body);
  });
});
await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));
const barePort = bare.address().port;

async function measure(label, url) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  return {
    case: label,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const rows = [];
rows.push(await measure('bare node:http echo', `http://127.0.0.1:${barePort}/default/1`));
rows.push(await measure('default → default', `http://127.0.0.1:${port}/default/1`));
rows.push(await measure('request-parameters → raw', `http://127.0.0.1:${port}/parameters/1`));
rows.push(await measure('jsonata → jsonata', `http://127.0.0.1:${port}/jsonata/1`));
rows.push(await measure('Lambda proxy 2.0', `http://127.0.0.1:${port}/function/a/b`));
console.log(`gateway, ${CONNECTIONS} connections, ${SECONDS} s per case, node ${process.version}`);
console.table(rows);

await gateway.close(100);
await new Promise((resolve) => bare.close(resolve));

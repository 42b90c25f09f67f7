// Request mappings over real HTTP: the default payload 2.0 event, JSONata, and API Gateway's
// request parameters; and how refused starts are answered.
import { afterEach, describe, expect, it } from 'vitest';
import type { RouteConfig } from '../app/application.js';
import type { FakeWorkflows, RunningGateway } from './gateway-test-kit.js';
import { fakeWorkflows, rawRequest, startGateway, workflowRoute } from './gateway-test-kit.js';
import { WorkflowStartError } from './invokers.js';

const NOW = Date.UTC(2020, 2, 12, 19, 3, 58, 390);
const running: RunningGateway[] = [];

afterEach(async () => {
  for (const gateway of running.splice(0)) await gateway.close();
});

async function serve(routes: readonly RouteConfig[], workflows: FakeWorkflows = fakeWorkflows()): Promise<RunningGateway> {
  const gateway = await startGateway({ routes, workflows, now: () => NOW, stageVariables: { env: 'dev' } });
  running.push(gateway);
  return gateway;
}

function lastInput(workflows: FakeWorkflows): Record<string, unknown> {
  return JSON.parse(workflows.calls.at(-1)?.inputText ?? 'null') as Record<string, unknown>;
}

describe('default request mapping', () => {
  it('gives the workflow the payload format 2.0 event, with a JSON body parsed', async () => {
    const workflows = fakeWorkflows();
    const { url } = await serve([workflowRoute('POST', '/orders/{id}')], workflows);
    const answer = await rawRequest(url, {
      method: 'POST',
      path: '/orders/a%20b?tag=x&tag=y&q=1',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Multi', 'one'],
        ['X-Multi', 'two'],
        ['Cookie', 'session=abc; theme=dark'],
        ['User-Agent', 'tests/1.0'],
      ],
      chunks: ['{"qty":', '3}'],
    });
    expect(answer.status).toBe(200);
    const event = lastInput(workflows);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /orders/{id}',
      rawPath: '/orders/a%20b',
      rawQueryString: 'tag=x&tag=y&q=1',
      cookies: ['session=abc', 'theme=dark'],
      queryStringParameters: { tag: 'x,y', q: '1' },
      pathParameters: { id: 'a b' },
      body: { qty: 3 },
      isBase64Encoded: false,
      stageVariables: { env: 'dev' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'flowgate',
        domainName: '127.0.0.1',
        http: { method: 'POST', path: '/orders/a%20b', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'tests/1.0' },
        requestId: answer.headers['apigw-requestid'],
        routeKey: 'POST /orders/{id}',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: NOW,
      },
    });
    const headers = event.headers as Record<string, string>;
    expect(headers['x-multi']).toBe('one,two');
    expect(headers['content-type']).toBe('application/json');
    expect(headers.cookie).toBeUndefined();
    // The echo workflow's output is the event: what the client gets back is the output as it is.
    expect(JSON.parse(answer.body)).toEqual(event);
  });

  it('keeps text bodies as strings, sends binary ones base64, and omits what is absent', async () => {
    const workflows = fakeWorkflows();
    const { url } = await serve([workflowRoute('ANY', '/upload')], workflows);
    await fetch(`${url}/upload`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2' });
    expect(lastInput(workflows)).toMatchObject({ body: 'a,b\n1,2', isBase64Encoded: false });
    await fetch(`${url}/upload`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) });
    expect(lastInput(workflows)).toMatchObject({ body: 'iVBORw==', isBase64Encoded: true });
    await fetch(`${url}/upload`);
    const event = lastInput(workflows);
    for (const absent of ['body', 'cookies', 'queryStringParameters', 'pathParameters']) expect(event).not.toHaveProperty(absent);
  });

  it('refuses a body that claims to be JSON and is not, without starting anything', async () => {
    const workflows = fakeWorkflows();
    const { url } = await serve([workflowRoute('POST', '/orders')], workflows);
    const response = await fetch(`${url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"qty":' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/^The request body is not valid JSON: /);
    expect(workflows.calls).toHaveLength(0);
  });
});

describe('JSONata request mapping', () => {
  it('evaluates the expression over the event (also bound as $request)', async () => {
    const workflows = fakeWorkflows();
    const expression = '{% {"orderId": pathParameters.id, "qty": body.qty, "tenant": $request.headers."x-tenant"} %}';
    const { url } = await serve([workflowRoute('POST', '/orders/{id}', { workflow: 'Orders', request: { kind: 'jsonata', expression } })], workflows);
    const response = await fetch(`${url}/orders/42`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tenant': 'acme' }, body: '{"qty":3}' });
    expect(response.status).toBe(200);
    expect(workflows.calls[0]).toMatchObject({ workflow: 'Orders', inputText: '{"orderId":"42","qty":3,"tenant":"acme"}' });
  });

  it('answers 500 and reports when the expression fails or yields nothing', async () => {
    const gateway = await serve([
      workflowRoute('GET', '/fails', { request: { kind: 'jsonata', expression: '$error("nope")' } }),
      workflowRoute('GET', '/nothing', { request: { kind: 'jsonata', expression: 'body.missing' } }),
    ]);
    for (const path of ['/fails', '/nothing']) {
      const response = await fetch(`${gateway.url}${path}`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    }
    expect(gateway.errors.map((error) => (error as Error).message)).toEqual([
      expect.stringContaining('nope'),
      "JSONata expression 'body.missing' yielded no input",
    ]);
  });
});

describe('request parameters (HTTP API StepFunctions integrations)', () => {
  it('maps Input, Name, TraceHeader and StateMachineArn from selection expressions', async () => {
    const workflows = fakeWorkflows();
    const parameters = {
      StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders:live',
      Input: '$request.body.order',
      Name: 'order-${request.path.id}-${context.requestId}',
      TraceHeader: '$request.header.x-trace',
      Region: 'us-east-1',
    };
    const { url } = await serve([workflowRoute('POST', '/orders/{id}', { request: { kind: 'request-parameters', parameters } })], workflows);
    const response = await fetch(`${url}/orders/7`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-trace': 'Root=1-5759e988-bd862e3fe1be46a994272793' },
      body: '{"order":{"id":7,"lines":[]}}',
    });
    const call = workflows.calls[0];
    expect(call).toMatchObject({ workflow: 'Orders:live', inputText: '{"id":7,"lines":[]}' });
    expect(call?.options.name).toBe(`order-7-${response.headers.get('apigw-requestid') ?? ''}`);
    expect(call?.options.traceHeader).toBe('Root=1-5759e988-bd862e3fe1be46a994272793');
  });

  it("passes the whole body, uses the route's workflow by default, and sends '{}' without Input", async () => {
    const workflows = fakeWorkflows();
    const { url } = await serve(
      [
        workflowRoute('POST', '/raw', { workflow: 'Raw', request: { kind: 'request-parameters', parameters: { Input: '$request.body' } } }),
        workflowRoute('POST', '/named/{machine}', { request: { kind: 'request-parameters', parameters: { StateMachineArn: '$request.path.machine' } } }),
      ],
      workflows,
    );
    await fetch(`${url}/raw`, { method: 'POST', body: '[1, 2]' });
    await fetch(`${url}/named/Other`, { method: 'POST', body: 'ignored' });
    expect(workflows.calls.map((call) => [call.workflow, call.inputText, call.options.name])).toEqual([
      ['Raw', '[1, 2]', undefined],
      ['Other', '{}', undefined],
    ]);
  });
});

describe('refused starts', () => {
  const refusing = (error: Error) => fakeWorkflows(() => Promise.reject(error));

  it('answers a workflow that does not exist with 500 and a clear body', async () => {
    const workflows = refusing(new WorkflowStartError('StateMachineDoesNotExist', "State Machine Does Not Exist: 'Missing'"));
    const { url } = await serve([workflowRoute('GET', '/x', { workflow: 'Missing' })], workflows);
    const response = await fetch(`${url}/x`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'StateMachineDoesNotExist', message: "State Machine Does Not Exist: 'Missing'" });
  });

  it('answers what the client can correct with 400, and throttling with 429', async () => {
    const bad = await serve([workflowRoute('POST', '/x')], refusing(new WorkflowStartError('InvalidExecutionInput', 'Invalid State Machine Execution Input')));
    const response = await fetch(`${bad.url}/x`, { method: 'POST' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'InvalidExecutionInput', message: 'Invalid State Machine Execution Input' });
    const busy = await serve([workflowRoute('GET', '/x')], refusing(Object.assign(new Error('Rate exceeded'), { code: 'ThrottlingException' })));
    const throttled = await fetch(`${busy.url}/x`);
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toEqual({ message: 'Too Many Requests' });
  });

  it("passes Step Functions' error through in the raw mapping", async () => {
    const workflows = refusing(new WorkflowStartError('StateMachineDoesNotExist', "State Machine Does Not Exist: 'Missing'"));
    const { url } = await serve([workflowRoute('GET', '/x', { response: { kind: 'raw' } })], workflows);
    const response = await fetch(`${url}/x`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist',
      message: "State Machine Does Not Exist: 'Missing'",
    });
  });

  it('answers an invoker fault (no code) with 500 Internal Server Error and reports it', async () => {
    const gateway = await serve([workflowRoute('GET', '/x')], refusing(new Error('disk on fire')));
    const response = await fetch(`${gateway.url}/x`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect((gateway.errors[0] as Error).message).toBe('disk on fire');
  });
});

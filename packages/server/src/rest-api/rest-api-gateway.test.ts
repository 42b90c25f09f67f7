import { afterEach, describe, expect, it } from 'vitest';
import type { IntegrationResponseConfig, RouteConfig, ServiceIntegrationTarget } from '../app/application.js';
import { fakeWorkflows, outcomeOf, startGateway, type FakeWorkflows, type RunningGateway } from '../gateway/gateway-test-kit.js';
import { WorkflowStartError } from '../gateway/invokers.js';

// REST API routes with AWS integrations to Step Functions, end to end through the gateway on a
// loopback port, with a fake WorkflowInvoker. Expected answers: the AWS sample shapes
// (start-sync-execution.md §8) and API Gateway's documented REST behaviour.
const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders';
const REQUEST_TEMPLATE = `{"input": "$util.escapeJavaScript($input.json('$'))", "stateMachineArn": "${ARN}"}`;
const OUTPUT_TEMPLATE = `#set($output = $util.parseJson($input.path('$.output')))
#if($input.path('$.status') == "SUCCEEDED"){"output": $input.path('$.output')}#else#set($context.responseOverride.status = 500){"error": "$input.path('$.error')", "output": "$!output"}#end`;

function restRoute(method: string, path: string, target: Partial<ServiceIntegrationTarget> = {}, extras: Partial<RouteConfig> = {}): RouteConfig {
  return {
    method,
    path,
    restApi: { stageName: 'Prod' },
    ...extras,
    target: {
      kind: 'service-integration',
      action: 'StartSyncExecution',
      requestTemplates: { 'application/json': REQUEST_TEMPLATE },
      passthroughBehavior: 'WHEN_NO_MATCH',
      responses: [{ statusCode: 200, responseTemplates: { 'application/json': OUTPUT_TEMPLATE } }, { selectionPattern: '4\\d{2}', statusCode: 400 }],
      ...target,
    },
  };
}

let running: RunningGateway | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function serve(routes: RouteConfig[], workflows: FakeWorkflows = fakeWorkflows()): Promise<{ url: string; workflows: FakeWorkflows }> {
  running = await startGateway({ routes, workflows, stageVariables: { table: 'orders' } });
  return { url: running.url, workflows };
}

function post(url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Response> {
  return fetch(url, { method: 'POST', headers, body });
}

describe('REST API StartSyncExecution integration', () => {
  it('renders the request template, starts the machine by ARN and unwraps the output', async () => {
    const { url, workflows } = await serve([restRoute('POST', '/orders')]);
    const response = await post(`${url}/Prod/orders`, '{"items":[1,2]}');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ output: { items: [1, 2] } });
    expect(workflows.calls).toHaveLength(1);
    expect(workflows.calls[0]).toMatchObject({ kind: 'sync', workflow: ARN, inputText: '{"items":[1,2]}' });
  });

  it('serves the route without the stage prefix too', async () => {
    const { url } = await serve([restRoute('POST', '/orders')]);
    expect((await post(`${url}/orders`, '{}')).status).toBe(200);
  });

  it('passes double quotes and non-ASCII text through escapeJavaScript intact', async () => {
    const { url, workflows } = await serve([restRoute('POST', '/orders')]);
    const response = await post(`${url}/Prod/orders`, '{"note":"say \\"hi\\" to José"}');
    expect(response.status).toBe(200);
    expect(JSON.parse(workflows.calls[0]?.inputText ?? '')).toEqual({ note: 'say "hi" to José' });
  });

  it("answers the service's 400 for an input with a single quote: \\' makes the rendered request invalid JSON", async () => {
    const { url, workflows } = await serve([restRoute('POST', '/orders')]);
    const response = await post(`${url}/Prod/orders`, `{"name":"O'Brien"}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ __type: 'SerializationException', message: 'The request body is not valid JSON.' });
    expect(workflows.calls).toHaveLength(0);
  });

  it('renders the default response over that 400 when no response selects 4xx', async () => {
    const { url } = await serve([restRoute('POST', '/orders', { responses: [{ statusCode: 200, responseTemplates: { 'application/json': OUTPUT_TEMPLATE } }] })]);
    const response = await post(`${url}/Prod/orders`, `{"name":"O'Brien"}`);
    // The template saw no status and no output: the error branch, with nothing written for them.
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: '', output: '' });
  });

  it('renders a FAILED execution, which has no output, through the response template', async () => {
    const workflows = fakeWorkflows((call) => {
      const { output: _output, ...failed } = outcomeOf(call, { status: 'FAILED', error: 'Order.Invalid', cause: 'no items' });
      return failed;
    });
    const { url } = await serve([restRoute('POST', '/orders')], workflows);
    const response = await post(`${url}/Prod/orders`, '{}');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'Order.Invalid', output: '' });
  });

  it("passes a refused start through as the service's error", async () => {
    const workflows = fakeWorkflows(() => {
      throw new WorkflowStartError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${ARN}'`);
    });
    const { url } = await serve([restRoute('POST', '/orders')], workflows);
    const response = await post(`${url}/Prod/orders`, '{}');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist',
      message: `State Machine Does Not Exist: '${ARN}'`,
    });
  });

  it('answers 400 in AWS words when a template reads a body that is not JSON', async () => {
    const { url } = await serve([restRoute('POST', '/orders')]);
    const response = await post(`${url}/Prod/orders`, '{not json');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/^Could not parse request body into json: Could not parse payload into json: /);
  });

  it('maps response parameters from literals, the service body and the context', async () => {
    const responses: IntegrationResponseConfig[] = [
      {
        statusCode: 201,
        responseParameters: {
          'method.response.header.X-Execution': 'integration.response.body.executionArn',
          'method.response.header.Cache-Control': "'no-store'",
          'method.response.header.X-Stage': 'context.stage',
        },
      },
    ];
    const { url } = await serve([restRoute('POST', '/orders', { responses })]);
    const response = await post(`${url}/Prod/orders`, '{}');
    expect(response.status).toBe(201);
    expect(response.headers.get('x-execution')).toMatch(/^arn:aws:states:.*:express:/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-stage')).toBe('Prod');
    // No template: the StartSyncExecution record passes through.
    expect(await response.json()).toMatchObject({ status: 'SUCCEEDED', output: '{}', startDate: expect.any(Number) });
  });

  it('gives templates $context, path parameters and stage variables', async () => {
    const template = `{"input": "{\\"id\\": \\"$input.params('id')\\", \\"stage\\": \\"$context.stage\\", \\"path\\": \\"$context.path\\", \\"resource\\": \\"$context.resourcePath\\", \\"table\\": \\"$stageVariables.table\\"}", "stateMachineArn": "${ARN}"}`;
    const { url, workflows } = await serve([restRoute('GET', '/orders/{id}', { requestTemplates: { 'application/json': template } })]);
    const response = await fetch(`${url}/Prod/orders/o-7`);
    expect(response.status).toBe(200);
    expect(JSON.parse(workflows.calls[0]?.inputText ?? '')).toEqual({ id: 'o-7', stage: 'Prod', path: '/Prod/orders/o-7', resource: '/orders/{id}', table: 'orders' });
  });

  it('refuses a content type without a template when passthrough is NEVER (415)', async () => {
    const { url } = await serve([restRoute('POST', '/orders', { passthroughBehavior: 'NEVER' })]);
    const response = await post(`${url}/Prod/orders`, 'a=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ message: 'Unsupported Media Type' });
  });

  it('passes the body through unmapped when no template matches (WHEN_NO_MATCH)', async () => {
    const { url, workflows } = await serve([restRoute('POST', '/orders')]);
    const response = await post(`${url}/Prod/orders`, JSON.stringify({ stateMachineArn: ARN, input: '{"raw":true}' }), { 'content-type': 'text/plain' });
    expect(response.status).toBe(200);
    expect(workflows.calls[0]?.inputText).toBe('{"raw":true}');
  });
});

describe("SAM's Api event integration (StartExecution)", () => {
  it('answers {executionArn, startDate} as Step Functions does', async () => {
    const { url, workflows } = await serve([
      restRoute('POST', '/start', { action: 'StartExecution', responses: [{ selectionPattern: '200', statusCode: 200 }, { selectionPattern: '400', statusCode: 400 }] }),
    ]);
    const response = await post(`${url}/Prod/start`, '{"a":1}');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['executionArn', 'startDate']);
    expect(typeof body.startDate).toBe('number');
    expect(workflows.calls[0]).toMatchObject({ kind: 'async', workflow: ARN, inputText: '{"a":1}' });
  });
});

describe('what a REST API answers for routes it does not have', () => {
  it('answers 403 Missing Authentication Token for an unknown resource or method', async () => {
    const { url } = await serve([restRoute('POST', '/orders')]);
    for (const [method, path] of [
      ['GET', '/Prod/nowhere'],
      ['GET', '/nowhere'],
      ['GET', '/Prod/orders'],
      ['DELETE', '/orders'],
    ] as const) {
      const response = await fetch(`${url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
      expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
    }
  });

  it('keeps 404 for paths of an HTTP API served beside it', async () => {
    const { url } = await serve([
      restRoute('POST', '/orders'),
      { method: 'GET', path: '/health', target: { kind: 'workflow', workflow: 'Echo', invocation: 'sync', request: { kind: 'default' }, response: { kind: 'default' } } },
    ]);
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${url}/Prod/elsewhere`)).status).toBe(403);
    expect((await fetch(`${url}/orders`)).status).toBe(403);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});

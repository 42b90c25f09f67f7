// Response mappings over real HTTP: default (status by error name, cause hiding), JSONata,
// raw (AWS's StartSyncExecution answer as it is), and async starts.
import { afterEach, describe, expect, it } from 'vitest';
import type { ResponseDefaults, ResponseMapping, RouteConfig } from '../app/application.js';
import type { FakeWorkflows, RunningGateway, WorkflowCall } from './gateway-test-kit.js';
import { fakeWorkflows, outcomeOf, startGateway, workflowRoute } from './gateway-test-kit.js';
import type { SyncOutcome } from './invokers.js';

const running: RunningGateway[] = [];

afterEach(async () => {
  for (const gateway of running.splice(0)) await gateway.close();
});

async function serve(routes: readonly RouteConfig[], workflows: FakeWorkflows, responseDefaults?: ResponseDefaults): Promise<RunningGateway> {
  const gateway = await startGateway({ routes, workflows, ...(responseDefaults === undefined ? {} : { responseDefaults }) });
  running.push(gateway);
  return gateway;
}

/** The workflow ends as the request's `?error=` and `?status=` say (FAILED with that error by default). */
function endingAsAsked(call: WorkflowCall): SyncOutcome {
  const query = (JSON.parse(call.inputText) as { queryStringParameters?: Record<string, string> }).queryStringParameters ?? {};
  if (query.status === undefined && query.error === undefined) return outcomeOf(call, { output: '{"id":"o-1","total":12.5}' });
  const status = (query.status ?? 'FAILED') as SyncOutcome['status'];
  const { output: _output, ...rest } = outcomeOf(call, { status, cause: 'at db.query (/srv/app/orders.js:12): password=hunter2' });
  return query.error === undefined ? rest : { ...rest, error: query.error };
}

async function call(url: string, query: string): Promise<{ status: number; body: unknown; type: string | null }> {
  const response = await fetch(`${url}/orders${query}`);
  return { status: response.status, body: await response.json(), type: response.headers.get('content-type') };
}

describe('default response mapping', () => {
  const response: ResponseMapping = { kind: 'default', errors: { 'Order.NotFound': 404, 'Validation.*': 422 } };
  const defaults: ResponseDefaults = { errors: { 'Validation.Failed': 400, 'Payment.*': 402, 'Payment.Declined.Hard': 403 } };

  it('answers SUCCEEDED with 200 and the output as it is', async () => {
    const { url } = await serve([workflowRoute('GET', '/orders', { response })], fakeWorkflows(endingAsAsked), defaults);
    const answer = await fetch(`${url}/orders`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(await answer.text()).toBe('{"id":"o-1","total":12.5}');
  });

  it("chooses a FAILED status from the route's table, then the project's, then the built-ins", async () => {
    const { url } = await serve([workflowRoute('GET', '/orders', { response })], fakeWorkflows(endingAsAsked), defaults);
    const statusOf = async (error: string) => (await call(url, `?error=${error}`)).status;
    expect(await statusOf('Order.NotFound')).toBe(404);
    // The route's pattern is asked before the project's exact name.
    expect(await statusOf('Validation.Failed')).toBe(422);
    expect(await statusOf('Payment.Declined')).toBe(402);
    expect(await statusOf('Payment.Declined.Hard')).toBe(403);
    expect(await statusOf('States.Timeout')).toBe(504);
    expect(await statusOf('States.TaskFailed')).toBe(500);
  });

  it('never sends the cause unless exposeCause allows it', async () => {
    const { url } = await serve([workflowRoute('GET', '/orders', { response })], fakeWorkflows(endingAsAsked), defaults);
    expect(await call(url, '?error=Order.NotFound')).toEqual({ status: 404, body: { error: 'Order.NotFound', message: 'Not Found' }, type: 'application/json' });
    // A Fail state without Error: no name to show.
    expect(await call(url, '?status=FAILED')).toMatchObject({ status: 500, body: { message: 'Internal Server Error' } });
    expect(await call(url, '?status=TIMED_OUT')).toMatchObject({ status: 504, body: { error: 'States.Timeout', message: 'Gateway Timeout' } });
    expect(await call(url, '?status=ABORTED&error=Flowgate.ServerShutdown')).toMatchObject({ status: 503 });
  });

  it('sends the cause as the message when the route or the project exposes it; the route decides first', async () => {
    const workflows = fakeWorkflows(endingAsAsked);
    const { url: routeExposes } = await serve([workflowRoute('GET', '/orders', { response: { kind: 'default', exposeCause: true } })], workflows);
    expect((await call(routeExposes, '?error=Boom')).body).toEqual({ error: 'Boom', message: 'at db.query (/srv/app/orders.js:12): password=hunter2' });
    const { url: projectExposes } = await serve([workflowRoute('GET', '/orders')], workflows, { exposeCause: true });
    expect((await call(projectExposes, '?error=Boom')).body).toMatchObject({ message: expect.stringContaining('hunter2') });
    const { url: routeHides } = await serve([workflowRoute('GET', '/orders', { response: { kind: 'default', exposeCause: false } })], workflows, { exposeCause: true });
    expect((await call(routeHides, '?error=Boom')).body).toEqual({ error: 'Boom', message: 'Internal Server Error' });
  });

  it('lets a table remap the execution time limit (TIMED_OUT is States.Timeout)', async () => {
    const { url } = await serve([workflowRoute('GET', '/orders', { response: { kind: 'default', errors: { 'States.Timeout': 503 } } })], fakeWorkflows(endingAsAsked));
    expect((await call(url, '?status=TIMED_OUT')).status).toBe(503);
  });
});

describe('JSONata response mapping', () => {
  const expression = `{%
    status = "SUCCEEDED"
      ? { "statusCode": 201, "headers": { "Location": "/orders/" & output.id, "X-Request": $request.requestContext.requestId }, "body": output }
      : { "statusCode": 409, "body": { "problem": error, "input": input.rawPath } }
  %}`;

  it('builds status, headers and body from the result and the request', async () => {
    const { url } = await serve([workflowRoute('GET', '/orders', { response: { kind: 'jsonata', expression } })], fakeWorkflows(endingAsAsked));
    const created = await fetch(`${url}/orders`);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/orders/o-1');
    expect(created.headers.get('x-request')).toBe(created.headers.get('apigw-requestid'));
    expect(await created.json()).toEqual({ id: 'o-1', total: 12.5 });
    expect(await call(url, '?error=Order.Conflict')).toEqual({ status: 409, body: { problem: 'Order.Conflict', input: '/orders' }, type: 'application/json' });
  });

  it('sends a string body as text, and answers 500 for a result that is not a response', async () => {
    const gateway = await serve(
      [
        workflowRoute('GET', '/text', { response: { kind: 'jsonata', expression: '{"body": "plain " & output.id}' } }),
        workflowRoute('GET', '/orders', { response: { kind: 'jsonata', expression: '"not an object"' } }),
      ],
      fakeWorkflows(endingAsAsked),
    );
    const text = await fetch(`${gateway.url}/text`);
    expect([text.status, text.headers.get('content-type'), await text.text()]).toEqual([200, 'text/plain; charset=utf-8', 'plain o-1']);
    expect(await call(gateway.url, '')).toMatchObject({ status: 500, body: { message: 'Internal Server Error' } });
    expect(gateway.errors).toHaveLength(1);
  });

  it('answers 500 rather than send a header that is not valid HTTP', async () => {
    const expression = '{"statusCode": 200, "headers": {"X-Evil": "a\\r\\nSet-Cookie: stolen=1"}, "body": "x"}';
    const gateway = await serve([workflowRoute('GET', '/orders', { response: { kind: 'jsonata', expression } })], fakeWorkflows(endingAsAsked));
    const response = await fetch(`${gateway.url}/orders`);
    expect([response.status, response.headers.get('set-cookie')]).toEqual([500, null]);
    expect(gateway.errors).toHaveLength(1);
  });
});

describe('raw response mapping', () => {
  it("answers 200 with StartSyncExecution's exact shape when the execution succeeds", async () => {
    const { url } = await serve([workflowRoute('GET', '/orders', { response: { kind: 'raw' } })], fakeWorkflows(endingAsAsked));
    const response = await fetch(`${url}/orders`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as Record<string, unknown>;
    const expected = outcomeOf({ workflow: 'Echo', inputText: '' });
    expect(Object.keys(body)).toEqual(['executionArn', 'stateMachineArn', 'name', 'startDate', 'stopDate', 'status', 'input', 'inputDetails', 'output', 'outputDetails', 'billingDetails']);
    expect(body).toMatchObject({
      executionArn: expected.executionArn,
      stateMachineArn: expected.stateMachineArn,
      name: 'run-1',
      startDate: expected.startDate / 1000,
      stopDate: (expected.startDate + 250) / 1000,
      status: 'SUCCEEDED',
      inputDetails: { included: true },
      output: '{"id":"o-1","total":12.5}',
      outputDetails: { included: true },
      billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 300 },
    });
    expect(JSON.parse(body.input as string)).toMatchObject({ version: '2.0', rawPath: '/orders' });
  });

  it('answers 200 for FAILED too, with error and cause and without output', async () => {
    const { url } = await serve([workflowRoute('GET', '/orders', { response: { kind: 'raw' } })], fakeWorkflows(endingAsAsked));
    const { status, body } = await call(url, '?error=Order.NotFound');
    expect(status).toBe(200);
    expect(Object.keys(body as object)).toEqual(['executionArn', 'stateMachineArn', 'name', 'startDate', 'stopDate', 'status', 'error', 'cause', 'input', 'inputDetails', 'outputDetails', 'billingDetails']);
    expect(body).toMatchObject({ status: 'FAILED', error: 'Order.NotFound', cause: expect.stringContaining('hunter2') });
  });
});

describe('async starts', () => {
  it('answers 202 by default and 200 in the raw mapping, with the execution ARN and start date', async () => {
    const workflows = fakeWorkflows();
    const { url } = await serve(
      [
        workflowRoute('POST', '/jobs', { invocation: 'async' }),
        workflowRoute('POST', '/raw-jobs', { invocation: 'async', response: { kind: 'raw' } }),
        workflowRoute('POST', '/mapped-jobs', { invocation: 'async', response: { kind: 'jsonata', expression: '{"statusCode": 202, "headers": {"Location": executionArn}}' } }),
      ],
      workflows,
    );
    const accepted = await fetch(`${url}/jobs`, { method: 'POST', body: '{}' });
    const body = { executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Echo:run-1:0f0e0d0c-0b0a-4908-8706-050403020100', startDate: outcomeOf({ workflow: 'Echo', inputText: '' }).startDate / 1000 };
    expect([accepted.status, await accepted.json()]).toEqual([202, body]);
    const raw = await fetch(`${url}/raw-jobs`, { method: 'POST', body: '{}' });
    expect([raw.status, await raw.json()]).toEqual([200, body]);
    const mapped = await fetch(`${url}/mapped-jobs`, { method: 'POST', body: '{}' });
    expect([mapped.status, mapped.headers.get('location'), await mapped.text()]).toEqual([202, body.executionArn, '']);
    expect(workflows.calls.map((entry) => entry.kind)).toEqual(['async', 'async', 'async']);
  });
});

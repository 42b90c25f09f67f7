// The gateway as an HTTP server: unknown routes, CORS, body limits, clients that go away,
// trace propagation, and routes replaced while requests are in flight.
import { afterEach, describe, expect, it } from 'vitest';
import type { CorsConfig, RouteConfig } from '../app/application.js';
import type { FakeWorkflows, RunningGateway, WorkflowCall } from './gateway-test-kit.js';
import { fakeFunctions, fakeWorkflows, outcomeOf, rawRequest, startGateway, workflowRoute } from './gateway-test-kit.js';
import type { SyncOutcome } from './invokers.js';
import { RouteConfigError } from './route-table.js';

const running: RunningGateway[] = [];

afterEach(async () => {
  for (const gateway of running.splice(0)) await gateway.close();
});

async function serve(routes: readonly RouteConfig[], workflows: FakeWorkflows = fakeWorkflows()): Promise<RunningGateway> {
  const gateway = await startGateway({ routes, workflows, functions: fakeFunctions(() => ({ payload: '{"statusCode":200,"headers":{"Access-Control-Allow-Origin":"*"},"body":"fn"}' })) });
  running.push(gateway);
  return gateway;
}

/** A promise and the means to settle it from outside. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

describe('routing answers', () => {
  it('answers an unknown route, or a known path with another method, 404 {"message":"Not Found"}', async () => {
    const { url } = await serve([workflowRoute('GET', '/orders')]);
    for (const [method, path] of [['GET', '/nothing'], ['DELETE', '/orders']] as const) {
      const response = await fetch(`${url}${path}`, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9=]{16}$/);
      expect(await response.json()).toEqual({ message: 'Not Found' });
    }
  });

  it('sends what no other route catches to $default', async () => {
    const workflows = fakeWorkflows();
    const { url } = await serve([workflowRoute('GET', '/orders'), workflowRoute('ANY', '$default', { workflow: 'Fallback' })], workflows);
    expect((await fetch(`${url}/anything/else`, { method: 'PATCH' })).status).toBe(200);
    expect(workflows.calls[0]?.workflow).toBe('Fallback');
    expect(JSON.parse(workflows.calls[0]?.inputText ?? '{}')).toMatchObject({ routeKey: '$default', rawPath: '/anything/else' });
  });
});

describe('CORS', () => {
  const cors: CorsConfig = { allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'POST'], allowHeaders: ['content-type', 'x-api-key'], exposeHeaders: ['x-total'], maxAge: 300, allowCredentials: true };
  const routes = [
    workflowRoute('POST', '/orders', { cors }),
    { method: 'GET', path: '/fn', cors: { allowOrigins: ['*'] }, target: { kind: 'function', function: 'f', payloadFormat: '2.0' } } satisfies RouteConfig,
    workflowRoute('POST', '/private'),
  ];
  const preflight = (url: string, path: string, origin: string) =>
    fetch(`${url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  it('answers preflights itself for an allowed origin, without an OPTIONS route', async () => {
    const workflows = fakeWorkflows();
    const { url } = await serve(routes, workflows);
    const response = await preflight(url, '/orders', 'https://app.example.com');
    expect(response.status).toBe(204);
    expect(Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'))).toEqual({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'content-type,x-api-key',
      'access-control-max-age': '300',
      vary: 'Origin',
    });
    expect(workflows.calls).toHaveLength(0);
  });

  it('gives a disallowed origin no permission, and routes normally where no CORS is configured', async () => {
    const { url } = await serve(routes);
    const denied = await preflight(url, '/orders', 'https://evil.example.com');
    expect(denied.status).toBe(204);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(url, '/private', 'https://app.example.com')).status).toBe(404);
  });

  it("adds the route's CORS headers to responses, replacing the integration's own", async () => {
    const { url } = await serve(routes);
    const response = await fetch(`${url}/orders`, { method: 'POST', headers: { origin: 'https://app.example.com' }, body: '{}' });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-total');
    const fn = await fetch(`${url}/fn`, { headers: { origin: 'https://other.example.com' } });
    expect(fn.headers.get('access-control-allow-origin')).toBe('*');
    const withoutOrigin = await fetch(`${url}/fn`);
    // The function said `*`, but CORS is the route's to configure: no Origin, no CORS headers.
    expect(withoutOrigin.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('request body limit', () => {
  it('answers a body over the route limit 413 {"message":"Request Entity Too Large"}, declared or streamed', async () => {
    const workflows = fakeWorkflows();
    const { url } = await serve([workflowRoute('POST', '/small', { maxBodyBytes: 16 })], workflows);
    expect((await fetch(`${url}/small`, { method: 'POST', body: 'x'.repeat(16) })).status).toBe(200);
    const declared = await fetch(`${url}/small`, { method: 'POST', body: 'x'.repeat(17) });
    expect([declared.status, await declared.json()]).toEqual([413, { message: 'Request Entity Too Large' }]);
    const streamed = await rawRequest(url, { method: 'POST', path: '/small', chunks: ['x'.repeat(10), 'x'.repeat(10)] });
    expect([streamed.status, JSON.parse(streamed.body)]).toEqual([413, { message: 'Request Entity Too Large' }]);
    expect(workflows.calls).toHaveLength(1);
  });
});

describe('clients that go away', () => {
  it('aborts the execution of a request whose client disconnects', async () => {
    const started = deferred<WorkflowCall>();
    const aborted = deferred<boolean>();
    const workflows = fakeWorkflows((call) => {
      started.resolve(call);
      return new Promise<SyncOutcome>((resolve) => {
        call.options.signal?.addEventListener('abort', () => {
          aborted.resolve(true);
          resolve(outcomeOf(call, { status: 'ABORTED' }));
        });
      });
    });
    const { url } = await serve([workflowRoute('GET', '/slow')], workflows);
    const client = new AbortController();
    const request = fetch(`${url}/slow`, { signal: client.signal }).catch((error: unknown) => error);
    const call = await started.promise;
    expect(call.options.signal?.aborted).toBe(false);
    client.abort();
    expect(await aborted.promise).toBe(true);
    expect(await request).toBeInstanceOf(Error);
  });
});

describe('trace propagation', () => {
  it('converts an incoming traceparent to an X-Ray header for the workflow and echoes it', async () => {
    const workflows = fakeWorkflows();
    const { url } = await serve([workflowRoute('GET', '/t')], workflows);
    const response = await fetch(`${url}/t`, { headers: { traceparent: '00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01' } });
    const header = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    expect(workflows.calls[0]?.options).toMatchObject({ traceHeader: header, traceparent: '00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01' });
    expect(response.headers.get('x-amzn-trace-id')).toBe(header);
  });

  it('carries an incoming X-Amzn-Trace-Id as it is, and starts a trace when none came', async () => {
    const workflows = fakeWorkflows();
    const { url } = await serve([workflowRoute('GET', '/t')], workflows);
    const header = 'Root=1-67891233-abcdef012345678912345678;Parent=463ac35c9f6413ad;Sampled=0';
    await fetch(`${url}/t`, { headers: { 'x-amzn-trace-id': header } });
    expect(workflows.calls[0]?.options).toMatchObject({ traceHeader: header, traceparent: '00-67891233abcdef012345678912345678-463ac35c9f6413ad-00' });
    const fresh = await fetch(`${url}/t`);
    const made = workflows.calls[1]?.options.traceHeader ?? '';
    expect(made).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1$/);
    expect(fresh.headers.get('x-amzn-trace-id')).toBe(made);
  });
});

describe('replacing routes', () => {
  it('lets a request in flight finish on the routes it matched while new requests use the new ones', async () => {
    const release = deferred<void>();
    const started = deferred<void>();
    const workflows = fakeWorkflows(async (call) => {
      if (call.workflow === 'Old') {
        started.resolve();
        await release.promise;
      }
      return outcomeOf(call, { output: JSON.stringify({ ranOn: call.workflow }) });
    });
    const { gateway, url } = await serve([workflowRoute('GET', '/orders', { workflow: 'Old', response: { kind: 'raw' } })], workflows);
    const inFlight = fetch(`${url}/orders`);
    await started.promise;
    gateway.setRoutes([workflowRoute('GET', '/orders', { workflow: 'New' }), workflowRoute('GET', '/added', { workflow: 'New' })]);
    const fresh = await fetch(`${url}/orders`);
    expect(await fresh.json()).toEqual({ ranOn: 'New' });
    expect((await fetch(`${url}/added`)).status).toBe(200);
    release.resolve();
    const old = await inFlight;
    // Still the old route's raw response mapping.
    expect(((await old.json()) as { output: string }).output).toBe('{"ranOn":"Old"}');
  });

  it('keeps the current routes when the new ones are invalid', async () => {
    const { gateway, url } = await serve([workflowRoute('GET', '/orders')]);
    expect(() => gateway.setRoutes([workflowRoute('GET', 'broken')])).toThrow(RouteConfigError);
    expect((await fetch(`${url}/orders`)).status).toBe(200);
  });
});

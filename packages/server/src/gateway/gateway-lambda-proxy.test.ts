// Lambda proxy routes over real HTTP: the events of payload formats 2.0 and 1.0 and how
// API Gateway reads each format's answer.
import { afterEach, describe, expect, it } from 'vitest';
import type { RouteConfig } from '../app/application.js';
import type { FakeFunctions, FunctionCall, RunningGateway } from './gateway-test-kit.js';
import { fakeFunctions, fakeWorkflows, rawRequest, startGateway } from './gateway-test-kit.js';
import type { FunctionResult } from './invokers.js';

const running: RunningGateway[] = [];

afterEach(async () => {
  for (const gateway of running.splice(0)) await gateway.close();
});

function functionRoute(path: string, payloadFormat: '1.0' | '2.0', method = 'ANY'): RouteConfig {
  return { method, path, target: { kind: 'function', function: 'handler', payloadFormat } };
}

/** The function answers what the request's `answer` query parameter holds (JSON text). */
const answering = (call: FunctionCall): FunctionResult => {
  const query = (call.event.queryStringParameters ?? {}) as Record<string, string>;
  return { payload: query.answer ?? 'null', ...(query.error === undefined ? {} : { functionError: query.error }) };
};

async function serve(routes: readonly RouteConfig[], functions: FakeFunctions = fakeFunctions(answering)): Promise<RunningGateway> {
  const gateway = await startGateway({ routes, workflows: fakeWorkflows(), functions });
  running.push(gateway);
  return gateway;
}

const ask = (url: string, answer: unknown, path = '/fn') => fetch(`${url}${path}?answer=${encodeURIComponent(JSON.stringify(answer))}`);

describe('payload format 2.0', () => {
  it('sends the event with the body as a string, and the trace', async () => {
    const functions = fakeFunctions(() => ({ payload: '{"statusCode":204}' }));
    const { url } = await serve([functionRoute('/items/{id}', '2.0', 'PUT')], functions);
    const response = await fetch(`${url}/items/9`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', traceparent: '00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(204);
    const call = functions.calls[0];
    expect(call?.functionName).toBe('handler');
    expect(call?.event).toMatchObject({ version: '2.0', routeKey: 'PUT /items/{id}', pathParameters: { id: '9' }, body: '{"a":1}', isBase64Encoded: false });
    expect(call?.options).toMatchObject({
      traceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
      traceparent: '00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01',
    });
  });

  it('reads an object with statusCode as the response: headers, cookies, base64 bodies', async () => {
    const { url } = await serve([functionRoute('/fn', '2.0')]);
    const response = await ask(url, {
      statusCode: 201,
      headers: { 'Content-Type': 'text/html', 'X-Custom': 'yes' },
      cookies: ['a=1; Path=/', 'b=2'],
      body: '<p>made</p>',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('x-custom')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect(await response.text()).toBe('<p>made</p>');
    const binary = await ask(url, { statusCode: 200, headers: { 'content-type': 'image/png' }, isBase64Encoded: true, body: 'iVBORw==' });
    expect([...new Uint8Array(await binary.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('infers 200 application/json for any other JSON, a string being the body itself', async () => {
    const { url } = await serve([functionRoute('/fn', '2.0')]);
    const object = await ask(url, { message: 'Hello from Lambda!' });
    expect([object.status, object.headers.get('content-type'), await object.text()]).toEqual([200, 'application/json', '{"message":"Hello from Lambda!"}']);
    const text = await ask(url, 'Hello from Lambda!');
    expect(await text.text()).toBe('Hello from Lambda!');
    const list = await ask(url, [1, 2]);
    expect(await list.json()).toEqual([1, 2]);
  });
});

describe('payload format 1.0', () => {
  it('sends the REST-style event', async () => {
    const functions = fakeFunctions(() => ({ payload: '{"statusCode":200,"body":"ok"}' }));
    const { url } = await serve([functionRoute('/v1/{proxy+}', '1.0')], functions);
    await rawRequest(url, { method: 'POST', path: '/v1/a/b?x=1&x=2', headers: [['X-Multi', 'one'], ['X-Multi', 'two']], chunks: ['hi'] });
    expect(functions.calls[0]?.event).toMatchObject({
      version: '1.0',
      resource: '/v1/{proxy+}',
      path: '/v1/a/b',
      httpMethod: 'POST',
      headers: { 'X-Multi': 'two' },
      multiValueHeaders: { 'X-Multi': ['one', 'two'] },
      queryStringParameters: { x: '2' },
      multiValueQueryStringParameters: { x: ['1', '2'] },
      pathParameters: { proxy: 'a/b' },
      stageVariables: null,
      body: 'hi',
      isBase64Encoded: false,
      requestContext: { httpMethod: 'POST', resourcePath: '/v1/{proxy+}', stage: '$default' },
    });
  });

  it('merges headers and multiValueHeaders of the response, and refuses an answer without statusCode', async () => {
    const gateway = await serve([functionRoute('/fn', '1.0')]);
    const response = await ask(gateway.url, { statusCode: 202, headers: { 'X-One': 'a' }, multiValueHeaders: { 'X-Many': ['b', 'c'] }, body: 'queued' });
    expect([response.status, response.headers.get('x-one'), response.headers.get('x-many'), await response.text()]).toEqual([202, 'a', 'b, c', 'queued']);
    const malformed = await ask(gateway.url, { message: 'no status' });
    expect([malformed.status, await malformed.json()]).toEqual([500, { message: 'Internal Server Error' }]);
    expect(String(gateway.errors[0])).toMatch(/malformed Lambda proxy response: format 1.0 needs a statusCode/);
  });
});

describe('failures', () => {
  it('answers a function error with 500 Internal Server Error, as HTTP APIs do', async () => {
    const gateway = await serve([functionRoute('/fn', '2.0')]);
    const response = await fetch(`${gateway.url}/fn?error=Unhandled&answer=${encodeURIComponent('{"errorType":"Error","errorMessage":"boom"}')}`);
    expect([response.status, await response.json()]).toEqual([500, { message: 'Internal Server Error' }]);
    expect(String(gateway.errors[0])).toMatch(/function 'handler' failed \(Unhandled\): .*boom/);
  });

  it('answers 500 when the function cannot be invoked at all', async () => {
    const functions = fakeFunctions(() => Promise.reject(new Error('Function not found: handler')));
    const gateway = await serve([functionRoute('/fn', '2.0')], functions);
    const response = await fetch(`${gateway.url}/fn`);
    expect([response.status, await response.json()]).toEqual([500, { message: 'Internal Server Error' }]);
    expect(gateway.errors).toHaveLength(1);
  });
});

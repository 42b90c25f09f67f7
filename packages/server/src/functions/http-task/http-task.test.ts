// The HTTP Task client against a real HTTP server on loopback.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Json } from '@flowgate/core';
import { TaskFailure } from '@flowgate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpTaskOptions } from './http-task.js';
import { invokeHttpTask } from './http-task.js';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const CONNECTION = 'arn:aws:events:us-east-1:123456789012:connection/local/0000';
let base = '';
let port = 0;

function route(request: IncomingMessage, response: ServerResponse, body: string): void {
  const seen: Seen = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
  const path = (request.url ?? '').split('?')[0];
  if (path === '/text') {
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Trace': 'one' });
    response.end('plain words');
  } else if (path === '/missing') {
    response.writeHead(404, 'Not Found', { 'Content-Type': 'application/json' });
    response.end('{"message":"no such order"}');
  } else if (path === '/image') {
    response.writeHead(200, { 'Content-Type': 'image/png' });
    response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  } else if (path === '/latin1') {
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    response.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  } else if (path === '/slow') {
    setTimeout(() => response.end('late'), 5_000).unref();
  } else {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(seen));
  }
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => route(request, response, Buffer.concat(chunks).toString('utf8')));
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function options(extra: Partial<HttpTaskOptions> = {}): HttpTaskOptions {
  return { allowedHosts: ['127.0.0.1'], connections: { [CONNECTION]: { authorization: { kind: 'none' } } }, ...extra };
}

function task(path: string, extra: Record<string, Json> = {}): Json {
  return { ApiEndpoint: `${base}${path}`, Method: 'GET', Authentication: { ConnectionArn: CONNECTION }, ...extra };
}

const signal = () => new AbortController().signal;

async function echo(parameters: Json, extra: Partial<HttpTaskOptions> = {}): Promise<Seen> {
  const result = (await invokeHttpTask(parameters, options(extra), signal())) as { ResponseBody: Seen };
  return result.ResponseBody;
}

async function failure(promise: Promise<unknown>): Promise<TaskFailure> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TaskFailure);
  return error as TaskFailure;
}

describe('HTTP Task', () => {
  it('GETs with query parameters and answers Headers, ResponseBody, StatusCode and StatusText', async () => {
    const result = (await invokeHttpTask(task('/echo?x=1', { QueryParameters: { q: 'a b&c', list: [1, true] } }), options(), signal())) as Record<string, Json>;
    expect(result.StatusCode).toBe(200);
    expect(result.StatusText).toBe('OK');
    expect(result.Headers).toMatchObject({ 'Content-Type': ['application/json'] });
    const seen = result.ResponseBody as unknown as Seen;
    expect(seen.method).toBe('GET');
    expect(seen.url).toBe('/echo?x=1&q=a%20b%26c&list=1&list=true');
    expect(seen.headers['user-agent']).toBe('Amazon|StepFunctions|HttpInvoke|us-east-1');
    expect(seen.headers.range).toBe('bytes=0-262144');
    expect(seen.body).toBe('');
  });

  it('POSTs a JSON body with the task headers', async () => {
    const seen = await echo(task('/echo', { Method: 'POST', Headers: { 'X-Order': 42, Accept: 'application/json' }, RequestBody: { order: { id: 'é' } } }), {
      region: 'eu-west-1',
    });
    expect(seen.method).toBe('POST');
    expect(JSON.parse(seen.body)).toEqual({ order: { id: 'é' } });
    expect(seen.headers).toMatchObject({
      'content-type': 'application/json; charset=UTF-8',
      'x-order': '42',
      accept: 'application/json',
      'user-agent': 'Amazon|StepFunctions|HttpInvoke|eu-west-1',
    });
  });

  it.each([
    ['INDICES', 'array%5B0%5D=a&array%5B1%5D=b%2Cc&meta%5Bk%5D=v%20w&n=1'],
    ['BRACKETS', 'array%5B%5D=a&array%5B%5D=b%2Cc&meta%5Bk%5D=v%20w&n=1'],
    ['REPEAT', 'array=a&array=b%2Cc&meta%5Bk%5D=v%20w&n=1'],
    ['COMMAS', 'array=a,b%2Cc&meta%5Bk%5D=v%20w&n=1'],
  ])('URL-encodes the body with ArrayFormat %s', async (format, expected) => {
    const seen = await echo(
      task('/echo', {
        Method: 'POST',
        Headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        RequestBody: { array: ['a', 'b,c'], meta: { k: 'v w' }, n: 1 },
        Transform: { RequestBodyEncoding: 'URL_ENCODED', RequestEncodingOptions: { ArrayFormat: format } },
      }),
    );
    expect(seen.body).toBe(expected);
    expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('uses INDICES and the form content type when the task names neither', async () => {
    const seen = await echo(task('/echo', { Method: 'PUT', RequestBody: { a: ['x'] }, Transform: { RequestBodyEncoding: 'URL_ENCODED' } }));
    expect(seen.body).toBe('a%5B0%5D=x');
    expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const raw = await echo(task('/echo', { Method: 'POST', RequestBody: 'a=1&b=2', Transform: { RequestBodyEncoding: 'URL_ENCODED' } }));
    expect(raw.body).toBe('a=1&b=2');
    expect(raw.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('merges the connection: its headers, query and body parameters win, and it authorizes', async () => {
    const connections = {
      [CONNECTION]: {
        authorization: { kind: 'apiKey', name: 'x-api-key', value: 'secret' },
        headers: { 'Header-Param': 'connection' },
        queryParameters: { QueryParam: 'connection' },
        bodyParameters: { BodyParam: 'connection' },
      },
    } as const;
    const seen = await echo(
      task('/echo?QueryParam=url&from=url', {
        Method: 'POST',
        Headers: { 'header-param': 'task', 'Request-Id': 'r1' },
        QueryParameters: { QueryParam: 'task', keep: 'yes' },
        RequestBody: { Job: 'Engineer', BodyParam: 'task' },
      }),
      { connections },
    );
    expect(seen.url).toBe('/echo?from=url&keep=yes&QueryParam=connection');
    expect(seen.headers).toMatchObject({ 'header-param': 'connection', 'request-id': 'r1', 'x-api-key': 'secret' });
    expect(JSON.parse(seen.body)).toEqual({ Job: 'Engineer', BodyParam: 'connection' });

    const basic = await echo(task('/echo'), { connections: { [CONNECTION]: { authorization: { kind: 'basic', username: 'u', password: 'p:w' } } } });
    expect(basic.headers.authorization).toBe(`Basic ${Buffer.from('u:p:w').toString('base64')}`);
  });

  it('keeps text responses as strings', async () => {
    const result = (await invokeHttpTask(task('/text'), options(), signal())) as Record<string, Json>;
    expect(result.ResponseBody).toBe('plain words');
    expect(result.Headers).toMatchObject({ 'X-Trace': ['one'] });
  });

  it('fails a 404 with States.Http.StatusCode.404 and the response as cause', async () => {
    const error = await failure(invokeHttpTask(task('/missing'), options(), signal()));
    expect(error.error).toBe('States.Http.StatusCode.404');
    expect(JSON.parse(error.cause ?? '')).toMatchObject({ StatusCode: 404, StatusText: 'Not Found', ResponseBody: { message: 'no such order' } });
  });

  it('fails with States.Http.Socket when nothing listens', async () => {
    const idle = createServer();
    await new Promise<void>((resolve) => idle.listen(0, '127.0.0.1', resolve));
    const closedPort = (idle.address() as AddressInfo).port;
    await new Promise((resolve) => idle.close(resolve));
    const error = await failure(invokeHttpTask(task('/echo', { ApiEndpoint: `http://127.0.0.1:${closedPort}/x` }), options(), signal()));
    expect(error.error).toBe('States.Http.Socket');
    expect(error.cause).toMatch(/ECONNREFUSED/);
  });

  it('fails with States.Http.Socket when the API takes longer than the limit', async () => {
    const error = await failure(invokeHttpTask(task('/slow'), options({ timeoutMs: 200 }), signal()));
    expect(error).toMatchObject({ error: 'States.Http.Socket', cause: `The HTTP request to ${base} timed out after 0.2 seconds.` });
  });

  it('stops at once when the caller aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('execution stopped')), 100);
    await expect(invokeHttpTask(task('/slow'), options(), controller.signal)).rejects.toThrow('execution stopped');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('refuses hosts outside the allowed list and plain http beyond this machine', async () => {
    const denied = await failure(invokeHttpTask(task('/echo'), options({ allowedHosts: ['localhost', '*.example.com'] }), signal()));
    expect(denied.error).toBe('States.Permissions');
    expect(denied.cause).toContain(`127.0.0.1:${port}`);
    const plain = await failure(invokeHttpTask(task('/', { ApiEndpoint: 'http://api.example.com/' }), options({ allowedHosts: ['*'] }), signal()));
    expect(plain.error).toBe('States.Runtime');
  });

  it('names an unknown connection Events.ConnectionResource.ResourceNotFound', async () => {
    const error = await failure(invokeHttpTask(task('/echo', { Authentication: { ConnectionArn: 'arn:aws:events:us-east-1:1:connection/none/1' } }), options(), signal()));
    expect(error.error).toBe('Events.ConnectionResource.ResourceNotFound');
  });

  it.each([
    ['a forbidden header', { Headers: { 'X-Amz-Date': 'now' } }],
    ['a method AWS does not offer', { Method: 'TRACE' }],
    ['a missing connection', { Authentication: {} }],
    ['an unknown array format', { RequestBody: {}, Transform: { RequestBodyEncoding: 'URL_ENCODED', RequestEncodingOptions: { ArrayFormat: 'DOTS' } } }],
  ])('fails %s with States.Runtime', async (_label, extra) => {
    expect((await failure(invokeHttpTask(task('/echo', extra as Record<string, Json>), options(), signal()))).error).toBe('States.Runtime');
  });

  it('fails with States.Runtime when a string body meets connection body parameters', async () => {
    const connections = { [CONNECTION]: { authorization: { kind: 'none' }, bodyParameters: { a: 'b' } } } as const;
    const error = await failure(invokeHttpTask(task('/echo', { Method: 'POST', RequestBody: 'raw' }), options({ connections }), signal()));
    expect(error.error).toBe('States.Runtime');
  });

  it('fails binary and undecodable responses with States.Runtime', async () => {
    expect((await failure(invokeHttpTask(task('/image'), options(), signal()))).error).toBe('States.Runtime');
    expect((await failure(invokeHttpTask(task('/latin1'), options(), signal()))).error).toBe('States.Runtime');
  });
});

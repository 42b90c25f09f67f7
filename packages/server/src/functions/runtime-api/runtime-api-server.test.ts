/**
 * The Runtime API's answers to a runtime, over a real socket. Expected codes and documents
 * come from the Runtime Interface Emulator (`lambda/rapi/rendering`, `lambda/core/states.go`).
 */
import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { RuntimeAnswer, RuntimeApiEndpoint, RuntimeEvent } from './runtime-api-server.js';
import { startRuntimeApiEndpoint } from './runtime-api-server.js';
import { MAX_RESPONSE_BYTES } from '../platform-errors.js';

interface Recorded {
  readonly endpoint: RuntimeApiEndpoint;
  readonly calls: string[];
  readonly answers: Array<{ requestId: string; answer: RuntimeAnswer }>;
  readonly initErrors: Array<{ body: string; errorType: string | undefined }>;
  url(path: string): string;
}

const open: RuntimeApiEndpoint[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((endpoint) => endpoint.close()));
});

async function endpoint(): Promise<Recorded> {
  const calls: string[] = [];
  const answers: Recorded['answers'] = [];
  const initErrors: Recorded['initErrors'] = [];
  const started = await startRuntimeApiEndpoint({
    next: () => calls.push('next'),
    delivered: (requestId) => calls.push(`delivered ${requestId}`),
    answered: (requestId, answer) => answers.push({ requestId, answer }),
    initError: (body, errorType) => initErrors.push({ body, errorType }),
  });
  open.push(started);
  return { endpoint: started, calls, answers, initErrors, url: (path) => `http://${started.address}/2018-06-01/runtime/${path}` };
}

const EVENT: RuntimeEvent = {
  requestId: '8476a536-e9f4-11e8-9739-2dfe598c3fcd',
  payload: '{"order":42}',
  timeoutMs: 3000,
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:under-test',
  traceHeader: 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1',
};

const post = (url: string, body: string, headers: Record<string, string> = {}): Promise<Response> => fetch(url, { method: 'POST', body, headers });

describe('Lambda Runtime API endpoint', () => {
  it('listens on an ephemeral port of 127.0.0.1', async () => {
    const { endpoint: started } = await endpoint();
    expect(started.address).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('holds /next until an invocation comes, then hands it over with Lambda headers', async () => {
    const api = await endpoint();
    const next = fetch(api.url('invocation/next'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.calls).toEqual(['next']);
    const before = Date.now();
    api.endpoint.offer(EVENT);
    const response = await next;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"order":42}');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('lambda-runtime-aws-request-id')).toBe(EVENT.requestId);
    expect(response.headers.get('lambda-runtime-invoked-function-arn')).toBe(EVENT.invokedFunctionArn);
    expect(response.headers.get('lambda-runtime-trace-id')).toBe(EVENT.traceHeader);
    const deadline = Number(response.headers.get('lambda-runtime-deadline-ms'));
    expect(deadline).toBeGreaterThanOrEqual(before + 3000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 3000);
    expect(api.calls).toEqual(['next', `delivered ${EVENT.requestId}`]);
  });

  it("sends the client context as its JSON's UTF-8 bytes", async () => {
    const api = await endpoint();
    api.endpoint.offer({ ...EVENT, clientContext: '{"custom":{"é":1}}' });
    // node:http keeps header bytes as latin1 characters, so the bytes on the wire can be read back.
    const header = await new Promise<string>((resolve, reject) => {
      get(api.url('invocation/next'), (response) => {
        response.resume();
        resolve(String(response.headers['lambda-runtime-client-context']));
      }).once('error', reject);
    });
    expect(Buffer.from(header, 'latin1').toString('utf8')).toBe('{"custom":{"é":1}}');
  });

  it('leaves out the trace and client context headers when there are none', async () => {
    const api = await endpoint();
    api.endpoint.offer({ requestId: 'r1', payload: '{}', timeoutMs: 1000, invokedFunctionArn: EVENT.invokedFunctionArn });
    const response = await fetch(api.url('invocation/next'));
    expect(response.headers.has('lambda-runtime-trace-id')).toBe(false);
    expect(response.headers.has('lambda-runtime-client-context')).toBe(false);
  });

  it('accepts the answer with 202 and refuses a second one with 403', async () => {
    const api = await endpoint();
    api.endpoint.offer(EVENT);
    await (await fetch(api.url('invocation/next'))).text();
    const accepted = await post(api.url(`invocation/${EVENT.requestId}/response`), '{"ok":true}');
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ status: 'OK' });
    expect(api.answers).toEqual([{ requestId: EVENT.requestId, answer: { kind: 'response', body: '{"ok":true}' } }]);
    const again = await post(api.url(`invocation/${EVENT.requestId}/error`), '{}');
    expect(again.status).toBe(403);
    expect(await again.json()).toEqual({
      errorType: 'InvalidStateTransition',
      errorMessage: 'State transition from RuntimeResponseSentState to InvocationErrorResponse failed for runtime. Error: State transition is not allowed',
    });
  });

  it("passes a function error on with the runtime's error type", async () => {
    const api = await endpoint();
    api.endpoint.offer(EVENT);
    await (await fetch(api.url('invocation/next'))).text();
    const body = '{"errorMessage":"boom","errorType":"CustomError","stackTrace":[]}';
    const accepted = await post(api.url(`invocation/${EVENT.requestId}/error`), body, { 'Lambda-Runtime-Function-Error-Type': 'Unhandled' });
    expect(accepted.status).toBe(202);
    expect(api.answers).toEqual([{ requestId: EVENT.requestId, answer: { kind: 'error', body, errorType: 'Unhandled' } }]);
  });

  it('answers 400 InvalidRequestID for a request id that is not the current invocation', async () => {
    const api = await endpoint();
    api.endpoint.offer(EVENT);
    await (await fetch(api.url('invocation/next'))).text();
    const wrong = await post(api.url('invocation/not-this-one/response'), '{}');
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
    expect(api.answers).toEqual([]);
  });

  it('answers 403 to a response before the runtime asked for an invocation', async () => {
    const api = await endpoint();
    const early = await post(api.url(`invocation/${EVENT.requestId}/response`), '{}');
    expect(early.status).toBe(403);
    expect(await early.json()).toEqual({
      errorType: 'InvalidStateTransition',
      errorMessage: 'State transition from Started to InvocationResponse failed for runtime. Error: State transition is not allowed',
    });
  });

  it('accepts an init error during init only', async () => {
    const api = await endpoint();
    const body = '{"errorMessage":"no config","errorType":"InitFailed"}';
    const accepted = await post(api.url('init/error'), body, { 'Lambda-Runtime-Function-Error-Type': 'Runtime.InitError' });
    expect(accepted.status).toBe(202);
    expect(api.initErrors).toEqual([{ body, errorType: 'Runtime.InitError' }]);
    expect((await fetch(api.url('invocation/next'))).status).toBe(403);

    const later = await endpoint();
    later.endpoint.offer(EVENT);
    await (await fetch(later.url('invocation/next'))).text();
    const refused = await post(later.url('init/error'), body);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errorMessage: string }).errorMessage).toBe(
      'State transition from Ready to InitError failed for runtime. Error: State transition is not allowed',
    );
  });

  it('answers 413 to a response over 6 MB and reports its size', async () => {
    const api = await endpoint();
    api.endpoint.offer(EVENT);
    await (await fetch(api.url('invocation/next'))).text();
    const tooLarge = await post(api.url(`invocation/${EVENT.requestId}/response`), 'x'.repeat(MAX_RESPONSE_BYTES + 1));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ errorMessage: 'Exceeded maximum allowed payload size (6291556 bytes).', errorType: 'RequestEntityTooLarge' });
    expect(api.answers).toEqual([{ requestId: EVENT.requestId, answer: { kind: 'oversized', bytes: MAX_RESPONSE_BYTES + 1 } }]);
  });

  it('answers 404 to unknown paths and 405 to wrong methods', async () => {
    const api = await endpoint();
    expect((await fetch(api.url('invocation/unknown'))).status).toBe(404);
    expect((await fetch(`http://${api.endpoint.address}/2020-01-01/extension/register`)).status).toBe(404);
    const wrongMethod = await post(api.url('invocation/next'), '');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('hands the same invocation again to a repeated /next, and takes back one not yet handed over', async () => {
    const api = await endpoint();
    api.endpoint.offer(EVENT);
    await (await fetch(api.url('invocation/next'))).text();
    const repeated = await fetch(api.url('invocation/next'));
    expect(repeated.headers.get('lambda-runtime-aws-request-id')).toBe(EVENT.requestId);
    expect(api.endpoint.withdraw()).toBe(false);

    const idle = await endpoint();
    idle.endpoint.offer(EVENT);
    expect(idle.endpoint.withdraw()).toBe(true);
    const controller = new AbortController();
    const waiting = fetch(idle.url('invocation/next'), { signal: controller.signal }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await waiting).toBe('aborted');
    expect(idle.calls).toEqual(['next']);
  });
});

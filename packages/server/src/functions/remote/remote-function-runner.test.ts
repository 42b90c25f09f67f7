// The remote runner against a local Lambda Invoke API (the fake in test-fixtures, standing in
// for `sam local start-lambda`) over a real loopback socket.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { FakeFunction } from '../../../test-fixtures/functions/remote/fake-invoke-api.mjs';
import { startFakeInvokeApi, SUITE_FUNCTIONS } from '../../../test-fixtures/functions/remote/fake-invoke-api.mjs';
import type { FunctionDefinition, InvocationRequest } from '../function-runner.js';
import { LambdaServiceError } from '../function-runner.js';
import { describeFunctionRunner } from '../function-runner.suite.js';
import { createRemoteFunctionRunner } from './remote-function-runner.js';

const SUITE: Record<string, FakeFunction> = {
  echo: { module: SUITE_FUNCTIONS, exportName: 'echo', timeoutSeconds: 5, environment: { FLOWGATE_TEST_VALUE: 'from-config' } },
  throws: { module: SUITE_FUNCTIONS, exportName: 'throws', timeoutSeconds: 5 },
  sleeps: { module: SUITE_FUNCTIONS, exportName: 'sleeps', timeoutSeconds: 1 },
  loops: { module: SUITE_FUNCTIONS, exportName: 'loops', timeoutSeconds: 1 },
  exits: { module: SUITE_FUNCTIONS, exportName: 'exits', timeoutSeconds: 5 },
};

const lambda = await startFakeInvokeApi({ functions: SUITE });
afterAll(() => lambda.close());

function remote(name: string, endpoint: string, timeoutSeconds: number, extra: Partial<FunctionDefinition> = {}): FunctionDefinition {
  return { name, kind: 'remote', endpoint, timeoutSeconds, memoryMb: 128, ...extra };
}

describeFunctionRunner('remote Lambda Invoke API', (definition) => createRemoteFunctionRunner(definition), {
  echo: () => remote('echo', lambda.endpoint, 5),
  throws: () => remote('throws', lambda.endpoint, 5),
  sleeps: () => remote('sleeps', lambda.endpoint, 1),
  loops: () => remote('loops', lambda.endpoint, 1),
  exits: () => remote('exits', lambda.endpoint, 5),
});

function call(payload: unknown, extra: Partial<InvocationRequest> = {}): InvocationRequest {
  return {
    payload: JSON.stringify(payload),
    requestId: randomUUID(),
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:local-name',
    signal: new AbortController().signal,
    ...extra,
  };
}

async function serviceError(promise: Promise<unknown>): Promise<LambdaServiceError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LambdaServiceError);
  return error as LambdaServiceError;
}

describe('remote runner: Lambda Invoke API over HTTP', () => {
  it('sends the event with the Invoke API headers, the trace header and the client context', async () => {
    const seen: unknown[] = [];
    const api = await startFakeInvokeApi({
      functions: { recorder: { handler: (_event, context) => (seen.push(context.clientContext), { traceId: context.env._X_AMZN_TRACE_ID }) } },
    });
    const runner = createRemoteFunctionRunner(remote('local-name', api.endpoint, 3, { remoteName: 'recorder' }));
    try {
      const clientContext = Buffer.from(JSON.stringify({ custom: { tenant: 'a' } })).toString('base64');
      const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';
      const request = call({ n: 1 }, { traceHeader: trace, clientContext });
      const outcome = await runner.invoke(request);
      expect(JSON.parse(outcome.payload)).toEqual({ traceId: trace });
      expect(seen).toEqual([{ custom: { tenant: 'a' } }]);
      const [sent] = api.requests;
      expect(sent?.functionName).toBe('recorder');
      expect(sent?.payload).toBe('{"n":1}');
      expect(sent?.headers).toMatchObject({
        'content-type': 'application/json',
        'x-amz-invocation-type': 'RequestResponse',
        'x-amz-log-type': 'None',
        'x-amz-client-context': clientContext,
        'x-amzn-trace-id': trace,
        'x-flowgate-request-id': request.requestId,
        'x-flowgate-invoked-function-arn': request.invokedFunctionArn,
      });
      expect(sent?.headers.authorization).toBeUndefined();
    } finally {
      await runner.close();
      await api.close();
    }
  });

  it('reports an unknown function as ResourceNotFoundException, from Lambda and from sam alike', async () => {
    const sam = await startFakeInvokeApi({ functions: {}, style: 'sam' });
    try {
      for (const [endpoint, arn] of [
        [lambda.endpoint, 'arn:aws:lambda:us-east-1:123456789012:function:nope:$LATEST'],
        [sam.endpoint, 'arn:aws:lambda:us-west-2:012345678901:function:nope'],
      ] as const) {
        const runner = createRemoteFunctionRunner(remote('nope', endpoint, 3));
        const error = await serviceError(runner.invoke(call({})));
        expect(error).toMatchObject({ errorCode: 'ResourceNotFoundException', statusCode: 404, message: `Function not found: ${arn}` });
        await runner.close();
      }
    } finally {
      await sam.close();
    }
  });

  it("passes on the endpoint's throttling as TooManyRequestsException", async () => {
    const api = await startFakeInvokeApi({
      functions: { busy: { handler: () => new Promise((resolve) => setTimeout(resolve, 300)), reservedConcurrency: 1 } },
    });
    const runner = createRemoteFunctionRunner(remote('busy', api.endpoint, 3));
    try {
      const first = runner.invoke(call({}));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const error = await serviceError(runner.invoke(call({})));
      expect(error).toMatchObject({ errorCode: 'TooManyRequestsException', statusCode: 429, message: 'Rate Exceeded.' });
      expect((await first).functionError).toBeUndefined();
    } finally {
      await runner.close();
      await api.close();
    }
  });

  it('refuses invocations beyond maxConcurrency without calling the endpoint', async () => {
    const api = await startFakeInvokeApi({ functions: { slow: { handler: () => new Promise((resolve) => setTimeout(() => resolve('done'), 200)) } } });
    const runner = createRemoteFunctionRunner(remote('slow', api.endpoint, 3, { maxConcurrency: 1 }));
    try {
      const first = runner.invoke(call({}));
      const error = await serviceError(runner.invoke(call({})));
      expect(error).toMatchObject({ errorCode: 'TooManyRequestsException', statusCode: 429 });
      expect((await first).payload).toBe('"done"');
      expect(api.requests).toHaveLength(1);
      expect((await runner.invoke(call({}))).payload).toBe('"done"');
    } finally {
      await runner.close();
      await api.close();
    }
  });

  it('reports an endpoint that does not answer as SdkClientException', async () => {
    const closed = await startFakeInvokeApi({ functions: {} });
    await closed.close();
    const runner = createRemoteFunctionRunner(remote('gone', closed.endpoint, 3));
    const error = await serviceError(runner.invoke(call({})));
    expect(error.errorCode).toBe('SdkClientException');
    expect(error.statusCode).toBe(0);
    expect(error.message).toMatch(/ECONNREFUSED/);
    await runner.close();
  });

  it('answers Sandbox.Timedout itself when the endpoint stays silent past the timeout', async () => {
    const api = await startFakeInvokeApi({ functions: { silent: { module: SUITE_FUNCTIONS, exportName: 'sleeps', timeoutSeconds: 1, enforceTimeout: false } } });
    const runner = createRemoteFunctionRunner(remote('silent', api.endpoint, 1), { timeoutMarginMs: 300 });
    try {
      const request = call({});
      const started = Date.now();
      const outcome = await runner.invoke(request);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1250);
      expect(outcome.functionError).toBe('Unhandled');
      expect(JSON.parse(outcome.payload)).toEqual({
        errorType: 'Sandbox.Timedout',
        errorMessage: `RequestId: ${request.requestId} Error: Task timed out after 1.00 seconds`,
      });
    } finally {
      await runner.close();
      await api.close();
    }
  });

  it('returns the log tail when asked and the executed version the endpoint names', async () => {
    const api = await startFakeInvokeApi({ functions: { logs: { module: SUITE_FUNCTIONS, exportName: 'logs', version: '7' } } });
    const runner = createRemoteFunctionRunner(remote('logs', api.endpoint, 3), { logTail: true });
    try {
      const request = call({ id: 9 });
      const outcome = await runner.invoke(request);
      expect(outcome).toMatchObject({ payload: '"logged"', executedVersion: '7' });
      expect(outcome.logTail).toContain(`START RequestId: ${request.requestId}`);
      expect(outcome.logTail).toContain('handling {"id":9}');
      expect(api.requests[0]?.headers['x-amz-log-type']).toBe('Tail');
    } finally {
      await runner.close();
      await api.close();
    }
  });

  it("flags sam's function errors, which it always marks Unhandled", async () => {
    const sam = await startFakeInvokeApi({ functions: { throws: { module: SUITE_FUNCTIONS, exportName: 'throws' } }, style: 'sam' });
    const runner = createRemoteFunctionRunner(remote('throws', sam.endpoint, 3));
    try {
      const outcome = await runner.invoke(call({}));
      expect(outcome.functionError).toBe('Unhandled');
      expect(outcome.executedVersion).toBe('$LATEST');
      expect(JSON.parse(outcome.payload)).toMatchObject({ errorType: 'CustomError', errorMessage: 'boom' });
    } finally {
      await runner.close();
      await sam.close();
    }
  });

  it('answers a response over 6 MB as Function.ResponseSizeTooLarge', async () => {
    const api = await startFakeInvokeApi({ functions: { big: { handler: () => 'x'.repeat(6_400_000) } } });
    const runner = createRemoteFunctionRunner(remote('big', api.endpoint, 3));
    try {
      const outcome = await runner.invoke(call({}));
      expect(outcome.functionError).toBe('Unhandled');
      expect(JSON.parse(outcome.payload)).toMatchObject({ errorType: 'Function.ResponseSizeTooLarge' });
    } finally {
      await runner.close();
      await api.close();
    }
  });

  it('rejects with the abort reason when the caller has already given up', async () => {
    const runner = createRemoteFunctionRunner(remote('echo', lambda.endpoint, 5));
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(runner.invoke(call({}, { signal: controller.signal }))).rejects.toThrow('stopped');
    await runner.close();
  });

  it('refuses a definition without an endpoint', () => {
    expect(() => createRemoteFunctionRunner({ name: 'x', kind: 'remote', timeoutSeconds: 3, memoryMb: 128 })).toThrow(/no endpoint/);
  });
});

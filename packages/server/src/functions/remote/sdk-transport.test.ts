// The `endpoint: 'aws'` path: the real @aws-sdk/client-lambda, pointed at the local fake
// Invoke API with static credentials in place of the default chain, so the SDK's signing,
// serialisation and error parsing run as they would against AWS Lambda.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { FakeFunction } from '../../../test-fixtures/functions/remote/fake-invoke-api.mjs';
import { startFakeInvokeApi, SUITE_FUNCTIONS } from '../../../test-fixtures/functions/remote/fake-invoke-api.mjs';
import type { FunctionDefinition, InvocationRequest } from '../function-runner.js';
import { LambdaServiceError } from '../function-runner.js';
import { describeFunctionRunner } from '../function-runner.suite.js';
import type { RemoteRunnerOptions } from './remote-function-runner.js';
import { createRemoteFunctionRunner } from './remote-function-runner.js';

const SUITE: Record<string, FakeFunction> = {
  echo: { module: SUITE_FUNCTIONS, exportName: 'echo', timeoutSeconds: 5, environment: { FLOWGATE_TEST_VALUE: 'from-config' } },
  throws: { module: SUITE_FUNCTIONS, exportName: 'throws', timeoutSeconds: 5 },
  sleeps: { module: SUITE_FUNCTIONS, exportName: 'sleeps', timeoutSeconds: 1 },
  loops: { module: SUITE_FUNCTIONS, exportName: 'loops', timeoutSeconds: 1 },
  exits: { module: SUITE_FUNCTIONS, exportName: 'exits', timeoutSeconds: 5 },
  logs: { module: SUITE_FUNCTIONS, exportName: 'logs' },
  busy: { handler: () => new Promise((resolve) => setTimeout(resolve, 300)), reservedConcurrency: 1 },
};

const lambda = await startFakeInvokeApi({ functions: SUITE, region: 'eu-west-1' });
afterAll(() => lambda.close());

const options: RemoteRunnerOptions = {
  aws: { endpoint: lambda.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'AKIDFLOWGATETEST', secretAccessKey: 'not-a-secret' } },
};

function aws(name: string, timeoutSeconds: number): FunctionDefinition {
  return { name, kind: 'remote', endpoint: 'aws', timeoutSeconds, memoryMb: 128 };
}

describeFunctionRunner('AWS Lambda through the AWS SDK', (definition) => createRemoteFunctionRunner(definition, options), {
  echo: () => aws('echo', 5),
  throws: () => aws('throws', 5),
  sleeps: () => aws('sleeps', 1),
  loops: () => aws('loops', 1),
  exits: () => aws('exits', 5),
});

function call(extra: Partial<InvocationRequest> = {}): InvocationRequest {
  return {
    payload: '{"k":"v"}',
    requestId: randomUUID(),
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:local-name',
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

describe('remote runner: AWS SDK path', () => {
  it('signs with the given credentials, sends the trace header and asks for the log tail', async () => {
    const runner = createRemoteFunctionRunner(aws('logs', 3), options);
    try {
      const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';
      const clientContext = Buffer.from('{"custom":{}}').toString('base64');
      const request = call({ traceHeader: trace, clientContext });
      const before = lambda.requests.length;
      const outcome = await runner.invoke(request);
      expect(outcome).toMatchObject({ payload: '"logged"', executedVersion: '$LATEST' });
      expect(outcome.logTail).toContain('handling {"k":"v"}');
      const sent = lambda.requests[before];
      expect(sent?.functionName).toBe('logs');
      expect(String(sent?.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDFLOWGATETEST\/\d{8}\/eu-west-1\/lambda\/aws4_request/);
      expect(sent?.headers).toMatchObject({
        'x-amz-invocation-type': 'RequestResponse',
        'x-amz-log-type': 'Tail',
        'x-amz-client-context': clientContext,
        'x-amzn-trace-id': trace,
        'x-flowgate-request-id': request.requestId,
      });
    } finally {
      await runner.close();
    }
  });

  it("maps the SDK's exceptions to service errors named after Lambda's exceptions", async () => {
    const missing = createRemoteFunctionRunner(aws('nope', 3), options);
    const busy = createRemoteFunctionRunner(aws('busy', 3), options);
    try {
      expect(await serviceError(missing.invoke(call()))).toMatchObject({
        errorCode: 'ResourceNotFoundException',
        statusCode: 404,
        message: 'Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nope:$LATEST',
      });
      const first = busy.invoke(call());
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await serviceError(busy.invoke(call()))).toMatchObject({ errorCode: 'TooManyRequestsException', statusCode: 429, message: 'Rate Exceeded.' });
      await first;
    } finally {
      await missing.close();
      await busy.close();
    }
  });

  it("completes sam's short error codes read by the SDK", async () => {
    const sam = await startFakeInvokeApi({ functions: {}, style: 'sam' });
    const runner = createRemoteFunctionRunner(aws('nope', 3), { aws: { ...options.aws, endpoint: sam.endpoint } });
    try {
      expect(await serviceError(runner.invoke(call()))).toMatchObject({ errorCode: 'ResourceNotFoundException', statusCode: 404 });
    } finally {
      await runner.close();
      await sam.close();
    }
  });

  it('reports an unreachable endpoint as SdkClientException', async () => {
    const gone = await startFakeInvokeApi({ functions: {} });
    await gone.close();
    const runner = createRemoteFunctionRunner(aws('echo', 3), { aws: { ...options.aws, endpoint: gone.endpoint } });
    const error = await serviceError(runner.invoke(call()));
    expect(error).toMatchObject({ errorCode: 'SdkClientException', statusCode: 0 });
    await runner.close();
  });
});

import { TaskFailure } from '@flowgate/core';
import { describe, expect, it } from 'vitest';
import { FunctionRegistry } from './function-registry.js';
import type { FunctionRunner, InvocationOutcome } from './function-runner.js';
import { callFunction, directFunctionResult, failureOf, lambdaInvokeResult } from './lambda-integration.js';

const ok = (payload: string): InvocationOutcome => ({ payload, executedVersion: '$LATEST' });

describe('function errors as task errors', () => {
  it("takes the error from errorType and keeps the error object, compacted, as the cause", () => {
    const failure = failureOf({
      payload: '{"errorMessage": "Some exception was raised.", "errorType": "Exception", "requestId": "r", "stackTrace": []}',
      functionError: 'Handled',
      executedVersion: '$LATEST',
    });
    expect(failure.error).toBe('Exception');
    expect(failure.cause).toBe('{"errorMessage":"Some exception was raised.","errorType":"Exception","requestId":"r","stackTrace":[]}');
  });

  it('reports an error without a type as Lambda.Unknown', () => {
    expect(failureOf({ payload: 'crashed', functionError: 'Unhandled', executedVersion: '$LATEST' }).error).toBe('Lambda.Unknown');
  });
});

describe('results', () => {
  it('gives a direct function ARN the answer itself, and keeps non-JSON answers as text', () => {
    expect(directFunctionResult({ outcome: ok('{"a":1}'), requestId: 'r' })).toEqual({ a: 1 });
    expect(directFunctionResult({ outcome: ok('"HelloWorld!"'), requestId: 'r' })).toBe('HelloWorld!');
    expect(directFunctionResult({ outcome: ok('not json'), requestId: 'r' })).toBe('not json');
  });

  it("wraps lambda:invoke answers in the Invoke API's response as AWS shows it", () => {
    const result = lambdaInvokeResult({ outcome: ok('{"Input": 1}'), requestId: 'req-1' }, 'Root=1-abc', new Date(0)) as Record<string, unknown>;
    expect(result).toMatchObject({
      ExecutedVersion: '$LATEST',
      Payload: { Input: 1 },
      StatusCode: 200,
      SdkResponseMetadata: { RequestId: 'req-1' },
      SdkHttpMetadata: {
        HttpStatusCode: 200,
        HttpHeaders: { 'Content-Length': '12', 'x-amzn-RequestId': 'req-1', 'X-Amzn-Trace-Id': 'Root=1-abc', Date: 'Thu, 01 Jan 1970 00:00:00 GMT' },
        AllHttpHeaders: { 'Content-Length': ['12'], 'X-Amz-Executed-Version': ['$LATEST'] },
      },
    });
  });
});

describe('calls', () => {
  it('turns a failure to invoke into Lambda.<Exception> with the Java SDK cause text', async () => {
    const registry = new FunctionRegistry([], { factories: {} });
    const failure = await callFunction(registry, { functionName: 'nope', payload: '{}', signal: new AbortController().signal }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TaskFailure);
    expect((failure as TaskFailure).error).toBe('Lambda.ResourceNotFoundException');
    expect((failure as TaskFailure).cause).toMatch(
      /^Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:\$LATEST \(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
  });

  it('passes the event, the ARN used and the trace header to the runner', async () => {
    const seen: unknown[] = [];
    const runner: FunctionRunner = {
      invoke: (request) => {
        seen.push([request.payload, request.invokedFunctionArn, request.traceHeader]);
        return Promise.resolve(ok('null'));
      },
      close: () => Promise.resolve(),
    };
    const registry = new FunctionRegistry([{ name: 'f', kind: 'remote', endpoint: 'x', timeoutSeconds: 3, memoryMb: 128 }], { factories: { remote: () => runner } });
    await callFunction(registry, { functionName: 'f', payload: '{"x":1}', signal: new AbortController().signal, traceHeader: 'Root=1' });
    expect(seen).toEqual([['{"x":1}', 'arn:aws:lambda:us-east-1:123456789012:function:f', 'Root=1']]);
  });
});

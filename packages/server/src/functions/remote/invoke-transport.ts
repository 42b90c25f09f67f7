/**
 * One call of the Lambda Invoke API, whatever carries it: plain HTTP to a local endpoint
 * (`sam local start-lambda`, LocalStack, another Flowgate) or the AWS SDK to AWS Lambda.
 */
import type { InvocationOutcome } from '../function-runner.js';

export interface InvokeCall {
  /** The name, partial ARN or ARN to invoke, optionally with `:qualifier`. */
  readonly functionName: string;
  /** The event as JSON text: the request body. */
  readonly payload: string;
  readonly requestId: string;
  readonly invokedFunctionArn: string;
  readonly traceHeader: string | undefined;
  readonly clientContext: string | undefined;
  /** Ask for the last 4 KB of the function's log (`X-Amz-Log-Type: Tail`). */
  readonly logTail: boolean;
}

/**
 * Resolves with the function's answer, including function errors; rejects with a
 * `LambdaServiceError` when the invoke could not happen, or with the signal's reason once the
 * signal aborts.
 */
export interface InvokeTransport {
  invoke(call: InvokeCall, signal: AbortSignal): Promise<InvocationOutcome>;
  close(): void;
}

/**
 * Flowgate's own request headers. Lambda assigns its own request id and reports the ARN it
 * resolved; an endpoint that knows Flowgate (the test fixture, a Flowgate serving the Invoke
 * API) uses these instead, so the id in the execution history is the one the function saw.
 * Other endpoints ignore unknown headers.
 */
export const REQUEST_ID_HEADER = 'X-Flowgate-Request-Id';
export const INVOKED_ARN_HEADER = 'X-Flowgate-Invoked-Function-Arn';

/** Headers of the Invoke API that every transport sets the same way. */
export function invocationHeaders(call: InvokeCall): Record<string, string> {
  const headers: Record<string, string> = {
    [REQUEST_ID_HEADER]: call.requestId,
    [INVOKED_ARN_HEADER]: call.invokedFunctionArn,
  };
  if (call.traceHeader !== undefined) headers['X-Amzn-Trace-Id'] = call.traceHeader;
  return headers;
}

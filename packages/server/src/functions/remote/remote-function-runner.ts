/**
 * The runner for functions that live elsewhere (`kind: 'remote'`): behind a Lambda Invoke API
 * endpoint (`sam local start-lambda`, LocalStack) or in AWS Lambda (`endpoint: 'aws'`). The
 * function's own timeout, memory and environment are the remote side's business; this runner
 * bounds how long it waits, caps its own concurrency, and stops waiting when the caller does.
 */
import type { FunctionDefinition, FunctionRunner, InvocationOutcome, InvocationRequest } from '../function-runner.js';
import { LambdaServiceError } from '../function-runner.js';
import { createInvokeApiTransport } from './invoke-api-transport.js';
import type { InvokeTransport } from './invoke-transport.js';
import { timedOut } from './remote-outcome.js';
import type { AwsClientSettings } from './sdk-transport.js';
import { createSdkTransport } from './sdk-transport.js';

export interface RemoteRunnerOptions {
  /**
   * SDK client settings for `endpoint: 'aws'` (endpoint, credentials, region). Left out in
   * production so the SDK's default credential chain and endpoint resolution apply; tests
   * point them at a local fake.
   */
  readonly aws?: AwsClientSettings;
  /**
   * Ask for the function's log tail (`X-Amz-Log-Type: Tail`). Default: on for AWS, off for
   * other endpoints, because `sam local start-lambda` answers `Tail` with 501 NotImplemented.
   */
  readonly logTail?: boolean;
  /**
   * How long past the function's timeout to wait before giving up on an endpoint. Endpoints
   * report their own timeouts (Lambda and the emulators answer `Sandbox.Timedout` or its
   * equivalent), but a Lambda cold start may spend up to 10 s in init before the function's
   * timeout starts, and `sam local` starts a container first; hence the generous default.
   */
  readonly timeoutMarginMs?: number;
}

const DEFAULT_MARGIN_MS = 10_000;

function transportFor(definition: FunctionDefinition, options: RemoteRunnerOptions): InvokeTransport {
  const endpoint = definition.endpoint;
  if (endpoint === undefined || endpoint === '') {
    throw new Error(`The remote function '${definition.name}' has no endpoint: give a Lambda Invoke API URL or 'aws'.`);
  }
  if (endpoint !== 'aws') return createInvokeApiTransport(endpoint);
  // A region in `options.aws` (tests) overrides this one.
  return createSdkTransport(definition.region ?? process.env.AWS_REGION ?? 'us-east-1', options.aws);
}

/**
 * Lambda answers an invocation beyond the function's concurrency with 429
 * TooManyRequestsException, `Rate Exceeded.` (reason ReservedFunctionConcurrentInvocationLimitExceeded).
 */
function tooManyRequests(): LambdaServiceError {
  return new LambdaServiceError('TooManyRequestsException', 'Rate Exceeded.', 429);
}

export function createRemoteFunctionRunner(definition: FunctionDefinition, options: RemoteRunnerOptions = {}): FunctionRunner {
  const transport = transportFor(definition, options);
  const functionName = definition.remoteName ?? definition.name;
  const logTail = options.logTail ?? definition.endpoint === 'aws';
  const waitMs = definition.timeoutSeconds * 1000 + (options.timeoutMarginMs ?? DEFAULT_MARGIN_MS);
  let inFlight = 0;

  async function invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    if (request.signal.aborted) throw request.signal.reason;
    if (definition.maxConcurrency !== undefined && inFlight >= definition.maxConcurrency) throw tooManyRequests();
    inFlight++;
    const controller = new AbortController();
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      controller.abort(new Error(`No answer from ${functionName} within ${waitMs} ms`));
    }, waitMs);
    const onAbort = () => controller.abort(request.signal.reason);
    request.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await transport.invoke(
        {
          functionName,
          payload: request.payload,
          requestId: request.requestId,
          invokedFunctionArn: request.invokedFunctionArn,
          traceHeader: request.traceHeader,
          clientContext: request.clientContext,
          logTail,
        },
        controller.signal,
      );
    } catch (error) {
      // An endpoint that never answers is treated as Lambda treats a function that never
      // answers: a timeout, reported as the function's own (Unhandled) error.
      if (expired && !request.signal.aborted) return timedOut(request.requestId, definition.timeoutSeconds);
      throw error;
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      inFlight--;
    }
  }

  return {
    invoke,
    close() {
      transport.close();
      return Promise.resolve();
    },
  };
}

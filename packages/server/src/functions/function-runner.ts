/**
 * One interface for every way Flowgate runs a function: Node.js handlers in worker threads,
 * any language through the AWS Lambda Runtime API, Python handlers, and remote functions
 * behind the Lambda Invoke API. The integration layer (lambda:invoke, direct function ARNs)
 * turns an outcome into a task result or a task error; runners only run code.
 *
 * Semantics follow AWS Lambda's Invoke API: a function error is an answer, not an exception
 * (the payload is the error object and `functionError` says it was one); only failures to
 * invoke at all (unknown function, throttling) are thrown, as `LambdaServiceError`.
 */

export type FunctionRuntimeKind = 'nodejs' | 'provided' | 'python' | 'remote';

/** A function as the registry knows it (from a project file, a SAM template, or tests). */
export interface FunctionDefinition {
  /** The function name: what FunctionName and function ARNs refer to. */
  readonly name: string;
  readonly kind: FunctionRuntimeKind;
  /**
   * nodejs: `<file without extension>.<export>` relative to `codeDirectory`, as Lambda writes
   *   it (`index.handler`, `src/app.lambdaHandler`); .js, .mjs, .cjs and .ts files are found.
   * python: `<module>.<function>` (`app.handler`, `pkg.mod.handler`).
   * provided: passed to the bootstrap as `_HANDLER`.
   */
  readonly handler?: string;
  /** The folder holding the code; relative handler paths and `bootstrap` resolve from it. */
  readonly codeDirectory?: string;
  /** provided: the executable speaking the Runtime API (default `<codeDirectory>/bootstrap`). */
  readonly bootstrap?: string;
  /** remote: base URL of a Lambda Invoke API (`http://127.0.0.1:3001`), or `aws` for AWS Lambda. */
  readonly endpoint?: string;
  /** remote: the name or ARN to invoke there (default `name`). */
  readonly remoteName?: string;
  /** remote with `aws`: the region (default from the environment, else us-east-1). */
  readonly region?: string;
  readonly environment?: Readonly<Record<string, string>>;
  /** Lambda's default is 3 seconds. */
  readonly timeoutSeconds: number;
  /** Lambda's default is 128 MB. */
  readonly memoryMb: number;
  /** Invocations in flight at once; beyond it, invokes are refused with TooManyRequestsException. */
  readonly maxConcurrency?: number;
}

export interface InvocationRequest {
  /** The event, as JSON text (what Lambda receives as the request body). */
  readonly payload: string;
  /** Lambda's request id for this invocation (a UUID). */
  readonly requestId: string;
  /** The function ARN the caller used, as `context.invokedFunctionArn`. */
  readonly invokedFunctionArn: string;
  /** `X-Amzn-Trace-Id` to hand to the function (`_X_AMZN_TRACE_ID`, `context`). */
  readonly traceHeader?: string;
  /** Base64 client context, when the caller sent one. */
  readonly clientContext?: string;
  /** Aborted when the caller no longer waits (the task timed out, the execution stopped). */
  readonly signal: AbortSignal;
}

export interface InvocationOutcome {
  /** The function's answer as JSON text; on a function error, the error object. */
  readonly payload: string;
  /**
   * Set when the answer is an error: `Handled` when the function reported it (threw,
   * callback(error)), `Unhandled` when the runtime did (timeout, crash, exit, out of memory).
   */
  readonly functionError?: 'Handled' | 'Unhandled';
  /** `$LATEST` unless a remote endpoint says otherwise. */
  readonly executedVersion: string;
  /** The function's log output for this invocation, when the runner captured it. */
  readonly logTail?: string;
}

/** The invoke could not happen at all, as Lambda's service errors name it. */
export class LambdaServiceError extends Error {
  readonly errorCode: string;
  readonly statusCode: number;
  constructor(errorCode: string, message: string, statusCode: number) {
    super(message);
    this.name = 'LambdaServiceError';
    this.errorCode = errorCode;
    this.statusCode = statusCode;
  }
}

/** Runs one function. Created once per function; reuses workers/processes between invocations. */
export interface FunctionRunner {
  invoke(request: InvocationRequest): Promise<InvocationOutcome>;
  /** Stops every worker or process it started. */
  close(): Promise<void>;
}

export type FunctionRunnerFactory = (definition: FunctionDefinition) => FunctionRunner;

/**
 * Lambda's error object for failures the runtime itself reports, e.g.
 * `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: … Error: Task timed out after 3.00 seconds"}`.
 */
export function runtimeErrorPayload(errorType: string, errorMessage: string): string {
  return JSON.stringify({ errorType, errorMessage });
}

/** Lambda's wording for a timed-out invocation. */
export function timeoutMessage(requestId: string, timeoutSeconds: number): string {
  return `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

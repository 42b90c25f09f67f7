/**
 * What the gateway needs from the rest of the server: a way to start workflows and a way to
 * invoke functions. The gateway knows HTTP; these know executions and functions. Both are
 * given to `createGateway`, which makes the gateway testable with fakes and lets the server
 * back them with the executor and the function registry.
 */

/** How a synchronous execution ended. `ABORTED`: stopped from outside (caller gone, shutdown). */
export type SyncStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** StartSyncExecution's answer about one finished execution; dates in epoch milliseconds. */
export interface SyncOutcome {
  readonly executionArn: string;
  /** The unqualified state machine ARN. */
  readonly stateMachineArn: string;
  readonly name: string;
  readonly startDate: number;
  readonly stopDate: number;
  readonly status: SyncStatus;
  /** JSON text; only when SUCCEEDED. */
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  /** The execution input as JSON text. */
  readonly input: string;
  /** The X-Ray header the execution ran with, when there was one. */
  readonly traceHeader?: string;
}

/** StartExecution's answer; `startDate` in epoch milliseconds. */
export interface AsyncStart {
  readonly executionArn: string;
  readonly startDate: number;
}

/** One trace in both spellings: every request has one (the gateway makes one when none came in). */
export interface TraceContext {
  /** X-Ray form, `Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=<0|1>`: what Step Functions and Lambda take. */
  readonly traceHeader: string;
  /** W3C Trace Context form of the same trace, `00-<32 hex>-<16 hex>-<2 hex>`. */
  readonly traceparent: string;
}

export interface WorkflowStartOptions {
  /** X-Ray header for the execution (the mapped `TraceHeader` parameter when a route sets one). */
  readonly traceHeader: string;
  readonly traceparent: string;
  /** The execution name; omitted → the invoker makes one (a UUID, as AWS does). */
  readonly name?: string;
}

export interface WorkflowInvoker {
  /**
   * Runs an execution to its end. `workflow` is a state machine name, `name:<version>` or
   * `name:<alias>`, or a state machine ARN (REST API integrations pass the one their request
   * template wrote, and expect AWS's refusal of an ARN that names nothing). `signal` aborts when the HTTP client goes away: the execution should stop.
   * Refusals (unknown workflow, bad input, throttling) are thrown; see `WorkflowStartError`.
   */
  startSync(workflow: string, inputText: string, options: WorkflowStartOptions & { readonly signal: AbortSignal }): Promise<SyncOutcome>;
  /** Starts an execution and answers at once (StartExecution); refusals as for `startSync`. */
  startAsync(workflow: string, inputText: string, options: WorkflowStartOptions): Promise<AsyncStart>;
}

/**
 * A start the invoker refused before any execution ran. The gateway reads any thrown error that
 * has a string `code` (and optionally a numeric `status`) this way, so the API layer's
 * `ApiError` and the executor's refusals can be thrown as they are. `code` uses AWS's names:
 * `StateMachineDoesNotExist`, `InvalidExecutionInput`, `InvalidName`, `ValidationException`,
 * `InvalidArn`, `StateMachineTypeNotSupported`, `ThrottlingException`, `ServiceUnavailable`.
 */
export class WorkflowStartError extends Error {
  readonly code: string;
  /** The status AWS's Step Functions API answers the refusal with. */
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'WorkflowStartError';
    this.code = code;
    this.status = status;
  }
}

export interface FunctionInvokeOptions {
  readonly traceHeader: string;
  readonly traceparent: string;
  /** Aborts when the HTTP client goes away. */
  readonly signal: AbortSignal;
}

/** Lambda's Invoke answer: a function error is an answer (`functionError` set), not a throw. */
export interface FunctionResult {
  /** The function's answer as JSON text; on a function error, the error object. */
  readonly payload: string;
  readonly functionError?: string;
}

export interface FunctionInvoker {
  /** Throws only when the function could not be invoked at all (unknown, throttled). */
  invoke(functionName: string, eventText: string, options: FunctionInvokeOptions): Promise<FunctionResult>;
}

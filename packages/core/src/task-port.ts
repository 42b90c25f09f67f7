import type { Json } from './json.js';

/**
 * How a Task state reaches the outside world. The engine never performs I/O: it hands the
 * resource and the payload to this port and waits for the result.
 */
export interface TaskPort {
  invoke(request: TaskRequest): Promise<Json>;
}

export interface TaskRequest {
  /** The state's `Resource` ARN as written (e.g. `arn:aws:states:::lambda:invoke`). */
  readonly resource: string;
  /** The effective payload after InputPath/Parameters (or Arguments). */
  readonly payload: Json;
  readonly stateName: string;
  /** Aborted when the task times out, the execution stops, or a sibling branch fails. */
  readonly signal: AbortSignal;
  /** The task's timeout in milliseconds, when it has one. */
  readonly timeoutMs: number | undefined;
  /** The heartbeat interval in milliseconds, when it has one. */
  readonly heartbeatMs: number | undefined;
  /** Call to report progress; resets the heartbeat timer. */
  heartbeat(): void;
  /** `Credentials` of the state after evaluation, when present. */
  readonly credentials: Json | undefined;
  /** The context object at the time the task is scheduled (`$$`). */
  readonly context: Json;
}

/**
 * What a task port throws to fail a task with a named error (a function's `errorType`,
 * `States.Timeout`…). Any other exception fails the task with `States.TaskFailed`.
 */
export class TaskFailure extends Error {
  readonly error: string;
  override readonly cause: string | undefined;
  constructor(error: string, cause?: string) {
    super(cause === undefined ? error : `${error}: ${cause}`);
    this.name = 'TaskFailure';
    this.error = error;
    this.cause = cause;
  }
}

import type { Json } from './json.js';

/**
 * How a Task state reaches the outside world. The engine never performs I/O: it hands the
 * resource and the payload to this port and waits for the result.
 */
export interface TaskPort {
  invoke(request: TaskRequest): Promise<Json>;
  /**
   * Issues the task token of one attempt of a `.waitForTaskToken` task or of an activity
   * task, before anything of the attempt is evaluated (the token is `$$.Task.Token` while
   * Parameters or Arguments are). A port without it gets tokens the engine makes up from the
   * execution's randomness. Throwing (or rejecting with) a TaskFailure refuses to schedule
   * the task: the state fails with that error, located in the state and recorded without a
   * `…Scheduled` event, as AWS fails an activity that does not exist (States.Runtime).
   */
  issueTaskToken?(request: TaskTokenRequest): string | Promise<string>;
}

/** What a token is issued for. */
export interface TaskTokenRequest {
  readonly resource: string;
  readonly stateName: string;
  /** `callback`: a `.waitForTaskToken` resource; `activity`: an activity ARN. */
  readonly pattern: TaskPattern;
}

/**
 * How a Task waits: `callback` tasks (`….waitForTaskToken`) call their service, then wait for
 * SendTaskSuccess/SendTaskFailure; `activity` tasks wait for a worker (GetActivityTask) and
 * then for its answer. Every other Task is request-response.
 */
export type TaskPattern = 'callback' | 'activity';

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
  /** Callback and activity tasks: the token issued for this attempt. */
  readonly taskToken?: string;
  /**
   * Callback tasks: reports the service's immediate answer, recorded as TaskSubmitted; the
   * promise of `invoke` then resolves with the callback's output. Only the first call counts.
   */
  readonly submitted?: (output: Json) => void;
  /**
   * Activity tasks: a worker took the task (GetActivityTask), recorded as ActivityStarted. An
   * activity's TimeoutSeconds and HeartbeatSeconds count from here, not from scheduling.
   */
  readonly started?: (workerName: string | undefined) => void;
}

/**
 * What a task port throws to fail a task with a named error (a function's `errorType`,
 * `States.Timeout`…). Any other exception fails the task with `States.TaskFailed`. An
 * undefined error (SendTaskFailure without one) fails it with no name, which only
 * `States.ALL` matches.
 */
export class TaskFailure extends Error {
  readonly error: string | undefined;
  override readonly cause: string | undefined;
  constructor(error: string | undefined, cause?: string) {
    super(cause === undefined ? (error ?? 'failed') : `${error ?? 'failed'}: ${cause}`);
    this.name = 'TaskFailure';
    this.error = error;
    this.cause = cause;
  }
}

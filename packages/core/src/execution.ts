import type { Clock } from './clock.js';
import type { ExecutionStopper } from './execution-stopper.js';
import type { HistorySink } from './history.js';
import type { Json } from './json.js';
import type { TaskPort } from './task-port.js';

export type StateMachineType = 'STANDARD' | 'EXPRESS';

/**
 * How an execution was started. It decides details of the context object (`RedriveCount`
 * only for STANDARD; `…:express:…` execution ARNs for EXPRESS) and the 5-minute limit.
 */
export type ExecutionMode = 'STANDARD' | 'EXPRESS_SYNC' | 'EXPRESS_ASYNC';

export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface StartOptions {
  /** Default: STANDARD for a STANDARD machine, EXPRESS_SYNC for an EXPRESS one. */
  readonly mode?: ExecutionMode;
  readonly executionName?: string;
  /** Default: derived from the machine ARN and the execution name, as AWS does. */
  readonly executionArn?: string;
  readonly roleArn?: string;
  readonly clock?: Clock;
  /** Uniform randomness in [0, 1) for jitter, UUIDs and `States.MathRandom`. */
  readonly random?: () => number;
  readonly taskPort?: TaskPort;
  readonly history?: HistorySink;
  /** Aborting stops the execution with status ABORTED. */
  readonly signal?: AbortSignal;
  /** The cheaper way to the same (see ExecutionStopper); one per execution. */
  readonly stopper?: ExecutionStopper;
}

/** The outcome of one execution, shaped like the StartSyncExecution response. */
export interface ExecutionResult {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  /** Milliseconds since the Unix epoch. */
  readonly startDate: number;
  readonly stopDate: number;
  readonly input: Json;
  /** Present when status is SUCCEEDED. */
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
}

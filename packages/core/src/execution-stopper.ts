import { ExecutionStopped } from './stop-scope.js';
import type { StopScope } from './stop-scope.js';

/**
 * Stops one execution from outside (StopExecution, a synchronous caller that went away, a
 * server shutting down) with status ABORTED. It does what an AbortSignal passed as
 * `StartOptions.signal` does, at a fraction of the cost: a server makes one for every
 * execution and almost never uses it, and an AbortController with its listener was the
 * largest single cost of a short synchronous execution.
 *
 * `stop()` before the execution starts stops it before its first state; after the execution
 * ended it does nothing.
 */
export class ExecutionStopper {
  private scope: StopScope | undefined;
  private requested = false;
  private ended = false;

  stop(): void {
    if (this.ended) return;
    if (this.scope === undefined) this.requested = true;
    else this.scope.stop(new ExecutionStopped('ABORTED'));
  }

  /** Internal: the engine binds the execution's root scope when it starts. */
  bind(scope: StopScope): void {
    this.scope = scope;
    if (this.requested) scope.stop(new ExecutionStopped('ABORTED'));
  }

  /** Internal: the engine releases the scope when the execution ends. */
  release(): void {
    this.ended = true;
    this.scope = undefined;
  }
}

import type { Clock } from './clock.js';

/** Raised when the execution was stopped (timeout or abort); not routable by Retry/Catch. */
export class ExecutionStopped extends Error {
  constructor(readonly reason: 'TIMED_OUT' | 'ABORTED') {
    super(reason);
  }
}

type StopListener = (reason: unknown) => void;

/**
 * Cancellation for one thread of control and everything under it (the execution, a Parallel,
 * a Map). Waiting costs a timer and a listener, not an AbortController: thousands of
 * executions may be waiting at once. An AbortSignal is made only for a task port, on demand.
 */
export class StopScope {
  private reason: unknown = undefined;
  private isStopped = false;
  // Most scopes have at most one waiter at a time: one slot, a set only beyond that.
  private listener: StopListener | undefined;
  private listeners: Set<StopListener> | undefined;
  private linked = false;
  private controller: AbortController | undefined;
  private detachFromParent: (() => void) | undefined;

  constructor(private readonly parent?: StopScope) {}

  /** Whether this scope or an enclosing one was stopped. */
  get stopped(): boolean {
    return this.isStopped || (this.parent !== undefined && this.parent.stopped);
  }

  get stopReason(): unknown {
    if (this.isStopped) return this.reason;
    return this.parent?.stopReason;
  }

  /** Calls `listener` when the scope stops (at once if it has); returns an unsubscribe function. */
  onStop(listener: StopListener): () => void {
    if (this.stopped) {
      listener(this.stopReason);
      return () => undefined;
    }
    if (!this.linked) {
      this.linked = true;
      if (this.parent !== undefined) this.detachFromParent = this.parent.onStop((reason) => this.stop(reason));
    }
    if (this.listener === undefined && this.listeners === undefined) {
      this.listener = listener;
      return () => {
        if (this.listener === listener) this.listener = undefined;
      };
    }
    const listeners = (this.listeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      const controller = new AbortController();
      this.controller = controller;
      this.onStop((reason) => controller.abort(reason));
    }
    return this.controller.signal;
  }

  stop(reason: unknown): void {
    if (this.isStopped) return;
    this.isStopped = true;
    this.reason = reason;
    const single = this.listener;
    const listeners = this.listeners;
    this.listener = undefined;
    this.listeners = undefined;
    single?.(reason);
    if (listeners !== undefined) for (const listener of listeners) listener(reason);
    this.release();
  }

  /** Stops the scope only if something is still waiting on it (no cost otherwise). */
  stopPending(reason: () => unknown): void {
    if (this.listener !== undefined || (this.listeners !== undefined && this.listeners.size > 0)) this.stop(reason());
  }

  /** Unlinks from the parent once the scope's work is over. */
  release(): void {
    this.detachFromParent?.();
    this.detachFromParent = undefined;
  }

  /**
   * Resolves after `ms` of the clock's time; rejects with the stop reason if the scope stops
   * first (the timer is then cancelled).
   */
  sleep(clock: Clock, ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.stopped) return reject(this.stopReason);
      let unsubscribe: () => void = () => undefined;
      const cancel = clock.setTimer(ms, () => {
        unsubscribe();
        resolve();
      });
      unsubscribe = this.onStop((reason) => {
        cancel();
        reject(reason);
      });
    });
  }
}

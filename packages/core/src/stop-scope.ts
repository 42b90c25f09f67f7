import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { TimerWaiter } from './shared-timer.js';
import { SharedTimer } from './shared-timer.js';

/** Raised when the execution was stopped (timeout or abort); not routable by Retry/Catch. */
export class ExecutionStopped extends Error {
  constructor(readonly reason: 'TIMED_OUT' | 'ABORTED') {
    super(reason);
  }
}

type StopListener = (reason: unknown) => void;

/** Told once when the scope stops. */
interface StopWaiter {
  stop(reason: unknown): void;
}

/** What waits on a scope: a listener function, or a sleep (an object, to save closures). */
type Waiter = StopListener | StopWaiter;

/**
 * One pending `StopScope.sleep`: the scope holds it as a waiter, its timer wakes it. Thousands
 * of executions may be waiting at once, so it is one object rather than a listener closure
 * and an unsubscribe closure per sleep.
 */
class Sleep<T> implements StopWaiter, TimerWaiter {
  private cancelTimer: () => void = noop;
  private sharedTimer: SharedTimer | undefined;
  private slot = 0;

  constructor(
    private readonly scope: StopScope,
    private readonly resolve: (value: T) => void,
    private readonly reject: (reason: unknown) => void,
    private readonly value: T,
  ) {}

  /** A timer of its own; the timer closure holds only this object. */
  arm(clock: Clock, ms: number): void {
    this.cancelTimer = clock.setTimer(ms, () => this.wake());
  }

  /** A place on the timer shared by every sleep due at the same time (see SharedTimer). */
  share(clock: Clock, ms: number): void {
    const timer = SharedTimer.dueIn(clock, ms);
    this.sharedTimer = timer;
    this.slot = timer.join(this);
  }

  wake(): void {
    this.scope.forget(this);
    this.resolve(this.value);
  }

  stop(reason: unknown): void {
    if (this.sharedTimer !== undefined) this.sharedTimer.leave(this.slot);
    else this.cancelTimer();
    this.reject(reason);
  }
}

function noop(): void {}

function notify(waiter: Waiter, reason: unknown): void {
  if (typeof waiter === 'function') waiter(reason);
  else waiter.stop(reason);
}

/**
 * Cancellation for one thread of control and everything under it (the execution, a Parallel,
 * a Map). Waiting costs a timer and a waiter entry, not an AbortController: thousands of
 * executions may be waiting at once. An AbortSignal is made only for a task port, on demand.
 */
export class StopScope {
  private reason: unknown = undefined;
  private isStopped = false;
  // Most scopes have at most one waiter at a time: one slot, a set only beyond that.
  private waiter: Waiter | undefined;
  private waiters: Set<Waiter> | undefined;
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
      return noop;
    }
    this.add(listener);
    return () => this.forget(listener);
  }

  private add(waiter: Waiter): void {
    if (!this.linked) {
      this.linked = true;
      if (this.parent !== undefined) this.detachFromParent = this.parent.onStop((reason) => this.stop(reason));
    }
    if (this.waiter === undefined && this.waiters === undefined) this.waiter = waiter;
    else (this.waiters ??= new Set()).add(waiter);
  }

  /** Removes a waiter that no longer waits. */
  forget(waiter: Waiter): void {
    if (this.waiter === waiter) this.waiter = undefined;
    else this.waiters?.delete(waiter);
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
    const single = this.waiter;
    const waiters = this.waiters;
    this.waiter = undefined;
    this.waiters = undefined;
    if (single !== undefined) notify(single, reason);
    if (waiters !== undefined) for (const waiter of waiters) notify(waiter, reason);
    this.release();
  }

  /** Stops the scope only if something is still waiting on it (no cost otherwise). */
  stopPending(reason: () => unknown): void {
    if (this.waiter !== undefined || (this.waiters !== undefined && this.waiters.size > 0)) this.stop(reason());
  }

  /** Unlinks from the parent once the scope's work is over. */
  release(): void {
    this.detachFromParent?.();
    this.detachFromParent = undefined;
  }

  /**
   * Resolves with `value` after `ms` of the clock's time; rejects with the stop reason if the
   * scope stops first (the timer is then cancelled).
   */
  sleep(clock: Clock, ms: number): Promise<void>;
  sleep<T>(clock: Clock, ms: number, value: T): Promise<T>;
  sleep<T>(clock: Clock, ms: number, value?: T): Promise<T | undefined> {
    if (this.stopped) return Promise.reject(this.stopReason);
    let sleep!: Sleep<T | undefined>;
    const promise = new Promise<T | undefined>((resolve, reject) => {
      sleep = new Sleep(this, resolve, reject, value);
    });
    // Registered first: a clock that fires at once then finds it to forget.
    this.add(sleep);
    // The top-level scopes of executions on the real clock share their timers: their
    // continuations are independent (see SharedTimer). Branches keep timers of their own, so
    // that the order of events within one execution stays that of its timers.
    if (clock === systemClock && this.parent === undefined) sleep.share(clock, ms);
    else sleep.arm(clock, ms);
    return promise;
  }
}

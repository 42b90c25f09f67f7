import type { Clock } from './clock.js';

/** Woken by a shared timer. */
export interface TimerWaiter {
  wake(): void;
}

/** The shared timers of each clock, by due time (milliseconds of that clock). */
const timersByClock = new WeakMap<Clock, Map<number, SharedTimer>>();

/**
 * One clock timer for every waiter due at the same millisecond. Executions started together
 * wait alike (thousands of 1-second Waits started within a few milliseconds): they share a few
 * timers instead of holding one each, with the closures each one needs. Waiters wake in the
 * order they joined; one that leaves (its execution stopped) leaves a hole, and the timer is
 * cancelled when the last one has left.
 *
 * Waiters of one shared timer wake in the same turn of the event loop, one after the other,
 * before any of their promise continuations run: share a timer only between waits whose
 * continuations are independent of each other (different executions).
 */
export class SharedTimer {
  private readonly waiters: (TimerWaiter | undefined)[] = [];
  private waiting = 0;
  private readonly cancel: () => void;

  private constructor(
    private readonly timers: Map<number, SharedTimer>,
    private readonly due: number,
    clock: Clock,
    ms: number,
  ) {
    this.cancel = clock.setTimer(ms, () => this.fire());
  }

  /** The timer of `clock` due `ms` from now, made if there is none yet. */
  static dueIn(clock: Clock, ms: number): SharedTimer {
    let timers = timersByClock.get(clock);
    if (timers === undefined) {
      timers = new Map();
      timersByClock.set(clock, timers);
    }
    const due = clock.now() + ms;
    let timer = timers.get(due);
    if (timer === undefined) {
      timer = new SharedTimer(timers, due, clock, ms);
      timers.set(due, timer);
    }
    return timer;
  }

  /** Adds a waiter; returns its place, for `leave`. */
  join(waiter: TimerWaiter): number {
    this.waiting++;
    return this.waiters.push(waiter) - 1;
  }

  /** The waiter at `slot` no longer waits; the last one to leave cancels the timer. */
  leave(slot: number): void {
    if (this.waiters[slot] === undefined) return;
    this.waiters[slot] = undefined;
    if (--this.waiting === 0) {
      this.cancel();
      this.forget();
    }
  }

  private fire(): void {
    // Forgotten first: a wait due now that starts while these wake gets a timer of its own.
    this.forget();
    const waiters = this.waiters;
    for (let i = 0; i < waiters.length; i++) waiters[i]?.wake();
  }

  private forget(): void {
    if (this.timers.get(this.due) === this) this.timers.delete(this.due);
  }
}

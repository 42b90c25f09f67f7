/**
 * Time as the engine sees it. The runtime never reads the wall clock or sets timers itself:
 * Wait, Retry back-off and timeouts all go through the clock given to an execution.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `callback` after `ms` milliseconds of this clock's time; the returned function cancels it. */
  setTimer(ms: number, callback: () => void): () => void;
}

/** A promise that resolves after `ms` of the clock's time. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    clock.setTimer(ms, resolve);
  });
}

/** setTimeout fires at once for delays above 2^31-1 ms; longer timers are re-armed in steps. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, callback) {
    // The common case holds one timer and one closure: thousands may be pending at once.
    if (ms <= MAX_TIMEOUT_MS) {
      const timer = setTimeout(callback, ms);
      return () => clearTimeout(timer);
    }
    let timer: ReturnType<typeof setTimeout>;
    const arm = (remaining: number): void => {
      if (remaining > MAX_TIMEOUT_MS) timer = setTimeout(() => arm(remaining - MAX_TIMEOUT_MS), MAX_TIMEOUT_MS);
      else timer = setTimeout(callback, remaining);
    };
    arm(ms);
    return () => clearTimeout(timer);
  },
};

export interface SimulatedClock extends Clock {
  /** Timers not yet fired. */
  pending(): number;
}

interface SimulatedTimer {
  readonly due: number;
  readonly order: number;
  readonly callback: () => void;
}

/**
 * A clock whose time jumps straight to the next due timer once every pending promise has
 * settled, so that Wait and Retry cost no real time in tests while concurrent waits still
 * overlap as they would in real time (two branches waiting 5 s each end at +5 s, not +10 s).
 */
export function createSimulatedClock(startMs = Date.UTC(2026, 0, 1)): SimulatedClock {
  let current = startMs;
  let order = 0;
  let scheduled = false;
  const timers: SimulatedTimer[] = [];

  const fireNext = (): void => {
    scheduled = false;
    if (timers.length === 0) return;
    timers.sort((a, b) => a.due - b.due || a.order - b.order);
    const next = timers.shift() as SimulatedTimer;
    if (next.due > current) current = next.due;
    next.callback();
    schedule();
  };
  // A macrotask runs only after all queued microtasks, i.e. once every branch has had the
  // chance to register its own timer for the current instant.
  const schedule = (): void => {
    if (scheduled || timers.length === 0) return;
    scheduled = true;
    setTimeout(fireNext, 0);
  };

  return {
    now: () => current,
    pending: () => timers.length,
    setTimer(ms, callback) {
      const timer: SimulatedTimer = { due: current + Math.max(0, ms), order: order++, callback };
      timers.push(timer);
      schedule();
      return () => {
        const index = timers.indexOf(timer);
        if (index >= 0) timers.splice(index, 1);
      };
    },
  };
}

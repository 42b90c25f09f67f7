/**
 * Time as the engine sees it. The runtime never reads the wall clock or sets timers itself:
 * Wait, Retry back-off and timeouts all go through the clock given to an execution.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortReason(signal as AbortSignal));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

export interface SimulatedClock extends Clock {
  /** Timers not yet fired. */
  pending(): number;
}

interface SimulatedTimer {
  readonly due: number;
  readonly order: number;
  readonly resolve: () => void;
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
    next.resolve();
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
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(abortReason(signal));
        const timer: SimulatedTimer = {
          due: current + Math.max(0, ms),
          order: order++,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          const index = timers.indexOf(timer);
          if (index >= 0) timers.splice(index, 1);
          reject(abortReason(signal as AbortSignal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
        schedule();
      });
    },
  };
}

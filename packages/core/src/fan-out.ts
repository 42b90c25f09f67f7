import type { Json } from './json.js';
import { isPromise } from './state-node.js';

/**
 * Runs `count` units (Parallel branches, Map iterations) with at most `limit` in flight
 * (0 = no limit). Units that finish synchronously never allocate a promise, so an all-Pass
 * Map of a thousand items runs in one tick. Results keep the units' order. The first
 * failure rejects at once (the caller stops the others through its abort signal); with
 * `tolerate`, a failure the caller accepts is recorded as the unit's result instead.
 */
export function fanOut(
  count: number,
  limit: number,
  start: (index: number) => Json | Promise<Json>,
  tolerate?: (index: number, error: unknown) => Json | undefined,
): Json[] | Promise<Json[]> {
  const results: Json[] = new Array<Json>(count);
  let next = 0;
  const settleFailure = (index: number, error: unknown): void => {
    const accepted = tolerate?.(index, error);
    if (accepted === undefined) throw error;
    results[index] = accepted;
  };
  // Synchronous phase: runs until a unit returns a promise.
  let firstPending: Promise<Json> | undefined;
  let firstPendingIndex = -1;
  while (next < count) {
    const index = next++;
    let outcome: Json | Promise<Json>;
    try {
      outcome = start(index);
    } catch (error) {
      settleFailure(index, error);
      continue;
    }
    if (isPromise(outcome)) {
      firstPending = outcome;
      firstPendingIndex = index;
      break;
    }
    results[index] = outcome;
  }
  if (firstPending === undefined) return results;

  const pendingPromise = firstPending;
  return new Promise<Json[]>((resolve, reject) => {
    let inFlight = 0;
    let failed = false;
    const max = limit > 0 ? limit : Number.POSITIVE_INFINITY;
    const onFailure = (index: number, error: unknown): void => {
      try {
        settleFailure(index, error);
      } catch (thrown) {
        failed = true;
        reject(thrown);
      }
    };
    const track = (index: number, promise: Promise<Json>): void => {
      inFlight++;
      promise.then(
        (value) => {
          inFlight--;
          results[index] = value;
          pump();
        },
        (error: unknown) => {
          inFlight--;
          if (failed) return;
          onFailure(index, error);
          pump();
        },
      );
    };
    const pump = (): void => {
      while (!failed && next < count && inFlight < max) {
        const index = next++;
        let outcome: Json | Promise<Json>;
        try {
          outcome = start(index);
        } catch (error) {
          onFailure(index, error);
          continue;
        }
        if (isPromise(outcome)) track(index, outcome);
        else results[index] = outcome;
      }
      if (!failed && next >= count && inFlight === 0) resolve(results);
    };
    track(firstPendingIndex, pendingPromise);
    pump();
  });
}

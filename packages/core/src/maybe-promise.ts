import { isPromise } from './state-node.js';

/**
 * A value now, or later. JSONata evaluation is asynchronous (the library's `evaluate` returns
 * a promise) but constant fields and plain references are answered at once; these helpers let
 * a state stay synchronous for as long as everything it evaluates is.
 */
export type MaybePromise<T> = T | Promise<T>;

export function andThen<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(next) : next(value);
}

/** Every value, in order; a promise only when at least one of them is pending. */
export function allOf<T>(values: readonly MaybePromise<T>[]): MaybePromise<T[]> {
  for (let i = 0; i < values.length; i++) {
    if (isPromise(values[i])) return Promise.all(values);
  }
  return values as T[];
}

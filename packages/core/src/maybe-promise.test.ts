/** Values now or later: a state stays synchronous while everything it evaluates is. */
import { describe, expect, it } from 'vitest';
import { allOf, andThen } from './maybe-promise.js';

describe('andThen and allOf', () => {
  it('stay synchronous for values', () => {
    expect(andThen(1, (value) => value + 1)).toBe(2);
    expect(allOf([1, 2])).toEqual([1, 2]);
  });

  it('wait for promises, keeping the order', async () => {
    await expect(andThen(Promise.resolve(1), (value) => value + 1)).resolves.toBe(2);
    await expect(allOf([1, Promise.resolve(2), 3])).resolves.toEqual([1, 2, 3]);
  });
});

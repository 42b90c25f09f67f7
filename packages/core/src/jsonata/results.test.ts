/** The library's results as JSON values. */
import { describe, expect, it } from 'vitest';
import { UNSUPPORTED, toJsonResult } from './results.js';

describe('toJsonResult', () => {
  it('returns plain JSON as it is, without copying', () => {
    const value = { a: [1, { b: 'c' }], d: null };
    expect(toJsonResult(value)).toBe(value);
  });

  it('rebuilds the library’s flagged arrays as plain ones', () => {
    const sequence = Object.assign([1, 2], { sequence: true, keepSingleton: true });
    const result = toJsonResult({ list: sequence }) as { list: number[] };
    expect(result.list).toEqual([1, 2]);
    expect(Object.keys(result.list)).toEqual(['0', '1']);
  });

  it('a function is no result; inside a value it is dropped', () => {
    const lambda = { _jsonata_lambda: true };
    expect(toJsonResult(lambda)).toBe(UNSUPPORTED);
    expect(toJsonResult(() => 1)).toBe(UNSUPPORTED);
    expect(toJsonResult({ f: lambda, g: 1 })).toEqual({ g: 1 });
    expect(toJsonResult([lambda, 1])).toEqual([1]);
  });

  it('writes non-finite numbers as strings, nothing as undefined', () => {
    expect(toJsonResult(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(toJsonResult([Number.NaN])).toEqual(['NaN']);
    expect(toJsonResult(undefined)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import { INTRINSIC_FUNCTIONS } from './compile-intrinsic.js';
import { IntrinsicArgumentFailure } from './intrinsic-function.js';

const rt = { sources: { input: null, context: () => null, variable: () => undefined }, random: () => 0.5 };
const call = (name: string, ...args: Json[]): Json => {
  const fn = INTRINSIC_FUNCTIONS.get(name);
  if (fn === undefined) throw new Error(name);
  return fn.invoke(args, rt);
};
const fails = (name: string, ...args: Json[]) =>
  expect(() => call(name, ...args)).toThrow(new IntrinsicArgumentFailure(`Invalid arguments in ${name}`));

describe('States.Array', () => {
  it('collects its arguments, none giving []', () => {
    expect(call('States.Array')).toEqual([]);
    expect(call('States.Array', 1, 'a', null, [1], { a: 1 })).toEqual([1, 'a', null, [1], { a: 1 }]);
  });
});

describe('States.ArrayPartition', () => {
  it('chunks, the last chunk shorter', () => {
    expect(call('States.ArrayPartition', [0, 1, 2, 3], 3)).toEqual([[0, 1, 2], [3]]);
    expect(call('States.ArrayPartition', [0, 1], 5)).toEqual([[0, 1]]);
    expect(call('States.ArrayPartition', [], 2)).toEqual([]);
  });
  it('truncates the size and refuses sizes below 1', () => {
    expect(call('States.ArrayPartition', [1, 2, 3, 4, 5], 2.6)).toEqual([[1, 2], [3, 4], [5]]);
    fails('States.ArrayPartition', [1, 2, 3], 0.6);
    fails('States.ArrayPartition', [1, 2, 3], 0);
    fails('States.ArrayPartition', [1, 2, 3], -1);
    fails('States.ArrayPartition', [1, 2, 3], '2');
    fails('States.ArrayPartition', 'not-array', 2);
  });
});

describe('States.ArrayContains', () => {
  it('compares like AWS does: by Java text', () => {
    expect(call('States.ArrayContains', [[1, 2, 3], 2], [1, 2, 3])).toBe(true);
    expect(call('States.ArrayContains', [{ 1: 2, 2: [] }], { 1: 2, 2: [] })).toBe(true);
    expect(call('States.ArrayContains', [], null)).toBe(false);
    expect(call('States.ArrayContains', [{ a: 1 }], { a: 1, extra: null })).toBe(false);
    expect(call('States.ArrayContains', [{ a: 1, b: 2 }], { b: 2, a: 1 })).toBe(false);
    expect(call('States.ArrayContains', ['true'], true)).toBe(true);
    expect(call('States.ArrayContains', [0, 1], false)).toBe(false);
    fails('States.ArrayContains', 'not-array', 'x');
  });
});

describe('States.ArrayRange', () => {
  it('is inclusive in both directions', () => {
    expect(call('States.ArrayRange', 1, 9, 2)).toEqual([1, 3, 5, 7, 9]);
    expect(call('States.ArrayRange', 0, 9, 3)).toEqual([0, 3, 6, 9]);
    expect(call('States.ArrayRange', 1, 9, 9)).toEqual([1]);
    expect(call('States.ArrayRange', 5, 1, -2)).toEqual([5, 3, 1]);
    expect(call('States.ArrayRange', 5, 1, 1)).toEqual([]);
    expect(call('States.ArrayRange', 3, 3, -1)).toEqual([3]);
  });
  it('truncates its arguments', () => {
    expect(call('States.ArrayRange', 1.6, 1.4, 1)).toEqual([1]);
    expect(call('States.ArrayRange', 5.4, -0.6, -2.4)).toEqual([5, 3, 1]);
  });
  it('allows 1000 items, not 1001, and no zero step', () => {
    expect(call('States.ArrayRange', 1, 1000, 1)).toHaveLength(1000);
    expect(call('States.ArrayRange', 1000, 1, -1)).toHaveLength(1000);
    fails('States.ArrayRange', 1, 1001, 1);
    fails('States.ArrayRange', 1, 10, 0);
    fails('States.ArrayRange', 1, 10, 0.49);
    fails('States.ArrayRange', 'a', 5, 1);
  });
});

describe('States.ArrayGetItem', () => {
  it('reads an index, truncating it', () => {
    expect(call('States.ArrayGetItem', ['a', 'b', 'c'], 1)).toBe('b');
    expect(call('States.ArrayGetItem', [10, 20, 30], 1.2)).toBe(20);
    expect(call('States.ArrayGetItem', [null], 0)).toBe(null);
  });
  it('fails out of range, except on an empty array', () => {
    fails('States.ArrayGetItem', [10, 20, 30], 3);
    fails('States.ArrayGetItem', [10, 20, 30], -1);
    fails('States.ArrayGetItem', [10, 20, 30], '1');
    fails('States.ArrayGetItem', 'not-array', 0);
    expect(call('States.ArrayGetItem', [], 999)).toBe(null);
  });
});

describe('States.ArrayLength and States.ArrayUnique', () => {
  it('counts top-level items', () => {
    expect(call('States.ArrayLength', [1, [2, 3], { a: 1 }])).toBe(3);
    fails('States.ArrayLength', { k: 1 });
  });
  it('keeps first occurrences by deep equality', () => {
    const input: Json = [null, null, true, true, 1, 1, 1.1, '1', 'x', 'x', [], [], [null], [null], { a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1, b: 1 }];
    expect(call('States.ArrayUnique', input)).toEqual([null, true, 1, 1.1, '1', 'x', [], [null], { a: 1, b: 2 }, { a: 1, b: 1 }]);
    fails('States.ArrayUnique', 'x');
  });
});

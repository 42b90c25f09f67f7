import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import { INTRINSIC_FUNCTIONS } from './compile-intrinsic.js';
import { createJavaRandom } from './java-compat.js';
import { createUuidV4 } from './math-functions.js';
import { IntrinsicArgumentFailure } from './intrinsic-function.js';

const sources = { input: null, context: () => null, variable: () => undefined };
const call = (name: string, args: Json[], random = () => 0.5): Json => {
  const fn = INTRINSIC_FUNCTIONS.get(name);
  if (fn === undefined) throw new Error(name);
  return fn.invoke(args, { sources, random });
};
const fails = (name: string, args: Json[]) =>
  expect(() => call(name, args)).toThrow(new IntrinsicArgumentFailure(`Invalid arguments in ${name}`));

describe('States.MathAdd', () => {
  it('rounds each operand half toward +∞ (recorded test_math_add values)', () => {
    const cases: [number, number, number][] = [
      [-9, 3, -6],
      [-1.51, 0, -2],
      [0.5, 0, 1],
      [3.5, 0, 4],
      [-0.5, 0.5, 1],
      [-0.5, 0, 0],
      [-2.5, 0, -2],
      [1.5, 1.51, 4],
      [-3.5, 0, -3],
      [-1.49, -1.5, -2],
      [-1.5, -1.51, -3],
      [1.49, 0, 1],
      [1.49, -1.49, 0],
      [1.5, 0, 2],
      [1.51, 0, 2],
    ];
    for (const [a, b, sum] of cases) expect(call('States.MathAdd', [a, b]), `${a} + ${b}`).toBe(sum);
    expect(Object.is(call('States.MathAdd', [-0.5, -0.4]), 0)).toBe(true);
  });
  it('needs numbers within Java int range', () => {
    fails('States.MathAdd', ['1', 2]);
    fails('States.MathAdd', [null, 2]);
    fails('States.MathAdd', [2147483648, 0]);
    expect(call('States.MathAdd', [2147483647, -1])).toBe(2147483646);
  });
});

describe('States.MathRandom', () => {
  it('draws in [start, end) from the injected randomness', () => {
    expect(call('States.MathRandom', [1, 999], () => 0)).toBe(1);
    expect(call('States.MathRandom', [1, 999], () => 0.999999)).toBe(998);
    expect(call('States.MathRandom', [-99999, -9999], () => 0.5)).toBe(-54999);
  });
  it('truncates the bounds and needs start < end', () => {
    expect(call('States.MathRandom', [1.6, 5.4], () => 0)).toBe(1);
    expect(call('States.MathRandom', [12.5, 44.51], () => 0.999999)).toBe(43);
    fails('States.MathRandom', [1, 1]);
    fails('States.MathRandom', [10, 5]);
    fails('States.MathRandom', [1.4, 1.6]);
    fails('States.MathRandom', ['a', 10]);
    fails('States.MathRandom', [1, 10, 'seed']);
    fails('States.MathRandom', [1, 10, null]);
  });
  it('is java.util.Random(seed).nextInt(end - start) + start with a seed', () => {
    // Values printed by a JVM; -5 for (-5, 5, 42) was also observed on AWS.
    expect(call('States.MathRandom', [-5, 5, 42])).toBe(-5);
    expect(call('States.MathRandom', [0, 999, 3])).toBe(239);
    expect(call('States.MathRandom', [1, 10, -10])).toBe(1);
    expect(call('States.MathRandom', [0, 1000, 123456789012])).toBe(462);
    expect(call('States.MathRandom', [1, 100, 42])).toBe(call('States.MathRandom', [1, 100, 42]));
  });
});

describe('createJavaRandom', () => {
  it('reproduces the JVM sequence', () => {
    expect(createJavaRandom(42n).nextInt()).toBe(-1170105035);
    expect(createJavaRandom(0n).nextInt()).toBe(-1155484576);
    expect(createJavaRandom(42n).nextIntBelow(16)).toBe(11);
    expect(createJavaRandom(1n).nextIntBelow(7)).toBe(4);
    const random = createJavaRandom(7n);
    const draws = Array.from({ length: 5 }, () => random.nextIntBelow(2147483647));
    expect(draws).toEqual([1569164236, 1371249164, 1608829485, 20678044, 747989380]);
  });
});

describe('States.UUID', () => {
  it('builds a v4 UUID from the injected randomness', () => {
    expect(call('States.UUID', [])).toBe('80808080-8080-4080-8080-808080808080');
    let i = 0;
    const uuid = createUuidV4({ random: () => ((i++ * 37) % 256) / 256 });
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

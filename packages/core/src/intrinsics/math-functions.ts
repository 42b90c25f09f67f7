import type { Json } from '../json.js';
import {
  defineFunction,
  type IntrinsicFunction,
  type IntrinsicRuntime,
  invalidArguments,
  requireInteger,
  requireNumber,
} from './intrinsic-function.js';
import { createJavaRandom } from './java-compat.js';
import { uuidFromBytes } from '../ids.js';

const MATH_ADD = 'States.MathAdd';
const MATH_RANDOM = 'States.MathRandom';
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MAX = (1n << 63n) - 1n;

/** MathAdd, MathRandom and UUID: the numeric functions and the two that draw randomness. */
export const mathFunctions: readonly IntrinsicFunction[] = [
  defineFunction(MATH_ADD, 2, 2, ([a, b]) => roundHalfUp(a as Json) + roundHalfUp(b as Json)),
  defineFunction(MATH_RANDOM, 2, 3, (args, rt) => randomBetween(args, rt)),
  defineFunction('States.UUID', 0, 0, (_args, rt) => createUuidV4(rt)),
];

/**
 * Each operand is rounded on its own, the way Java's `Math.round` does (half toward +∞),
 * before adding. Recorded case test_math_add: 1.5 + 1.51 = 4, -1.5 + -1.51 = -3, -2.5 → -2,
 * -0.5 → 0, 0.5 → 1, 3.5 → 4, -3.5 → -3. AWS docs limit operands to Java's int range.
 */
function roundHalfUp(value: Json): number {
  const rounded = Math.round(requireNumber(value, MATH_ADD));
  if (rounded < INT_MIN || rounded > INT_MAX) throw invalidArguments(MATH_ADD);
  return rounded === 0 ? 0 : rounded;
}

/**
 * An integer in [start, end): the end is exclusive and `start < end` is required, after
 * truncating both (characterization suite on AWS: `MathRandom(1, 1)`, `(10, 5)` and
 * `(1.4, 1.6)` fail; `(1.6, 5.4)` returned 1). A seed makes it `java.util.Random(seed)`.
 */
function randomBetween(args: readonly Json[], rt: IntrinsicRuntime): Json {
  const start = requireInteger(args[0] as Json, MATH_RANDOM);
  const end = requireInteger(args[1] as Json, MATH_RANDOM);
  const bound = end - start;
  if (bound <= 0 || bound > INT_MAX) throw invalidArguments(MATH_RANDOM);
  if (args.length < 3) return start + Math.floor(rt.random() * bound);
  // Jackson's asLong(): truncation, saturating at the long range like Java's (long) cast.
  const seed = BigInt(Math.trunc(requireNumber(args[2] as Json, MATH_RANDOM)));
  const long = seed > LONG_MAX ? LONG_MAX : seed < -LONG_MAX - 1n ? -LONG_MAX - 1n : seed;
  return start + createJavaRandom(long).nextIntBelow(bound);
}

/** States.UUID: a version 4 UUID, lowercase, one byte per draw of the execution's injected randomness. */
export function createUuidV4(rt: Pick<IntrinsicRuntime, 'random'>): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(rt.random() * 256);
  return uuidFromBytes(bytes);
}

import type { Json } from '../json.js';

/**
 * Renders a value the way Java's `String.valueOf` renders it once AWS has turned JSON into
 * Java objects: strings raw, `null`, maps as `{k=v, k2=v2}`, lists as `[a, b]`.
 * Evidence: recorded cases test_format_2 (`{"Arg1": 1, "Arg2": []}` → `{Arg1=1, Arg2=[]}`),
 * test_context_json_path (`$$.StateMachine` → `{Id=arn:…, Name=…}`), test_format_1 (null →
 * `null`, 1.1 → `1.1`).
 */
export function renderJavaText(value: Json): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return renderJavaNumber(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ', ';
      out += renderJavaText(value[i] as Json);
    }
    return out + ']';
  }
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    if (!first) out += ', ';
    first = false;
    out += key + '=' + renderJavaText(value[key] as Json);
  }
  return out + '}';
}

/**
 * Integers print as integers (Jackson reads them as int/long). Other numbers follow
 * `Double.toString`: plain between 10^-3 and 10^7, else `d.dddE±n` (`1.0E-4`, `1.5E7`).
 * JavaScript's shortest round-trip digits are the digits Java 19+ prints.
 */
export function renderJavaNumber(value: number): string {
  const magnitude = Math.abs(value);
  if (Number.isInteger(value) && magnitude < 1e21) return String(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) return String(value);
  const [mantissa = '0', exponent = '0'] = value.toExponential().split('e');
  const digits = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${digits}E${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
}

/**
 * `java.util.Random`: a 48-bit linear congruential generator. States.MathRandom with a seed
 * must give the same number for the same seed on every run; AWS runs on the JVM and the
 * characterization suite observed `MathRandom(-5, 5, 42)` = -5, which is
 * `new Random(42).nextInt(10) + (-5)`. BigInt keeps the 48-bit arithmetic exact.
 */
const MULTIPLIER = 0x5deece66dn;
const INCREMENT = 0xbn;
const MASK = (1n << 48n) - 1n;

export interface JavaRandom {
  /** `Random.nextInt()`: a signed 32-bit integer. */
  nextInt(): number;
  /** `Random.nextInt(bound)`: uniform in [0, bound); `bound` must be a positive int. */
  nextIntBelow(bound: number): number;
  /** `Random.nextDouble()`: uniform in [0, 1), 53 random bits. */
  nextDouble(): number;
}

/** `new java.util.Random(seed)`; `seed` is a Java long (two's complement 64 bits). */
export function createJavaRandom(seed: bigint): JavaRandom {
  let state = (BigInt.asIntN(64, seed) ^ MULTIPLIER) & MASK;

  const next = (bits: number): number => {
    state = (state * MULTIPLIER + INCREMENT) & MASK;
    return Number(BigInt.asIntN(32, state >> BigInt(48 - bits)));
  };

  return {
    nextInt: () => next(32),
    nextDouble: () => (next(26) * 2 ** 27 + next(27)) / 2 ** 53,
    nextIntBelow(bound: number): number {
      if (!Number.isInteger(bound) || bound <= 0 || bound > 0x7fffffff) {
        throw new RangeError(`bound must be a positive int, got ${bound}`);
      }
      let r = next(31);
      const m = bound - 1;
      if ((bound & m) === 0) {
        // Power of two: the high bits are the better ones.
        return Number((BigInt(bound) * BigInt(r)) >> 31n);
      }
      // Rejects the top partial bucket, exactly as Java does (its int overflow test).
      let u = r;
      r = u % bound;
      while (((u - r + m) | 0) < 0) {
        u = next(31);
        r = u % bound;
      }
      return r;
    },
  };
}

/**
 * The functions Step Functions adds to JSONata (`$partition`, `$range`, `$hash`, `$random`,
 * `$uuid`, `$parse`) and the ones it takes away (`$eval`), plus `$now`/`$millis` on the
 * execution's clock. Declared as data, registered on every compiled expression.
 */
import type { Json } from '../json.js';
import { randomUuid } from '../ids.js';
import { md5Hex, sha1Hex } from '../intrinsics/digest/md5-sha1.js';
import { sha256Hex, sha384Hex, sha512Hex } from '../intrinsics/digest/sha2.js';
import { createJavaRandom } from '../intrinsics/java-compat.js';
import { encodeUtf8 } from '../intrinsics/text-encoding.js';
import { memoryLimitError } from './limits.js';

/**
 * What the added functions need from the execution, bound per evaluation under a name no
 * expression can spell (it holds a space), so that compiled expressions stay shared.
 */
export const RUNTIME_BINDING = ' flowgate';

export interface FunctionRuntime {
  random(): number;
  now(): number;
}

/** The `this` the library gives a registered function. */
interface Focus {
  readonly environment: { lookup(name: string): unknown };
}

function runtimeOf(focus: Focus): FunctionRuntime {
  return focus.environment.lookup(RUNTIME_BINDING) as FunctionRuntime;
}

export interface AddedFunction {
  readonly name: string;
  /** The library's signature notation; its own errors (T0410…) answer wrong arguments. */
  readonly signature: string;
  readonly implementation: (this: Focus, ...args: never[]) => unknown;
  /** Whether it reads the execution's randomness or clock (then the runtime is bound). */
  readonly needsRuntime: boolean;
}

/** AWS rounds a non-integer argument towards zero (measured, e.g. `$range(-1.7, 2, 1)` starts at -1). */
const integer = Math.trunc;

/** AWS refuses a `$range` of more elements than this with its memory-limit error (measured). */
const MAX_RANGE_ELEMENTS = 360_145;

function partition(array: Json[] | undefined, size: number | undefined): Json[] | undefined {
  if (array === undefined || size === undefined) return undefined;
  const chunk = integer(size);
  // AWS answers nothing for an empty array or a size below one (measured).
  if (array.length === 0 || !(chunk >= 1)) return undefined;
  const chunks: Json[] = [];
  for (let i = 0; i < array.length; i += chunk) chunks.push(array.slice(i, i + chunk));
  return chunks;
}

function range(start: number | undefined, end: number | undefined, step: number | undefined): number | number[] | undefined {
  if (start === undefined || end === undefined || step === undefined) return undefined;
  const from = integer(start);
  const to = integer(end);
  const by = integer(step);
  // A step of zero, or one pointing away from the end, gives nothing (measured).
  if (by === 0 || (to - from !== 0 && Math.sign(to - from) !== Math.sign(by))) return undefined;
  const count = Math.floor((to - from) / by) + 1;
  if (count > MAX_RANGE_ELEMENTS) throw memoryLimitError();
  const values: number[] = new Array<number>(count);
  for (let i = 0; i < count; i++) values[i] = from + i * by;
  // AWS's $range answers a sequence: a single element comes out bare (measured: `$range(1, 9, 9)` is 1).
  (values as number[] & { sequence?: boolean }).sequence = true;
  return count === 1 ? values[0] : values;
}

const DIGESTS: Readonly<Record<string, (bytes: Uint8Array) => string>> = {
  MD5: md5Hex,
  'SHA-1': sha1Hex,
  'SHA-256': sha256Hex,
  'SHA-384': sha384Hex,
  'SHA-512': sha512Hex,
};

function hash(value: string | undefined, algorithm: string | undefined): string | undefined {
  if (value === undefined || algorithm === undefined) return undefined;
  const digest = Object.prototype.hasOwnProperty.call(DIGESTS, algorithm) ? DIGESTS[algorithm] : undefined;
  if (digest === undefined) {
    throw { code: 'D3137', message: `The hash algorithm '${algorithm}' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512` };
  }
  return digest(encodeUtf8(value));
}

function parse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw { code: 'D3140', message: `Unable to parse the JSON string: ${text}` };
  }
}

/**
 * `$random(seed)`: the first draw of Java's `new Random(seed).nextDouble()`. AWS runs JSONata on
 * the JVM and seeds States.MathRandom that way (see java-compat.ts); the generator behind
 * `$random` is an assumption, its repeatability per seed is AWS's documented contract.
 */
export function seededRandom(seed: number): number {
  return createJavaRandom(BigInt(integer(seed))).nextDouble();
}

interface LibraryFunction {
  readonly implementation: (...args: unknown[]) => unknown;
}

export const ADDED_FUNCTIONS: readonly AddedFunction[] = [
  { name: 'partition', signature: '<an:a>', implementation: partition as never, needsRuntime: false },
  { name: 'range', signature: '<nnn?:x>', implementation: range as never, needsRuntime: false },
  { name: 'hash', signature: '<s-s?:s>', implementation: hash as never, needsRuntime: false },
  { name: 'parse', signature: '<s-:x>', implementation: parse as never, needsRuntime: false },
  {
    name: 'random',
    signature: '<n?:n>',
    implementation: function (this: Focus, seed: number | undefined) {
      return seed === undefined ? runtimeOf(this).random() : seededRandom(seed);
    } as never,
    needsRuntime: true,
  },
  {
    name: 'uuid',
    signature: '<:s>',
    implementation: function (this: Focus) {
      return randomUuid(() => runtimeOf(this).random());
    } as never,
    needsRuntime: true,
  },
  {
    // The library reads the machine's clock; the engine's clock is the injected one.
    name: 'now',
    signature: '<s?s?:s>',
    implementation: function (this: Focus, picture: string | undefined, timezone: string | undefined) {
      const fromMillis = this.environment.lookup('fromMillis') as LibraryFunction;
      return fromMillis.implementation(runtimeOf(this).now(), picture, timezone);
    } as never,
    needsRuntime: true,
  },
  {
    name: 'millis',
    signature: '<:n>',
    implementation: function (this: Focus) {
      return runtimeOf(this).now();
    } as never,
    needsRuntime: true,
  },
];

/** Library functions AWS leaves out: a call answers `T1006: Attempted to invoke a non-function`. */
export const REMOVED_FUNCTIONS: readonly string[] = ['eval'];

import type { Json } from '../json.js';
import type { ValueSources } from '../sources.js';
import type { IntrinsicNode } from './intrinsic-ast.js';

/** What an intrinsic needs from the running state: its sources and the execution's randomness. */
export interface IntrinsicRuntime {
  /** Resolves `$` / `$$` / `$var` path arguments via `selectFrom`. */
  readonly sources: ValueSources;
  /** Injected randomness in [0, 1): MathRandom without a seed, UUID. */
  random(): number;
}

/** Runs one function on its evaluated arguments; throws `IntrinsicArgumentFailure`. */
export type IntrinsicInvoke = (args: readonly Json[], rt: IntrinsicRuntime) => Json;

/** One of the 18 `States.*` functions. */
export interface IntrinsicFunction {
  readonly kind: 'function';
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly invoke: IntrinsicInvoke;
  /**
   * Optional compile-time specialisation from the argument nodes (e.g. States.Format parses a
   * literal template once). Returns undefined to use `invoke`.
   */
  readonly specialize?: (args: readonly IntrinsicNode[]) => IntrinsicInvoke | undefined;
}

/** Shorthand used by the function modules. */
export function defineFunction(
  name: string,
  minArgs: number,
  maxArgs: number,
  invoke: IntrinsicInvoke,
  specialize?: (args: readonly IntrinsicNode[]) => IntrinsicInvoke | undefined,
): IntrinsicFunction {
  return specialize === undefined
    ? { kind: 'function', name, minArgs, maxArgs, invoke }
    : { kind: 'function', name, minArgs, maxArgs, invoke, specialize };
}

/**
 * Raised by a function (or a path argument) while an intrinsic is evaluated. The compiled
 * intrinsic catches it at the top and re-raises `States.Runtime` with AWS's envelope:
 * `The function '<whole expression>' had the following error: <detail>`.
 *
 * Evidence for the error name and envelope: causes captured from real AWS (us-east-1) and
 * quoted by the Floci emulator's tests and a public CDK construct README, e.g.
 * "The function 'States.Array(...)' had the following error: The JsonPath argument for the
 * field '...' could not be found in the input '...'"; bad arguments read
 * "Invalid arguments in States.MathAdd" (integration tests run against AWS). AWS docs name
 * `States.IntrinsicFailure`, but AWS itself raises `States.Runtime`, which no Catch matches.
 */
export class IntrinsicArgumentFailure extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'IntrinsicArgumentFailure';
  }
}

/** AWS's wording for any argument a function rejects (type, range, count). */
export function invalidArguments(functionName: string): IntrinsicArgumentFailure {
  return new IntrinsicArgumentFailure(`Invalid arguments in ${functionName}`);
}

export function requireArray(value: Json, functionName: string): Json[] {
  if (!Array.isArray(value)) throw invalidArguments(functionName);
  return value;
}

export function requireString(value: Json, functionName: string): string {
  if (typeof value !== 'string') throw invalidArguments(functionName);
  return value;
}

export function requireNumber(value: Json, functionName: string): number {
  if (typeof value !== 'number') throw invalidArguments(functionName);
  return value;
}

/**
 * Integer arguments are truncated toward zero, as Java's `(int)` / Jackson's `asInt()` do.
 * Observed on AWS by a characterization suite: `ArrayPartition(arr, 2.6)` chunks by 2,
 * `ArrayRange(1.6, 1.4, 1)` is `[1]`, `ArrayGetItem(arr, 1.2)` reads index 1,
 * `MathRandom(1.6, 5.4)` can return 1. (MathAdd alone rounds; see math-functions.ts.)
 */
export function requireInteger(value: Json, functionName: string): number {
  const truncated = Math.trunc(requireNumber(value, functionName));
  if (truncated < -2147483648 || truncated > 2147483647) throw invalidArguments(functionName);
  return truncated === 0 ? 0 : truncated;
}

/**
 * Guard rails for expressions that come from a definition. An expression that runs too long,
 * nests too deep or builds too much fails its state with States.QueryEvaluationError instead
 * of stalling the process. The library checks time and depth on entry to every node it
 * evaluates; a range (`[1..n]`) and every sequence it builds are checked against a size before
 * they are allocated, so `$sum([1..100000000])` fails at once, without the array.
 */

export interface JsonataLimits {
  /** Wall-clock milliseconds one evaluation may take. */
  readonly timeoutMs: number;
  /** How deep evaluation may nest (recursion included). */
  readonly maxDepth: number;
  /** How many items one sequence (a range, a path's results) may hold. */
  readonly maxSequence: number;
}

/**
 * AWS's bounds, as measured by third parties: 5 s per evaluation (the JVM library's default
 * timebox); 100 levels of nesting, counted as this library counts them (AWS accepts a
 * non-tail-recursive `$f(31)`, `1+1+…+1` with 100 terms, 99 nested parentheses or brackets,
 * and refuses one level more: the same limits as `stack: 100` here); 873,782 numbers per value
 * (about 7 MB, AWS's memory bound: `[1..873782]` passes, one more fails).
 */
export const DEFAULT_LIMITS: JsonataLimits = { timeoutMs: 5000, maxDepth: 100, maxSequence: 873_782 };

/** The library's options object for these limits. */
export function libraryOptions(limits: JsonataLimits): { timeout: number; stack: number; sequence: number } {
  return { timeout: limits.timeoutMs, stack: limits.maxDepth, sequence: limits.maxSequence };
}

/** AWS's message when an expression builds a value over its memory bound (measured). */
const MEMORY_LIMIT = 'Expression evaluation memory limit exceeded';

export function memoryLimitError(): { code: string; message: string } {
  return { code: 'D2015', message: MEMORY_LIMIT };
}

/**
 * The library's guard-rail errors in AWS's words: AWS's JVM library reports `Stack overflow
 * error: … Depth=101 max=100` and an evaluation timeout; both fail the field like any error.
 */
export function describeLimitError(code: string | undefined, limits: JsonataLimits): string | undefined {
  switch (code) {
    case 'D1011':
      return `Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive. Depth=${limits.maxDepth + 1} max=${limits.maxDepth}`;
    case 'D1012':
      return `Expression evaluation timeout: ${limits.timeoutMs}ms. Check for infinite loop`;
    case 'D2014':
    case 'D2015':
      return MEMORY_LIMIT;
    default:
      return undefined;
  }
}

/**
 * Library evaluations run one at a time, in the order they were started. The library awaits
 * at every node, so concurrent evaluations (many executions at once) would interleave and each
 * would see the others' time on its clock: under load a short expression could pass the time
 * limit. One at a time, the limit measures the expression's own time. Nothing is lost: the
 * evaluations share one thread either way, and none waits for anything but its own work.
 */
let tail: Promise<unknown> = Promise.resolve();

export function inTurn<T>(evaluate: () => Promise<T>): Promise<T> {
  const turn = tail.then(evaluate);
  tail = turn.then(
    () => undefined,
    () => undefined,
  );
  return turn;
}

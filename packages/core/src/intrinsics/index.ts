/**
 * Intrinsic functions (`States.Format(…)` and the 17 others) of JSONPath-mode states:
 * parsed and compiled once, evaluated per state run. Pure: no I/O, no Node-only APIs;
 * randomness comes from the runtime.
 */
export { compileIntrinsic, type CompiledIntrinsic } from './compile-intrinsic.js';
export type { IntrinsicRuntime } from './intrinsic-function.js';
export { IntrinsicSyntaxError, parseIntrinsic } from './parse-intrinsic.js';
export type { IntrinsicNode } from './intrinsic-ast.js';

const INTRINSIC_START = /^States\.[A-Za-z][A-Za-z0-9]*\s*\(/;

/**
 * True when a `.$` value is meant as an intrinsic call (`States.` + name + `(`); such a value
 * is then compiled with `compileIntrinsic`, which reports what is wrong with it.
 */
export function looksLikeIntrinsic(text: string): boolean {
  return INTRINSIC_START.test(text);
}

import type { CompiledPath } from '../jsonpath/index.js';

/** One node of a parsed intrinsic expression; arguments are nodes too. */
export type IntrinsicNode = CallNode | StringNode | NumberNode | LiteralNode | PathNode;

export interface CallNode {
  readonly kind: 'call';
  /** Full name as written, e.g. `States.Format`. */
  readonly name: string;
  readonly args: readonly IntrinsicNode[];
}

export interface StringNode {
  readonly kind: 'string';
  /** The value with escapes resolved. */
  readonly value: string;
  /**
   * The text between the quotes, escapes kept: `States.Format` needs it to tell an
   * escaped `\{\}` (literal braces) from a `{}` placeholder.
   */
  readonly raw: string;
}

export interface NumberNode {
  readonly kind: 'number';
  readonly value: number;
}

export interface LiteralNode {
  readonly kind: 'literal';
  readonly value: boolean | null;
}

export interface PathNode {
  readonly kind: 'path';
  /** The path as written (AWS quotes it in the "could not be found" cause). */
  readonly source: string;
  readonly path: CompiledPath;
}

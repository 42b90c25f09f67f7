/**
 * JSONPath as AWS Step Functions evaluates it (Jayway JsonPath semantics).
 *
 * - `$…` reads the value given to select() as input, `$$…` the context object, `$name…` a
 *   workflow variable (the caller picks the value; see `selectFrom` in ../sources.ts).
 * - Paths are compiled once; select() walks values only (no parsing, no regex construction).
 * - Definite paths yield one node or "not found" with Jayway's message; indefinite paths yield
 *   the array of their matches. See evaluate.ts for the rules and syntax.ts for the grammar.
 */
import type { Json } from '../json.js';
import { buildChain, definiteGetter, isDefinite, notFoundExplainer } from './evaluate.js';
import { pathString } from './jayway.js';
import type { Step } from './syntax.js';
import { PathSyntaxError, parseSteps } from './syntax.js';
import type { Writer } from './write.js';
import { compileWriter, writeSteps } from './write.js';

export { PathSyntaxError } from './syntax.js';
export type { Writer } from './write.js';
export { unwritableMessage } from './write.js';

export type PathRoot = 'input' | 'context' | 'variable';
export type PathResult = { readonly found: true; readonly value: Json } | { readonly found: false; readonly message: string };

export interface CompiledPath {
  readonly source: string; // the text as written
  readonly root: PathRoot; // '$…' input, '$$…' context object, '$name…' workflow variable
  readonly variable: string | undefined; // variable name when root === 'variable' (e.g. '$foo.bar[0]' -> 'foo')
  readonly definite: boolean; // false when it has a wildcard, slice, filter, union or deep scan
  readonly isReferencePath: boolean; // only simple steps: .name, ['name'], [n] (what ResultPath accepts)
  readonly stepCount: number; // steps after the root: 0 for `$`, `$$` or `$name` alone
  /** Evaluate against the value the root names. Definite path: the node. Indefinite: array of matches (may be empty). */
  select(rootValue: Json): PathResult;
  /** The same as select, without a result object: the value, or undefined when not found. */
  get(rootValue: Json): Json | undefined;
}

const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*/u;

class Path implements CompiledPath {
  readonly source: string;
  readonly root: PathRoot;
  readonly variable: string | undefined;
  readonly definite: boolean;
  readonly isReferencePath: boolean;
  readonly stepCount: number;
  /** The steps after the root (`$$.a` and `$x.a` have the steps of `$.a`). */
  readonly steps: readonly Step[];
  readonly select: (rootValue: Json) => PathResult;
  readonly get: (rootValue: Json) => Json | undefined;

  constructor(source: string, root: PathRoot, variable: string | undefined, steps: readonly Step[]) {
    this.source = source;
    this.root = root;
    this.variable = variable;
    this.steps = steps;
    this.stepCount = steps.length;
    this.definite = isDefinite(steps);
    this.isReferencePath = steps.every(
      (s) => (s.kind === 'property' && s.names.length === 1) || (s.kind === 'index' && s.indexes.length === 1),
    );
    this.select = makeSelect(steps, this.definite);
    this.get = makeGet(steps, this.definite, this.select);
  }
}

/** Hot paths (templates, Choice) need the value only; a definite path needs no result object. */
function makeGet(steps: readonly Step[], definite: boolean, select: (rootValue: Json) => PathResult): (rootValue: Json) => Json | undefined {
  if (steps.length === 0) return (rootValue) => rootValue;
  if (definite && !steps.some((s) => s.kind === 'function')) return definiteGetter(steps);
  return (rootValue) => {
    const result = select(rootValue);
    return result.found ? result.value : undefined;
  };
}

function makeSelect(steps: readonly Step[], definite: boolean): (rootValue: Json) => PathResult {
  const fn = steps.find((s) => s.kind === 'function');
  if (fn !== undefined) {
    // AWS accepts `$.a.length()` in a definition but never finds anything with it.
    const result: PathResult = Object.freeze({
      found: false,
      message: `Path functions such as ${(fn as { name: string }).name}() are not supported: ${pathString(steps)}`,
    });
    return () => result;
  }
  if (steps.length === 0) return (rootValue) => ({ found: true, value: rootValue });
  if (definite) {
    const get = definiteGetter(steps);
    const explain = notFoundExplainer(steps);
    return (rootValue) => {
      const value = get(rootValue);
      return value !== undefined ? { found: true, value } : { found: false, message: explain(rootValue) };
    };
  }
  const chain = buildChain(steps, false);
  return (rootValue) => {
    const out: Json[] = [];
    chain(rootValue, out, rootValue);
    return { found: true, value: out };
  };
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Compiles a path: `$…`, `$$…` or `$name…`. Throws PathSyntaxError. */
export function compilePath(source: string): CompiledPath {
  if (typeof source !== 'string') throw new PathSyntaxError(String(source), 'a path must be a string');
  // Jayway trims the path text.
  let start = 0;
  let end = source.length;
  while (start < end && isBlank(source[start])) start++;
  while (end > start && isBlank(source[end - 1])) end--;
  const text = source.slice(start, end);
  if (text[0] !== '$') throw new PathSyntaxError(source, text === '' ? 'a path must not be empty' : "a path must start with '$'", start);
  if (text[1] === '$') {
    return new Path(source, 'context', undefined, parseSteps(source, text.slice(1), start + 1));
  }
  const name = VARIABLE_NAME.exec(text.slice(1));
  if (name !== null) {
    const variable = name[0];
    const rest = text.slice(1 + variable.length);
    if (rest !== '' && rest[0] !== '.' && rest[0] !== '[') {
      throw new PathSyntaxError(source, `unexpected '${rest[0]}' after the variable name '$${variable}'`, start + 1 + variable.length);
    }
    return new Path(source, 'variable', variable, parseSteps(source, `$${rest}`, start + variable.length));
  }
  return new Path(source, 'input', undefined, parseSteps(source, text, start));
}

/** Compiles a reference path (`$`, `.name`, `['name']`, `[n]` steps only; `$$` not allowed). */
export function compileReferencePath(source: string): CompiledPath {
  const path = compilePath(source);
  if (path.root === 'context') {
    throw new PathSyntaxError(source, "a reference path cannot read the context object ('$$')");
  }
  if (!path.isReferencePath) {
    throw new PathSyntaxError(
      source,
      "not a reference path: only '.name', ['name'] and [index] steps are allowed (no wildcards, slices, unions, filters, deep scans or functions)",
    );
  }
  return path;
}

/**
 * ResultPath semantics: returns a NEW value equal to `target` with `value` placed at `path` (reference path, root 'input'),
 * creating missing intermediate objects; shares untouched subtrees (never mutates target). `$` alone -> value.
 * Fails (ok:false with AWS-like message) when an intermediate node exists but is not an object (or an index is out of range / node not an array).
 */
export function writeAtPath(target: Json, path: CompiledPath, value: Json): { ok: true; value: Json } | { ok: false; message: string } {
  if (!(path instanceof Path) || !path.isReferencePath || path.root !== 'input') {
    return { ok: false, message: `The path '${path.source}' cannot be written to: only reference paths on '$' can` };
  }
  return writeSteps(target, path.steps, value, path.source);
}

/**
 * writeAtPath compiled once: the returned writer gives the new value, or undefined when the
 * path cannot be applied to the target (the message is then `unwritableMessage`).
 * Throws PathSyntaxError for a path writeAtPath would refuse.
 */
export function compileResultWriter(path: CompiledPath): Writer {
  if (!(path instanceof Path) || !path.isReferencePath || path.root !== 'input') {
    throw new PathSyntaxError(path.source, 'only reference paths on $ can be written to');
  }
  return compileWriter(path.steps);
}

import type { Json } from './json.js';
import type { CompiledPath, PathResult } from './jsonpath/index.js';

/**
 * What an expression in a JSONPath-mode state can read: the value `$` denotes (state input,
 * task result…), the context object `$$`, and workflow variables `$name`.
 * The context object is built on demand: most states never read it.
 */
export interface ValueSources {
  readonly input: Json;
  context(): Json;
  /** The variable's value, or `undefined` when it was never assigned in a visible scope. */
  variable(name: string): Json | undefined;
}

/** Evaluates a compiled path against the source its root names (`$`, `$$` or `$name`). */
export function selectFrom(path: CompiledPath, sources: ValueSources): PathResult {
  if (path.root === 'input') return path.select(sources.input);
  if (path.root === 'context') return path.select(sources.context());
  const name = path.variable as string;
  const value = sources.variable(name);
  if (value === undefined) return { found: false, message: `The variable '$${name}' is not defined.` };
  return path.select(value);
}

/** The value a path selects, or undefined when it selects nothing (no result object). */
export function valueFrom(path: CompiledPath, sources: ValueSources): Json | undefined {
  if (path.root === 'input') return path.get(sources.input);
  if (path.root === 'context') return path.get(sources.context());
  const value = sources.variable(path.variable as string);
  return value === undefined ? undefined : path.get(value);
}

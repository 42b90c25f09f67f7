import type { CompileContext } from './compile-context.js';
import { pointerTo } from './compile-context.js';
import { runtimeFailure } from './errors.js';
import type { IntrinsicNode } from './intrinsics/index.js';
import { compileIntrinsic, looksLikeIntrinsic, parseIntrinsic } from './intrinsics/index.js';
import type { Json, JsonObject } from './json.js';
import { defineKey, isJsonObject, toJsonText } from './json.js';
import type { CompiledPath } from './jsonpath/index.js';
import { compilePath } from './jsonpath/index.js';
import { QUICK_BOUND, quickSize } from './payload-size.js';
import type { StateSources } from './run.js';
import { valueFrom } from './sources.js';

/**
 * A compiled payload template (Parameters, ResultSelector, ItemSelector…): evaluate many times.
 * Given a tally, a template that knows its output's quick size (payload-size.ts) without a
 * walk of its own output writes it there (a literal, an object template); others leave it.
 */
export type Template = (sources: StateSources, tally?: SizeTally) => Json;

/** Where a template reports the quick size of what it built; the caller sets -1 first. */
export interface SizeTally {
  size: number;
}

/** The quick size of a value, scalars counted inline (payload-size.ts). */
function sizeOf(value: Json): number {
  return typeof value !== 'object' || value === null ? (typeof value === 'string' ? value.length + 2 : 5) : quickSize(value, QUICK_BOUND);
}

/**
 * Compiles a JSONPath-mode payload template. Keys ending in `.$` take their value from a path
 * (`$…`, `$$…`, `$var…`) or an intrinsic call; every other value is literal. Subtrees without
 * dynamic keys are returned as the same (frozen) value on every evaluation.
 */
export function compileTemplate(value: Json, pointer: string, cx: CompileContext): Template {
  if (!hasDynamicKeys(value)) {
    const constant = deepFreeze(value);
    const size = quickSize(constant, QUICK_BOUND);
    return (_sources, tally) => {
      if (tally !== undefined) tally.size = size;
      return constant;
    };
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) => compileTemplate(item, pointerTo(pointer, index), cx));
    return (sources) => items.map((item) => item(sources));
  }
  const object = value as JsonObject;
  const fields: TemplateField[] = [];
  for (const key of Object.keys(object)) {
    const field = object[key] as Json;
    if (key.endsWith('.$')) fields.push({ key: key.slice(0, -2), evaluate: compileDynamicValue(key, field, pointer, cx) });
    else if (hasDynamicKeys(field)) fields.push({ key, evaluate: compileTemplate(field, pointerTo(pointer, key), cx) });
    else fields.push({ key, constant: deepFreeze(field) });
  }
  return compileObject(fields);
}

/** One key of a template object: a literal value, or an evaluator for a dynamic one. */
type TemplateField = { readonly key: string; readonly constant: Json } | { readonly key: string; readonly evaluate: Template };

/**
 * Builds the evaluator of a template object. The output keeps the template's key order.
 *
 * Hot path: a prepared object holds the literal values and a placeholder per dynamic key;
 * each evaluation clones it (one shape for every output, no per-key transitions) and stores
 * only the dynamic values, through stores unrolled per count so that each store site sees
 * few key names. Repeated keys (`a` and `a.$`) and `__proto__` take the general path, which
 * writes every field in order, as the template reads.
 *
 * The output's quick size is the size of the literal part, known now, plus the sizes of the
 * dynamic values: the same sum quickSize makes, without walking the output's own keys.
 */
function compileObject(fields: readonly TemplateField[]): Template {
  const names = fields.map((field) => field.key);
  if (names.includes('__proto__') || new Set(names).size !== names.length) return compileObjectInOrder(fields);
  const shape: JsonObject = {};
  const keys: string[] = [];
  const evaluators: Template[] = [];
  let base = 2;
  for (const field of fields) {
    base += field.key.length + 4;
    if ('constant' in field) {
      shape[field.key] = field.constant;
      base += quickSize(field.constant, QUICK_BOUND);
    } else {
      shape[field.key] = null;
      keys.push(field.key);
      evaluators.push(field.evaluate);
    }
  }
  const [k0, k1, k2, k3] = keys as [string, string, string, string];
  const [e0, e1, e2, e3] = evaluators as [Template, Template, Template, Template];
  // Nested templates report their own size here, so that no part of the output is walked.
  const inner: SizeTally = { size: -1 };
  switch (keys.length) {
    case 0:
      return (_sources, tally) => {
        if (tally !== undefined) tally.size = base;
        return { ...shape };
      };
    case 1:
      return (sources, tally) => {
        const out: JsonObject = { ...shape };
        if (tally === undefined) {
          out[k0] = e0(sources);
        } else {
          tally.size = base;
          out[k0] = sized(e0, sources, tally, inner);
        }
        return out;
      };
    case 2:
      return (sources, tally) => {
        const out: JsonObject = { ...shape };
        if (tally === undefined) {
          out[k0] = e0(sources);
          out[k1] = e1(sources);
        } else {
          tally.size = base;
          out[k0] = sized(e0, sources, tally, inner);
          out[k1] = sized(e1, sources, tally, inner);
        }
        return out;
      };
    case 3:
      return (sources, tally) => {
        const out: JsonObject = { ...shape };
        if (tally === undefined) {
          out[k0] = e0(sources);
          out[k1] = e1(sources);
          out[k2] = e2(sources);
        } else {
          tally.size = base;
          out[k0] = sized(e0, sources, tally, inner);
          out[k1] = sized(e1, sources, tally, inner);
          out[k2] = sized(e2, sources, tally, inner);
        }
        return out;
      };
    case 4:
      return (sources, tally) => {
        const out: JsonObject = { ...shape };
        if (tally === undefined) {
          out[k0] = e0(sources);
          out[k1] = e1(sources);
          out[k2] = e2(sources);
          out[k3] = e3(sources);
        } else {
          tally.size = base;
          out[k0] = sized(e0, sources, tally, inner);
          out[k1] = sized(e1, sources, tally, inner);
          out[k2] = sized(e2, sources, tally, inner);
          out[k3] = sized(e3, sources, tally, inner);
        }
        return out;
      };
    default: {
      const count = keys.length;
      return (sources, tally) => {
        const out: JsonObject = { ...shape };
        if (tally !== undefined) tally.size = base;
        for (let i = 0; i < count; i++) {
          const evaluate = evaluators[i] as Template;
          out[keys[i] as string] = tally === undefined ? evaluate(sources) : sized(evaluate, sources, tally, inner);
        }
        return out;
      };
    }
  }
}

/** Evaluates one dynamic field and adds its quick size to `tally` (reported by it, or measured). */
function sized(evaluate: Template, sources: StateSources, tally: SizeTally, inner: SizeTally): Json {
  inner.size = -1;
  const value = evaluate(sources, inner);
  tally.size += inner.size >= 0 ? inner.size : sizeOf(value);
  return value;
}

/** The general path: every field written in template order into a fresh object. */
function compileObjectInOrder(fields: readonly TemplateField[]): Template {
  return (sources) => {
    const out: JsonObject = {};
    for (const field of fields) defineKey(out, field.key, 'constant' in field ? field.constant : field.evaluate(sources));
    return out;
  };
}

/** Compiles the string of a `.$` key: a path or an intrinsic call. */
export function compileDynamicValue(key: string, field: Json, pointer: string, cx: CompileContext): Template {
  // AWS-observed wording and location: the problem is reported at the template object.
  const invalid = (): Template => {
    cx.report(pointer, `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`);
    return () => null;
  };
  if (typeof field !== 'string') return invalid();
  if (field.startsWith('$')) {
    let path;
    try {
      path = compilePath(field);
    } catch {
      return invalid();
    }
    const missing = (sources: StateSources): never => {
      throw runtimeFailure(
        `The JSONPath '${field}' specified for the field '${key}' could not be found in the input '${toJsonText(sources.input)}'`,
      );
    };
    if (path.root === 'input') {
      // Most paths read `$`: straight to the compiled getter.
      const get = path.get;
      return (sources) => {
        const value = get(sources.input);
        return value !== undefined ? value : missing(sources);
      };
    }
    return (sources) => {
      const value = valueFrom(path, sources);
      return value !== undefined ? value : missing(sources);
    };
  }
  if (looksLikeIntrinsic(field)) {
    let call;
    try {
      call = compileIntrinsic(field);
    } catch {
      return invalid();
    }
    return (sources) => call.evaluate(sources);
  }
  return invalid();
}

/**
 * Whether a template's output may hold the very value it reads as `$` (rather than only values
 * inside it). Only a definite `$` path of at least one step is known to select strictly inside
 * `$`: `$` alone selects it, an indefinite path may match it (a filter applied to an object
 * tests that object), and a variable's value is not known here. Anything that does not parse
 * counts as holding it. `$$` paths read the context object, never the state input.
 */
export function mayHoldItsInput(template: Json): boolean {
  if (Array.isArray(template)) return template.some(mayHoldItsInput);
  if (!isJsonObject(template)) return false;
  for (const key of Object.keys(template)) {
    const field = template[key] as Json;
    if (!key.endsWith('.$')) {
      if (mayHoldItsInput(field)) return true;
      continue;
    }
    if (typeof field !== 'string') continue; // compiled as an error: evaluates to nothing
    try {
      if (field.startsWith('$') ? mayBeWholeInput(compilePath(field)) : looksLikeIntrinsic(field) && argumentsMayHoldInput(parseIntrinsic(field))) {
        return true;
      }
    } catch {
      return true;
    }
  }
  return false;
}

function mayBeWholeInput(path: CompiledPath): boolean {
  if (path.root === 'context') return false;
  return path.root === 'variable' || !path.definite || path.stepCount === 0;
}

function argumentsMayHoldInput(node: IntrinsicNode): boolean {
  if (node.kind === 'path') return mayBeWholeInput(node.path);
  return node.kind === 'call' && node.args.some(argumentsMayHoldInput);
}

function hasDynamicKeys(value: Json): boolean {
  if (Array.isArray(value)) return value.some(hasDynamicKeys);
  if (!isJsonObject(value)) return false;
  for (const key of Object.keys(value)) {
    if (key.endsWith('.$') || hasDynamicKeys(value[key] as Json)) return true;
  }
  return false;
}

/** Literal parts of a definition are shared by every execution, so they must never change. */
export function deepFreeze<T extends Json>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child as Json);
  }
  return value;
}

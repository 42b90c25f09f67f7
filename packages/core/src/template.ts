import type { CompileContext } from './compile-context.js';
import { pointerTo } from './compile-context.js';
import { runtimeFailure } from './errors.js';
import { compileIntrinsic, looksLikeIntrinsic } from './intrinsics/index.js';
import type { Json, JsonObject } from './json.js';
import { defineKey, isJsonObject, toJsonText } from './json.js';
import { compilePath } from './jsonpath/index.js';
import type { StateSources } from './run.js';
import { valueFrom } from './sources.js';

/** A compiled payload template (Parameters, ResultSelector, ItemSelector…): evaluate many times. */
export type Template = (sources: StateSources) => Json;

/**
 * Compiles a JSONPath-mode payload template. Keys ending in `.$` take their value from a path
 * (`$…`, `$$…`, `$var…`) or an intrinsic call; every other value is literal. Subtrees without
 * dynamic keys are returned as the same (frozen) value on every evaluation.
 */
export function compileTemplate(value: Json, pointer: string, cx: CompileContext): Template {
  if (!hasDynamicKeys(value)) {
    const constant = deepFreeze(value);
    return () => constant;
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) => compileTemplate(item, pointerTo(pointer, index), cx));
    return (sources) => items.map((item) => item(sources));
  }
  const object = value as JsonObject;
  const keys: string[] = [];
  const evaluators: Template[] = [];
  for (const key of Object.keys(object)) {
    const field = object[key] as Json;
    if (key.endsWith('.$')) {
      keys.push(key.slice(0, -2));
      evaluators.push(compileDynamicValue(key, field, pointer, cx));
    } else {
      keys.push(key);
      evaluators.push(compileTemplate(field, pointerTo(pointer, key), cx));
    }
  }
  const count = keys.length;
  if (keys.includes('__proto__')) {
    return (sources) => {
      const out: JsonObject = {};
      for (let i = 0; i < count; i++) defineKey(out, keys[i] as string, (evaluators[i] as Template)(sources));
      return out;
    };
  }
  // Cloning a prepared object gives every output the same shape without per-key transitions.
  const shape: JsonObject = {};
  for (const key of keys) shape[key] = null;
  return (sources) => {
    const out: JsonObject = { ...shape };
    for (let i = 0; i < count; i++) out[keys[i] as string] = (evaluators[i] as Template)(sources);
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
    return (sources) => {
      const value = valueFrom(path, sources);
      if (value === undefined) {
        throw runtimeFailure(
          `The JSONPath '${field}' specified for the field '${key}' could not be found in the input '${toJsonText(sources.input)}'`,
        );
      }
      return value;
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

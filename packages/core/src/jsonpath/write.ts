/**
 * ResultPath: place a value inside a copy of the state input. Only the nodes on the way are
 * copied; every other subtree is shared with the input, which is never mutated. The one
 * exception is a compiled writer told that the target is its caller's own fresh object (see
 * `Writer`): then the top-level node is updated instead of copied.
 */
import type { Json, JsonObject } from '../json.js';
import { defineKey, toJsonText } from '../json.js';
import type { Step } from './syntax.js';

const PROTO = Object.prototype as unknown as Record<string, unknown>;
const hop = Object.prototype.hasOwnProperty;

const FAIL = Symbol('fail');

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `steps`: single-name property and single-index steps only (a reference path). */
export function writeSteps(
  target: Json,
  steps: readonly Step[],
  value: Json,
  source: string,
): { ok: true; value: Json } | { ok: false; message: string } {
  if (steps.length === 0) return { ok: true, value };
  const result = write(target, steps, 0, value, false);
  if (result === FAIL) return { ok: false, message: unwritableMessage(source, target) };
  return { ok: true, value: result };
}

/**
 * Places a value at a reference path: the new value, or undefined when the path cannot be
 * applied (nothing is changed then). With `inPlace`, the caller vouches that the top-level
 * target is an object it created and nobody else holds: a key it already has is then replaced
 * in it rather than in a copy (a new key still goes onto a copy, see withKey; nodes below the
 * top are shared with others, so they are always copied).
 */
export type Writer = (target: Json, value: Json, inPlace: boolean) => Json | undefined;

/**
 * A writer compiled once per ResultPath. The common `$.name` gets its own closure: at most one
 * shallow copy of the target and one store, no recursion and no result object.
 */
export function compileWriter(steps: readonly Step[]): Writer {
  if (steps.length === 0) return (_target, value) => value;
  const first = steps[0] as Step;
  // `__proto__` needs defineKey (a plain store would set the prototype): the general path.
  if (steps.length === 1 && first.kind === 'property' && first.names[0] !== '__proto__') {
    const key = first.names[0] as string;
    const inherited = PROTO[key] !== undefined;
    return (target, value, inPlace) => {
      if (typeof target !== 'object' || target === null || Array.isArray(target)) return undefined;
      // A JSON value is never undefined: undefined means absent, unless the name is inherited.
      const present = target[key] !== undefined && (!inherited || hop.call(target, key));
      if (!present) return withNewKey(target, key, value);
      const out: JsonObject = inPlace ? target : { ...target };
      out[key] = value;
      return out;
    };
  }
  return (target, value, inPlace) => {
    const result = write(target, steps, 0, value, inPlace);
    return result === FAIL ? undefined : result;
  };
}

/**
 * A copy of `node` with `key` set: V8 (Node 20) copies an object fastest with a spread, but
 * adding a key to such a copy takes it off the fast path (about half a microsecond per key,
 * every time, for it and for later copies of it). So a spread copy only ever has existing
 * keys replaced; a new key goes onto an Object.assign copy, which takes it at normal speed.
 * Object.assign would call the `__proto__` setter for an own `__proto__` key: such an object
 * takes the spread path, and defineKey keeps the key data.
 */
function withKey(node: JsonObject, key: string, value: Json, inPlace: boolean): JsonObject {
  if (!hop.call(node, key)) return withNewKey(node, key, value);
  const out: JsonObject = inPlace ? node : { ...node };
  defineKey(out, key, value);
  return out;
}

/** A copy of `node` with a key it does not have added last (see withKey). */
function withNewKey(node: JsonObject, key: string, value: Json): JsonObject {
  const out: JsonObject = hop.call(node, '__proto__') ? { ...node } : Object.assign({}, node);
  defineKey(out, key, value);
  return out;
}

/** The message AWS gives when a ResultPath cannot be applied to the input. */
export function unwritableMessage(source: string, target: Json): string {
  return `Unable to apply ReferencePath ${source} to input ${toJsonText(target)}`;
}

/** `inPlace`: update `node` itself (see Writer); nodes below it are always copied. */
function write(node: Json, steps: readonly Step[], i: number, value: Json, inPlace: boolean): Json | typeof FAIL {
  const step = steps[i] as Step;
  const last = i === steps.length - 1;
  if (step.kind === 'property') {
    if (!isObject(node)) return FAIL;
    const key = step.names[0] as string;
    let child: Json | typeof FAIL;
    if (last) {
      child = value;
    } else {
      const existing = node[key];
      const present = existing !== undefined && (PROTO[key] === undefined || hop.call(node, key));
      if (present) {
        child = write(existing, steps, i + 1, value, false);
      } else {
        // A missing intermediate node is created as an object; it cannot be indexed.
        if ((steps[i + 1] as Step).kind !== 'property') return FAIL;
        child = write({}, steps, i + 1, value, false);
      }
      if (child === FAIL) return FAIL;
    }
    // Child first: a failure below leaves `node` untouched, also in place.
    return withKey(node, key, child, inPlace);
  }
  if (step.kind === 'index') {
    if (!Array.isArray(node)) return FAIL;
    const index = step.indexes[0] as number;
    const at = index < 0 ? node.length + index : index;
    if (at < 0 || at >= node.length) return FAIL;
    const child = last ? value : write(node[at] as Json, steps, i + 1, value, false);
    if (child === FAIL) return FAIL;
    const out = inPlace ? node : node.slice();
    out[at] = child;
    return out;
  }
  return FAIL;
}

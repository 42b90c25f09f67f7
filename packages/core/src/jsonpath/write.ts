/**
 * ResultPath: place a value inside a copy of the state input. Only the nodes on the way are
 * copied; every other subtree is shared with the input, which is never mutated.
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
  const result = write(target, steps, 0, value);
  if (result === FAIL) return { ok: false, message: `Unable to apply ReferencePath ${source} to input ${toJsonText(target)}` };
  return { ok: true, value: result };
}

function write(node: Json, steps: readonly Step[], i: number, value: Json): Json | typeof FAIL {
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
        child = write(existing, steps, i + 1, value);
      } else {
        // A missing intermediate node is created as an object; it cannot be indexed.
        if ((steps[i + 1] as Step).kind !== 'property') return FAIL;
        child = write({}, steps, i + 1, value);
      }
      if (child === FAIL) return FAIL;
    }
    const copy: JsonObject = { ...node };
    defineKey(copy, key, child);
    return copy;
  }
  if (step.kind === 'index') {
    if (!Array.isArray(node)) return FAIL;
    const index = step.indexes[0] as number;
    const at = index < 0 ? node.length + index : index;
    if (at < 0 || at >= node.length) return FAIL;
    const child = last ? value : write(node[at] as Json, steps, i + 1, value);
    if (child === FAIL) return FAIL;
    const copy = node.slice();
    copy[at] = child;
    return copy;
  }
  return FAIL;
}

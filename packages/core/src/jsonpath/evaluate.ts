/**
 * Turns parsed steps into evaluators. Everything that can be decided from the path text is
 * decided here, once: select() only walks values.
 *
 * Result rules (Jayway JsonPath as AWS uses it):
 * - a definite path (only single names, single indexes, or a multi-name `['a','b']` as the last
 *   step) yields one node, or "not found" with Jayway's message;
 * - an indefinite path yields the array of everything it matched, possibly empty; nothing on the
 *   way makes it fail (AWS answers `[]` for `$.item.items[:1]` on `{}`).
 * - filters test objects only: applied to an array, each element that is an object; applied to
 *   an object, that object itself (AWS: "@ … does not match scalar values. It only matches
 *   objects").
 */
import type { Json, JsonObject } from '../json.js';
import { defineKey, jsonEquals } from '../json.js';
import type { FilterExpr, Operand, PathOperand, Step } from './syntax.js';
import { DECIMAL_RE } from './syntax.js';
import {
  JSON_PROVIDER,
  bigDecimalText,
  documentNumberText,
  evalPathString,
  fragment,
  javaClassName,
  javaToString,
  pathString,
  tailString,
} from './jayway.js';

const hop = Object.prototype.hasOwnProperty;

/**
 * True for the names a plain object inherits (`__proto__`, `constructor`, `toString`…): reading
 * those needs an own-property check. Other names are read directly (a JSON value is never
 * undefined, so `undefined` means absent) — decided once per name, at compile time. This
 * assumes nobody adds properties to Object.prototype at run time.
 */
export function inherited(key: string): boolean {
  return key in Object.prototype;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property or undefined. */
function own(object: JsonObject, key: string): Json | undefined {
  const v = object[key];
  return v === undefined || (inherited(key) && !hop.call(object, key)) ? undefined : v;
}

/** Own property or undefined, `guard` being `inherited(key)` computed beforehand. */
function ownGuarded(object: JsonObject, key: string, guard: boolean): Json | undefined {
  const v = object[key];
  return v === undefined || (guard && !hop.call(object, key)) ? undefined : v;
}

export function isStepDefinite(step: Step, leaf: boolean): boolean {
  switch (step.kind) {
    case 'property':
      return step.names.length === 1 || leaf;
    case 'index':
      return step.indexes.length === 1;
    case 'function':
      return true;
    default:
      return false;
  }
}

export function isDefinite(steps: readonly Step[]): boolean {
  for (let i = 0; i < steps.length; i++) if (!isStepDefinite(steps[i] as Step, i === steps.length - 1)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Definite paths: a getter returning the node or undefined (JSON values are never undefined).

export type Getter = (root: Json) => Json | undefined;

const identity: Getter = (root) => root;

/** Requires `isDefinite(steps)` and no function step. */
export function definiteGetter(steps: readonly Step[]): Getter {
  if (steps.length === 0) return identity;
  if (steps.length <= 4 && steps.every((s) => s.kind === 'property' && s.names.length === 1)) {
    return propertyGetter(steps.map((s) => (s as { names: readonly string[] }).names[0] as string));
  }
  return loopGetter(steps);
}

/** Unrolled `.a.b.c` lookups: the common case, kept monomorphic and allocation-free. */
function propertyGetter(keys: readonly string[]): Getter {
  const [k0, k1, k2, k3] = keys as [string, string, string, string];
  const [g0, g1, g2, g3] = keys.map(inherited) as [boolean, boolean, boolean, boolean];
  switch (keys.length) {
    case 1:
      return (r) => {
        if (typeof r !== 'object' || r === null || Array.isArray(r)) return undefined;
        const v = r[k0];
        return v === undefined || (g0 && !hop.call(r, k0)) ? undefined : v;
      };
    case 2:
      return (r) => {
        if (typeof r !== 'object' || r === null || Array.isArray(r)) return undefined;
        const a = r[k0];
        if (a === undefined || (g0 && !hop.call(r, k0))) return undefined;
        if (typeof a !== 'object' || a === null || Array.isArray(a)) return undefined;
        const v = a[k1];
        return v === undefined || (g1 && !hop.call(a, k1)) ? undefined : v;
      };
    case 3:
      return (r) => {
        if (typeof r !== 'object' || r === null || Array.isArray(r)) return undefined;
        const a = r[k0];
        if (a === undefined || (g0 && !hop.call(r, k0))) return undefined;
        if (typeof a !== 'object' || a === null || Array.isArray(a)) return undefined;
        const b = a[k1];
        if (b === undefined || (g1 && !hop.call(a, k1))) return undefined;
        if (typeof b !== 'object' || b === null || Array.isArray(b)) return undefined;
        const v = b[k2];
        return v === undefined || (g2 && !hop.call(b, k2)) ? undefined : v;
      };
    default:
      return (r) => {
        if (typeof r !== 'object' || r === null || Array.isArray(r)) return undefined;
        const a = r[k0];
        if (a === undefined || (g0 && !hop.call(r, k0))) return undefined;
        if (typeof a !== 'object' || a === null || Array.isArray(a)) return undefined;
        const b = a[k1];
        if (b === undefined || (g1 && !hop.call(a, k1))) return undefined;
        if (typeof b !== 'object' || b === null || Array.isArray(b)) return undefined;
        const c = b[k2];
        if (c === undefined || (g2 && !hop.call(b, k2))) return undefined;
        if (typeof c !== 'object' || c === null || Array.isArray(c)) return undefined;
        const v = c[k3];
        return v === undefined || (g3 && !hop.call(c, k3)) ? undefined : v;
      };
  }
}

const KEY = 0;
const INDEX = 1;
const MERGE = 2;

/** Any definite path: one loop over precomputed step data (no per-step closure calls). */
function loopGetter(steps: readonly Step[]): Getter {
  const n = steps.length;
  const kinds = new Int32Array(n);
  const indexes = new Int32Array(n);
  const keys: string[] = [];
  const guards: boolean[] = [];
  const names: (readonly string[])[] = [];
  for (let i = 0; i < n; i++) {
    const step = steps[i] as Step;
    keys.push('');
    guards.push(false);
    names.push([]);
    if (step.kind === 'property' && step.names.length === 1) {
      kinds[i] = KEY;
      keys[i] = step.names[0] as string;
      guards[i] = inherited(keys[i] as string);
    } else if (step.kind === 'property') {
      kinds[i] = MERGE;
      names[i] = step.names;
    } else if (step.kind === 'index' && step.indexes.length === 1) {
      kinds[i] = INDEX;
      indexes[i] = step.indexes[0] as number;
    } else {
      throw new Error(`not a definite step: ${step.kind}`);
    }
  }
  return (root) => {
    let node: Json = root;
    for (let i = 0; i < n; i++) {
      const kind = kinds[i];
      if (kind === KEY) {
        if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
        const key = keys[i] as string;
        const v: Json | undefined = node[key];
        if (v === undefined || (guards[i] && !hop.call(node, key))) return undefined;
        node = v;
      } else if (kind === INDEX) {
        if (!Array.isArray(node)) return undefined;
        const index = indexes[i] as number;
        const at = index < 0 ? node.length + index : index;
        if (at < 0 || at >= node.length) return undefined;
        node = node[at] as Json;
      } else {
        return isObject(node) ? merge(node, names[i] as readonly string[]) : undefined;
      }
    }
    return node;
  };
}

function merge(node: JsonObject, names: readonly string[]): JsonObject {
  const merged: JsonObject = {};
  for (const name of names) {
    const v = own(node, name);
    if (v !== undefined) defineKey(merged, name, v);
  }
  return merged;
}

/**
 * Why a definite path found nothing, in Jayway's words (the text AWS shows after
 * `Invalid path '<path>' : `). The texts that depend only on the path are built once.
 */
export function notFoundExplainer(steps: readonly Step[]): (root: Json) => string {
  const noResults = `No results for path: ${pathString(steps)}`;
  const missing = steps.map((_, i) => `Missing property in path ${evalPathString(steps, i + 1)}`);
  const keys = steps.map((s) => (s.kind === 'property' && s.names.length === 1 ? (s.names[0] as string) : ''));
  return (root) => {
    let node: Json = root;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i] as Step;
      if (step.kind === 'property') {
        if (!isObject(node)) {
          return (
            `Expected to find an object with property ${fragment(step)} in path ${evalPathString(steps, i)} ` +
            `but found '${javaClassName(node)}'. This is not a json object according to the JsonProvider: '${JSON_PROVIDER}'.`
          );
        }
        if (step.names.length > 1) break;
        const v = own(node, keys[i] as string);
        if (v === undefined) return i === steps.length - 1 ? noResults : (missing[i] as string);
        node = v;
      } else if (step.kind === 'index') {
        if (node === null) return `The path ${evalPathString(steps, i)} is null`;
        if (!Array.isArray(node)) return `Filter: ${tailString(steps, i)} can only be applied to arrays. Current context is: ${javaToString(node)}`;
        const index = step.indexes[0] as number;
        const at = index < 0 ? node.length + index : index;
        if (at < 0 || at >= node.length) break;
        node = node[at] as Json;
      } else {
        break;
      }
    }
    return noResults;
  };
}

// ---------------------------------------------------------------------------------------------
// Indefinite paths: a chain of sinks, each passing what it selects to the next one.

export type Sink = (node: Json, out: Json[], root: Json) => void;

const collect: Sink = (node, out) => {
  out.push(node);
};

/** Thrown in strict mode (existence tests) where Jayway, told to require properties, fails. */
const MISSING = { missing: true };

/**
 * `strict`: evaluate as Jayway does with REQUIRE_PROPERTIES (used for `[?(@.a[*])]` existence
 * tests): a missing property, or a wrong kind of value under a definite prefix, throws MISSING.
 */
export function buildChain(steps: readonly Step[], strict: boolean): Sink {
  const sinks: Sink[] = new Array<Sink>(steps.length + 1);
  sinks[steps.length] = collect;
  let upstreamDefinite = true;
  const upstream: boolean[] = [];
  for (let i = 0; i < steps.length; i++) {
    upstream.push(upstreamDefinite);
    upstreamDefinite = upstreamDefinite && isStepDefinite(steps[i] as Step, i === steps.length - 1);
  }
  for (let i = steps.length - 1; i >= 0; i--) {
    sinks[i] = sinkFor(steps, i, sinks, strict && (upstream[i] as boolean), strict);
  }
  return sinks[0] as Sink;
}

function sinkFor(steps: readonly Step[], i: number, sinks: readonly Sink[], strictHere: boolean, strict: boolean): Sink {
  const step = steps[i] as Step;
  const next = sinks[i + 1] as Sink;
  const leaf = i === steps.length - 1;
  switch (step.kind) {
    case 'property': {
      const names = step.names;
      if (names.length === 1) {
        const key = names[0] as string;
        const guard = inherited(key);
        return (node, out, root) => {
          if (!isObject(node)) {
            if (strictHere) throw MISSING;
            return;
          }
          const v = ownGuarded(node, key, guard);
          if (v !== undefined) next(v, out, root);
          else if (strict) throw MISSING;
        };
      }
      if (leaf) {
        return (node, out, root) => {
          if (!isObject(node)) {
            if (strictHere) throw MISSING;
            return;
          }
          const merged = merge(node, names);
          if (strict && Object.keys(merged).length !== names.length) throw MISSING;
          next(merged, out, root);
        };
      }
      return (node, out, root) => {
        if (!isObject(node)) {
          if (strictHere) throw MISSING;
          return;
        }
        for (const name of names) {
          const v = own(node, name);
          if (v !== undefined) next(v, out, root);
          else if (strict) throw MISSING;
        }
      };
    }
    case 'index': {
      const indexes = step.indexes;
      return (node, out, root) => {
        if (!Array.isArray(node)) {
          if (strictHere) throw MISSING;
          return;
        }
        const n = node.length;
        for (const index of indexes) {
          const at = index < 0 ? n + index : index;
          if (at >= 0 && at < n) next(node[at] as Json, out, root);
        }
      };
    }
    case 'slice': {
      const { from, to } = step;
      return (node, out, root) => {
        if (!Array.isArray(node)) {
          if (strictHere) throw MISSING;
          return;
        }
        slice(node, from, to, next, out, root);
      };
    }
    case 'wildcard':
      return (node, out, root) => {
        if (Array.isArray(node)) {
          for (const v of node) next(v, out, root);
        } else if (isObject(node)) {
          for (const key of Object.keys(node)) next(node[key] as Json, out, root);
        } else if (strict && !leaf) {
          throw MISSING;
        }
      };
    case 'filter': {
      const test = compilePredicate(step.expr);
      return (node, out, root) => {
        if (Array.isArray(node)) {
          for (const v of node) if (isObject(v) && test(v, root)) next(v, out, root);
        } else if (isObject(node)) {
          if (test(node, root)) next(node, out, root);
        } else if (strictHere) {
          throw MISSING;
        }
      };
    }
    case 'scan':
      return scanSink(steps, i, sinks);
    case 'function':
      return () => undefined;
  }
}

/** Jayway's slices: `[a:]`, `[:b]` count negative bounds from the end; `[a:b]` takes them as is. */
function slice(node: readonly Json[], from: number | undefined, to: number | undefined, next: Sink, out: Json[], root: Json): void {
  const n = node.length;
  if (n === 0) return;
  let start: number;
  let end: number;
  if (to === undefined) {
    start = Math.max(0, (from as number) < 0 ? n + (from as number) : (from as number));
    end = n;
  } else if (from === undefined) {
    start = 0;
    end = Math.min(n, to < 0 ? n + to : to);
  } else {
    // Jayway's SLICE_BETWEEN: indexes from..to-1 as written, a negative one read from the end.
    start = from;
    end = Math.min(n, to);
  }
  for (let i = start; i < end; i++) {
    const at = i < 0 ? n + i : i;
    if (at >= 0 && at < n) next(node[at] as Json, out, root);
  }
}

/**
 * `..` followed by a target step: the target is tried on the node and on every node below it,
 * in document order (Jayway's ScanPathToken walk: a container first, then its children).
 */
function scanSink(steps: readonly Step[], i: number, sinks: readonly Sink[]): Sink {
  const target = steps[i + 1] as Step;
  const targetSink = sinks[i + 1] as Sink;
  const afterTarget = sinks[i + 2] as Sink;
  let visit: (node: Json, out: Json[], root: Json) => void;
  switch (target.kind) {
    case 'property': {
      const key = target.names[0] as string;
      const guard = inherited(key);
      const single = target.names.length === 1;
      const mergeLeaf = !single && i + 1 === steps.length - 1;
      const names = target.names;
      visit = (node, out, root) => {
        if (!isObject(node)) return;
        if (single) {
          const v = ownGuarded(node, key, guard);
          if (v !== undefined) afterTarget(v, out, root);
        } else if (!mergeLeaf || names.every((n) => own(node, n) !== undefined)) {
          targetSink(node, out, root);
        }
      };
      break;
    }
    case 'index':
    case 'slice':
      visit = (node, out, root) => {
        if (Array.isArray(node)) targetSink(node, out, root);
      };
      break;
    case 'wildcard':
      visit = targetSink;
      break;
    case 'filter': {
      const test = compilePredicate(target.expr);
      visit = (node, out, root) => {
        if (isObject(node) && test(node, root)) afterTarget(node, out, root);
      };
      break;
    }
    default:
      visit = () => undefined;
  }
  const walk = (node: Json, out: Json[], root: Json): void => {
    if (Array.isArray(node)) {
      visit(node, out, root);
      for (const v of node) if (typeof v === 'object' && v !== null) walk(v, out, root);
    } else if (isObject(node)) {
      visit(node, out, root);
      for (const key of Object.keys(node)) {
        const v = node[key] as Json;
        if (typeof v === 'object' && v !== null) walk(v, out, root);
      }
    }
  };
  return walk;
}

// ---------------------------------------------------------------------------------------------
// Filters

export type Predicate = (item: Json, root: Json) => boolean;
type ValueFn = (item: Json, root: Json) => Json | undefined;

function hasFunction(steps: readonly Step[]): boolean {
  return steps.some((s) => s.kind === 'function');
}

/** A path inside a filter: its value (definite), the array of its matches, or undefined. */
function pathValue(operand: PathOperand): ValueFn {
  const onItem = operand.root === '@';
  if (hasFunction(operand.steps)) return () => undefined;
  if (isDefinite(operand.steps)) {
    const get = definiteGetter(operand.steps);
    return onItem ? (item) => get(item) : (_item, root) => get(root);
  }
  const chain = buildChain(operand.steps, false);
  return onItem
    ? (item, root) => {
        const out: Json[] = [];
        chain(item, out, root);
        return out;
      }
    : (_item, root) => {
        const out: Json[] = [];
        chain(root, out, root);
        return out;
      };
}

function existence(operand: PathOperand, negate: boolean): Predicate {
  const onItem = operand.root === '@';
  let exists: Predicate;
  if (hasFunction(operand.steps)) {
    exists = () => false;
  } else if (isDefinite(operand.steps)) {
    const get = definiteGetter(operand.steps);
    exists = onItem ? (item) => get(item) !== undefined : (_item, root) => get(root) !== undefined;
  } else {
    const chain = buildChain(operand.steps, true);
    exists = (item, root) => {
      try {
        chain(onItem ? item : root, [], root);
        return true;
      } catch (e) {
        if (e === MISSING) return false;
        throw e;
      }
    };
  }
  return negate ? (item, root) => !exists(item, root) : exists;
}

export function compilePredicate(expr: FilterExpr): Predicate {
  switch (expr.t) {
    case 'or': {
      const items = expr.items.map(compilePredicate);
      if (items.length === 2) {
        const [a, b] = items as [Predicate, Predicate];
        return (item, root) => a(item, root) || b(item, root);
      }
      return (item, root) => items.some((p) => p(item, root));
    }
    case 'and': {
      const items = expr.items.map(compilePredicate);
      if (items.length === 2) {
        const [a, b] = items as [Predicate, Predicate];
        return (item, root) => a(item, root) && b(item, root);
      }
      return (item, root) => items.every((p) => p(item, root));
    }
    case 'not': {
      const inner = compilePredicate(expr.expr);
      return (item, root) => !inner(item, root);
    }
    case 'exists':
      return existence(expr.path, expr.negate);
    case 'rel':
      return relation(expr.op, expr.left, expr.right);
  }
}

interface Side {
  readonly value: ValueFn;
  /** For a number literal: its BigDecimal text, used when a string is compared with it. */
  readonly numText: string | undefined;
}

function side(operand: Operand): Side {
  if (operand.t === 'path') return { value: pathValue(operand), numText: undefined };
  if (operand.t === 'literal') {
    const v = operand.value;
    return { value: () => v, numText: operand.numText === undefined ? undefined : bigDecimalText(operand.numText) };
  }
  return { value: () => undefined, numText: undefined };
}

/**
 * Jayway's ValueNode equality: a string equals a number whose text it is; a number equals a
 * string that parses to it; objects and arrays compare structurally; a missing value equals
 * nothing.
 */
function equal(l: Json | undefined, r: Json | undefined, rText: string | undefined): boolean {
  if (l === undefined || r === undefined) return false;
  switch (typeof l) {
    case 'string':
      if (typeof r === 'string') return l === r;
      return typeof r === 'number' && l === (rText ?? documentNumberText(r));
    case 'number':
      if (typeof r === 'number') return l === r;
      return typeof r === 'string' && DECIMAL_RE.test(r) && Number(r) === l;
    case 'boolean':
      return l === r;
    default:
      if (l === null) return r === null;
      return typeof r === 'object' && r !== null && jsonEquals(l, r);
  }
}

function nodeClass(v: Json | undefined): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'json' : typeof v;
}

/** Java's `List.contains(v)`: `v.equals(element)` for some element. */
function contains(list: readonly Json[], v: Json | undefined): boolean {
  for (const e of list) if (equal(v, e, undefined)) return true;
  return false;
}

function regexInput(v: Json | undefined, text: string | undefined): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return text ?? documentNumberText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function relation(op: string, leftOperand: Operand, rightOperand: Operand): Predicate {
  if (op === '=~') {
    const regexOperand = leftOperand.t === 'regex' ? leftOperand : rightOperand.t === 'regex' ? rightOperand : undefined;
    if (regexOperand === undefined) return () => false;
    const re = regexOperand.re;
    const other = side(regexOperand === leftOperand ? rightOperand : leftOperand);
    const matches = (s: string): boolean => {
      re.lastIndex = 0;
      return re.test(s);
    };
    return (item, root) => {
      const v = other.value(item, root);
      if (Array.isArray(v)) return v.some((e) => matches(regexInput(e, undefined)));
      return matches(regexInput(v, other.numText));
    };
  }
  if (leftOperand.t === 'regex' || rightOperand.t === 'regex') return () => false;
  const left = side(leftOperand);
  const right = side(rightOperand);
  const lv = left.value;
  const rv = right.value;
  const rText = right.numText;
  switch (op) {
    case '==':
      return (item, root) => equal(lv(item, root), rv(item, root), rText);
    case '!=':
      return (item, root) => !equal(lv(item, root), rv(item, root), rText);
    case '===':
      return (item, root) => {
        const l = lv(item, root);
        const r = rv(item, root);
        return nodeClass(l) === nodeClass(r) && equal(l, r, rText);
      };
    case '!==':
      return (item, root) => {
        const l = lv(item, root);
        const r = rv(item, root);
        return nodeClass(l) !== nodeClass(r) || !equal(l, r, rText);
      };
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const test =
        op === '<'
          ? (c: number) => c < 0
          : op === '<=' ? (c: number) => c <= 0 : op === '>' ? (c: number) => c > 0 : (c: number) => c >= 0;
      return (item, root) => {
        const l = lv(item, root);
        const r = rv(item, root);
        if (typeof l === 'number' && typeof r === 'number') return test(l < r ? -1 : l > r ? 1 : 0);
        if (typeof l === 'string' && typeof r === 'string') return test(l < r ? -1 : l > r ? 1 : 0);
        return false;
      };
    }
    case 'in':
    case 'nin': {
      const negate = op === 'nin';
      return (item, root) => {
        const list = rv(item, root);
        const found = Array.isArray(list) && contains(list, lv(item, root));
        return negate ? !found : found;
      };
    }
    case 'contains':
      return (item, root) => {
        const l = lv(item, root);
        const r = rv(item, root);
        if (typeof l === 'string') return typeof r === 'string' && l.includes(r);
        return Array.isArray(l) && contains(l, r);
      };
    case 'all':
      return (item, root) => {
        const l = lv(item, root);
        const r = rv(item, root);
        return Array.isArray(l) && Array.isArray(r) && r.every((e) => contains(l, e));
      };
    case 'subsetof':
      return (item, root) => {
        const l = lv(item, root);
        const r = rv(item, root);
        return Array.isArray(l) && Array.isArray(r) && l.every((e) => contains(r, e));
      };
    case 'anyof':
      return (item, root) => {
        const l = lv(item, root);
        const r = rv(item, root);
        return Array.isArray(l) && Array.isArray(r) && l.some((e) => contains(r, e));
      };
    case 'noneof':
      return (item, root) => {
        const l = lv(item, root);
        const r = rv(item, root);
        return Array.isArray(l) && Array.isArray(r) && !l.some((e) => contains(r, e));
      };
    case 'size':
      return (item, root) => {
        const l = lv(item, root);
        const r = rv(item, root);
        if (typeof r !== 'number') return false;
        const n = Math.trunc(r);
        if (typeof l === 'string' || Array.isArray(l)) return l.length === n;
        return false;
      };
    case 'empty':
      return (item, root) => {
        const l = lv(item, root);
        const r = rv(item, root);
        if (typeof r !== 'boolean') return false;
        if (typeof l === 'string' || Array.isArray(l)) return (l.length === 0) === r;
        if (isObject(l)) return (Object.keys(l).length === 0) === r;
        return false;
      };
    default:
      return () => false;
  }
}

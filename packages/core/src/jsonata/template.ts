import type { CompileContext } from '../compile-context.js';
import type { Json, JsonObject } from '../json.js';
import { defineKey, isJsonObject } from '../json.js';
import type { MaybePromise } from '../maybe-promise.js';
import { isPromise } from '../state-node.js';
import { quickSize } from '../payload-size.js';
import { deepFreeze } from '../template.js';
import type { JsonataExpression } from './expression.js';
import { compileExpression, isExpressionText } from './expression.js';
import type { StatesScope } from './scope.js';

/**
 * A JSONata-mode field value (Output, Arguments, Assign, ItemSelector…), compiled once: any
 * string that is a whole `{% … %}` is evaluated, at any depth of objects and arrays; every
 * other value is literal. Expressions are evaluated one after another, in document order, so
 * the first failing one is the one reported, and synchronously for as long as they answer at
 * once.
 */
export interface JsonataTemplate {
  readonly evaluate: (scope: StatesScope) => MaybePromise<Json>;
  /** Whether some expression in it reads `$states.context`. */
  readonly readsContext: boolean;
  /** The value itself when it holds no expression. */
  readonly constant?: Json;
  /** The expression's text when the whole value is one `{% … %}` string (causes quote it). */
  readonly source?: string;
  /**
   * When every expression only reads part of `$states.input`: a bound on the quick size
   * (payload-size.ts) of the value, given the bound of the input's, so that the runtime need
   * not walk the output to check its size.
   */
  readonly sizeBound?: (inputBound: number) => number;
}

/**
 * `field` names the value as AWS does in causes (`Output`, `Assign/x`, `Choices[0]/Output`);
 * members add `/key`, array items `[i]`. Problems are reported at `statePointer` + `/field…`.
 */
export function compileJsonataTemplate(value: Json, field: string, statePointer: string, cx: CompileContext): JsonataTemplate {
  const expressions: JsonataExpression[] = [];
  const evaluate = compileValue(value, field, statePointer, cx, expressions);
  if (evaluate === undefined) {
    const constant = deepFreeze(value);
    return { evaluate: () => constant, readsContext: false, constant };
  }
  const readsContext = expressions.some((expression) => expression.readsContext);
  const only = expressions[0];
  const template: { -readonly [K in keyof JsonataTemplate]: JsonataTemplate[K] } = { evaluate, readsContext };
  if (isExpressionText(value) && only !== undefined) template.source = only.source;
  if (expressions.every((expression) => expression.readsInputOnly === true)) {
    const literal = skeletonSize(value);
    const references = expressions.length;
    template.sizeBound = (inputBound) => literal + references * inputBound;
  }
  return template;
}

/** The quick size of a template without its expressions (each counted as empty). */
function skeletonSize(value: Json): number {
  if (isExpressionText(value)) return 0;
  if (Array.isArray(value)) return value.reduce<number>((size, item) => size + skeletonSize(item) + 1, 2);
  if (isJsonObject(value)) return Object.keys(value).reduce((size, key) => size + key.length + 4 + skeletonSize(value[key] as Json), 2);
  return quickSize(value, Number.POSITIVE_INFINITY);
}

type Evaluate = (scope: StatesScope) => MaybePromise<Json>;

/** Undefined when `value` holds no expression (the caller then shares it as a constant). */
function compileValue(value: Json, field: string, statePointer: string, cx: CompileContext, found: JsonataExpression[]): Evaluate | undefined {
  if (isExpressionText(value)) {
    const expression = compileExpression(value, field, `${statePointer}/${field}`, cx);
    found.push(expression);
    return expression.evaluate;
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) => compileValue(item, `${field}[${index}]`, statePointer, cx, found));
    if (items.every((item) => item === undefined)) return undefined;
    const evaluators = items.map((item, index) => item ?? constantEvaluator(value[index] as Json));
    return (scope) => fill(new Array<Json>(evaluators.length), evaluators, scope, 0) as MaybePromise<Json>;
  }
  if (!isJsonObject(value)) return undefined;
  const keys = Object.keys(value);
  const members = keys.map((key) => compileValue(value[key] as Json, `${field}/${key}`, statePointer, cx, found));
  if (members.every((member) => member === undefined)) return undefined;
  if (keys.includes('__proto__')) {
    const evaluators = members.map((member, index) => member ?? constantEvaluator(value[keys[index] as string] as Json));
    return (scope) => {
      const values = fill(new Array<Json>(evaluators.length), evaluators, scope, 0);
      return isPromise(values) ? values.then((ready) => build(ready, keys)) : build(values, keys);
    };
  }
  // A prepared object holds the literal members; each evaluation clones it (one shape for
  // every output) and stores the evaluated members, in document order.
  const shape: JsonObject = {};
  const dynamicKeys: string[] = [];
  const evaluators: Evaluate[] = [];
  keys.forEach((key, index) => {
    const member = members[index];
    if (member === undefined) shape[key] = deepFreeze(value[key] as Json);
    else {
      shape[key] = null;
      dynamicKeys.push(key);
      evaluators.push(member);
    }
  });
  return (scope) => fill({ ...shape }, evaluators, scope, 0, dynamicKeys) as MaybePromise<Json>;
}

function constantEvaluator(value: Json): Evaluate {
  const constant = deepFreeze(value);
  return () => constant;
}

/**
 * Stores the evaluators' values into `out` (at `keys[i]`, or at index i) from `index` on,
 * synchronously until one answers a promise, then after it.
 */
function fill<T extends Json[] | JsonObject>(out: T, evaluators: readonly Evaluate[], scope: StatesScope, index: number, keys?: readonly string[]): MaybePromise<T> {
  for (let i = index; i < evaluators.length; i++) {
    const value = (evaluators[i] as Evaluate)(scope);
    if (isPromise(value)) {
      return value.then((resolved) => {
        store(out, i, resolved, keys);
        return fill(out, evaluators, scope, i + 1, keys);
      });
    }
    store(out, i, value, keys);
  }
  return out;
}

function store(out: Json[] | JsonObject, index: number, value: Json, keys: readonly string[] | undefined): void {
  if (keys === undefined) (out as Json[])[index] = value;
  else (out as JsonObject)[keys[index] as string] = value;
}

function build(values: readonly Json[], keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (let i = 0; i < keys.length; i++) defineKey(out, keys[i] as string, values[i] as Json);
  return out;
}

import jsonata from 'jsonata';
import type { CompileContext } from '../compile-context.js';
import type { Json } from '../json.js';
import type { MaybePromise } from '../maybe-promise.js';
import type { AstNode } from './analysis.js';
import { analyse, constantOf, referenceOf } from './analysis.js';
import { FALLBACK, compileReference } from './reference.js';
import { ADDED_FUNCTIONS, REMOVED_FUNCTIONS, RUNTIME_BINDING } from './functions.js';
import type { JsonataLimits } from './limits.js';
import { describeLimitError, inTurn, libraryOptions } from './limits.js';
import { evaluationFailure, returnedNothing, unsupportedResult } from './failures.js';
import { UNSUPPORTED, toJsonResult } from './results.js';
import type { StatesScope } from './scope.js';

/** A `{% … %}` string: the whole string, nothing around it (asl-semantics.md §5). */
export function isExpressionText(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}');
}

/** The expression as AWS quotes it in causes: the text between `{%` and `%}`, trimmed. */
export function expressionBody(text: string): string {
  return text.slice(2, -2).trim();
}

/**
 * One JSONata expression of a definition, parsed once. `evaluate` answers a JSON value, or
 * throws (or rejects with) States.QueryEvaluationError in AWS's words, naming `field`: an
 * error the library raised, a result that is nothing (undefined) or a function.
 */
export interface JsonataExpression {
  readonly source: string;
  /** Where it is written, relative to the state: `Output/a/b[0]`, `Assign/x`, `Items`. */
  readonly field: string;
  /** Whether it reads `$states.context`, so the state must record its entry time. */
  readonly readsContext: boolean;
  /** Whether it only reads part of `$states.input` (its value is no larger than the input). */
  readonly readsInputOnly?: boolean;
  evaluate(scope: StatesScope): MaybePromise<Json>;
}

interface LibraryExpression {
  evaluate(input: unknown, bindings?: Record<string, unknown>): Promise<unknown>;
  assign(name: string, value: unknown): void;
  registerFunction(name: string, implementation: (...args: never[]) => unknown, signature?: string): void;
  ast(): unknown;
}

/**
 * Parses `text` (a whole `{% … %}` string). A syntax error, or a reference AWS refuses at
 * creation, is reported into `cx` at `pointer` and the expression compiles to one that fails.
 */
export function compileExpression(
  text: string,
  field: string,
  pointer: string,
  cx: CompileContext,
  limits: JsonataLimits = cx.jsonataLimits,
): JsonataExpression {
  const source = expressionBody(text);
  let library: LibraryExpression;
  try {
    library = jsonata(source, libraryOptions(limits)) as unknown as LibraryExpression;
  } catch (error) {
    cx.report(pointer, messageOf(error), 'INVALID_JSONATA_EXPRESSION');
    return { source, field, readsContext: false, evaluate: () => null };
  }
  const ast = library.ast() as AstNode;
  const facts = analyse(ast);
  if (facts.unsupported !== undefined) cx.report(pointer, facts.unsupported, 'UNSUPPORTED_JSONATA_EXPRESSION');
  for (const added of ADDED_FUNCTIONS) {
    if (facts.variables.has(added.name)) library.registerFunction(added.name, added.implementation, added.signature);
  }
  for (const removed of REMOVED_FUNCTIONS) library.assign(removed, undefined);
  const constant = constantOf(ast);
  if (constant !== undefined) {
    const value = constant.value as Json;
    return { source, field, readsContext: false, evaluate: () => value };
  }
  const needsRuntime = ADDED_FUNCTIONS.some((added) => added.needsRuntime && facts.variables.has(added.name));
  const names = [...facts.variables].filter((name) => name !== 'states');
  const readsContext = facts.readsContext;
  const viaLibrary = (scope: StatesScope): Promise<Json> => {
    const bindings: Record<string, unknown> = {};
    if (facts.variables.has('states')) bindings.states = scope.states(readsContext);
    for (const name of names) {
      const value = scope.variable(name);
      if (value !== undefined) bindings[name] = value;
    }
    if (needsRuntime) bindings[RUNTIME_BINDING] = scope;
    return inTurn(() => library.evaluate(undefined, bindings)).then(
      (result) => checked(result, source, field, scope),
      (error: unknown) => {
        throw evaluationFailure(scope, source, field, describeLimitError(codeOf(error), limits) ?? messageOf(error));
      },
    );
  };
  const reference = referenceOf(ast);
  if (reference === undefined) return { source, field, readsContext, evaluate: viaLibrary };
  const read = compileReference(reference, readsContext);
  return {
    source,
    field,
    readsContext,
    readsInputOnly: reference.variable === 'states' && reference.fields[0] === 'input',
    evaluate(scope) {
      const value = read(scope);
      if (value === FALLBACK) return viaLibrary(scope);
      if (value === undefined) throw returnedNothing(scope, source, field);
      return value;
    },
  };
}

function checked(result: unknown, source: string, field: string, scope: StatesScope): Json {
  const json = toJsonResult(result);
  if (json === undefined) throw returnedNothing(scope, source, field);
  if (json === UNSUPPORTED) throw unsupportedResult(scope, source, field);
  return json;
}

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** The library's errors read `T1006: Attempted to invoke a non-function` in AWS's causes. */
function messageOf(error: unknown): string {
  const code = codeOf(error);
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  const text = typeof message === 'string' ? message : String(error);
  return code === undefined ? text : `${code}: ${text}`;
}

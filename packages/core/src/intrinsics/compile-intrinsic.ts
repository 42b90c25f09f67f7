import { runtimeFailure } from '../errors.js';
import type { Json } from '../json.js';
import { toJsonText } from '../json.js';
import { valueFrom } from '../sources.js';
import { arrayFunctions } from './array-functions.js';
import { encodingFunctions } from './encoding-functions.js';
import { jsonFunctions } from './json-functions.js';
import { mathFunctions } from './math-functions.js';
import type { CallNode, IntrinsicNode, PathNode } from './intrinsic-ast.js';
import {
  IntrinsicArgumentFailure,
  type IntrinsicFunction,
  type IntrinsicRuntime,
  invalidArguments,
} from './intrinsic-function.js';
import { IntrinsicSyntaxError, parseIntrinsic } from './parse-intrinsic.js';
import { stringFunctions } from './string-functions.js';

/** A parsed and compiled `States.*(…)` expression, evaluated once per state run. */
export interface CompiledIntrinsic {
  readonly kind: 'intrinsic';
  /** The expression as written in the definition. */
  readonly source: string;
  /** The outermost function, e.g. `States.Format`. */
  readonly name: string;
  /** Throws `StatesFailure` (`States.Runtime`) when an argument is missing or invalid. */
  evaluate(rt: IntrinsicRuntime): Json;
}

type Evaluator = (rt: IntrinsicRuntime) => Json;

/** The 18 intrinsic functions by their full name (`States.Format`…). Names are case-sensitive. */
export const INTRINSIC_FUNCTIONS: ReadonlyMap<string, IntrinsicFunction> = new Map(
  [arrayFunctions, encodingFunctions, jsonFunctions, mathFunctions, stringFunctions].flat().map((fn) => [fn.name, fn]),
);

/**
 * Parses and compiles an intrinsic call; throws `IntrinsicSyntaxError` for anything AWS
 * refuses at CreateStateMachine. Wrong argument counts and types are run-time failures:
 * AWS accepts `States.Hash('hello')` or `States.Base64Decode(123)` in a definition and fails
 * the execution with States.Runtime (characterization suite run on AWS).
 */
export function compileIntrinsic(source: string): CompiledIntrinsic {
  const root = parseIntrinsic(source);
  const evaluate = compileCall(root);
  return {
    kind: 'intrinsic',
    source,
    name: root.name,
    evaluate(rt: IntrinsicRuntime): Json {
      try {
        return evaluate(rt);
      } catch (error) {
        if (error instanceof IntrinsicArgumentFailure) {
          // AWS names the whole expression, even when a nested call failed.
          throw runtimeFailure(`The function '${source}' had the following error: ${error.detail}`);
        }
        throw error;
      }
    },
  };
}

function compileNode(node: IntrinsicNode): Evaluator {
  switch (node.kind) {
    case 'call':
      return compileCall(node);
    case 'path':
      return compilePathArgument(node);
    case 'string':
    case 'number':
    case 'literal': {
      const value = node.value;
      return () => value;
    }
  }
}

function compileCall(node: CallNode): Evaluator {
  const fn = INTRINSIC_FUNCTIONS.get(node.name);
  if (fn === undefined) throw new IntrinsicSyntaxError(`Unknown intrinsic function '${node.name}'`);
  const args = node.args.map(compileNode);
  const count = args.length;
  const arityOk = count >= fn.minArgs && count <= fn.maxArgs;
  const invoke = (arityOk && fn.specialize?.(node.args)) || fn.invoke;
  return (rt) => {
    const values = new Array<Json>(count);
    for (let i = 0; i < count; i++) values[i] = (args[i] as Evaluator)(rt);
    if (!arityOk) throw invalidArguments(fn.name);
    return invoke(values, rt);
  };
}

/**
 * A path argument must find something, unlike a plain `"x.$": "$.path"` (AWS, quoted by the
 * Floci emulator's tests: "The JsonPath argument for the field '$.nope' could not be found in
 * the input '{"other":1}'"). The input named is the state's `$`, also for a `$$` path, which
 * Step Functions Local reports rewritten as `$.…`; an explicit `null` is a value, not a miss.
 */
function compilePathArgument(node: PathNode): Evaluator {
  const { path, source } = node;
  const shown = source.startsWith('$$') ? source.slice(1) : source;
  return (rt) => {
    // The value alone (no result object per argument): a JSON value is never undefined.
    const value = valueFrom(path, rt.sources);
    if (value !== undefined) return value;
    const input = toJsonText(rt.sources.input);
    throw new IntrinsicArgumentFailure(
      `The JsonPath argument for the field '${shown}' could not be found in the input '${input}'`,
    );
  };
}

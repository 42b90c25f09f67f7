import type { CompileContext, QueryLanguage } from './compile-context.js';
import { pointerTo } from './compile-context.js';
import type { StatesFailure } from './errors.js';
import { errorMatches } from './error-match.js';
import { compileResultPath, placeResult } from './io-paths.js';
import type { Json, JsonObject } from './json.js';
import { isJsonObject } from './json.js';
import { StatesScope } from './jsonata/index.js';
import type { MaybePromise } from './maybe-promise.js';
import { stringList } from './retry.js';
import type { Frame } from './run.js';
import { applyAssignments, compileAssign, evaluateAssign } from './states/common.js';
import { compileCompletion, complete } from './states/jsonata-fields.js';

export interface Catcher {
  readonly errorEquals: readonly string[];
  readonly next: string;
  /**
   * The state's output when this catcher fires, built from the state's raw input and the error
   * output; the catcher's own `Assign` takes effect (in the state's scope: a catcher on a
   * Parallel or Map assigns outside its branches), the state's `Assign` does not.
   */
  readonly complete: (rawInput: Json, errorOutput: JsonObject, frame: Frame) => MaybePromise<Json>;
  readonly pointer: string;
}

/** `statePointer` locates JSONata fields (`Catch[1]/Output/v`) the way AWS names them. */
export function compileCatchers(value: Json | undefined, pointer: string, cx: CompileContext, language: QueryLanguage = 'JSONPath', statePointer = ''): readonly Catcher[] {
  if (!Array.isArray(value)) return [];
  const catchers: Catcher[] = [];
  value.forEach((raw, index) => {
    if (!isJsonObject(raw)) return;
    const at = pointerTo(pointer, index);
    const base = { errorEquals: stringList(raw, 'ErrorEquals', at, cx), next: typeof raw.Next === 'string' ? raw.Next : '', pointer: at };
    if (language === 'JSONata') {
      const completion = compileCompletion(raw, `Catch[${index}]/`, statePointer, cx);
      catchers.push({
        ...base,
        complete: (rawInput, error, frame) => complete(completion, new StatesScope(frame, rawInput, undefined, error), error),
      });
      return;
    }
    // JSONPath: ResultPath places the error output into the raw input; Assign reads it as `$`.
    const resultPath = compileResultPath(raw.ResultPath, pointerTo(at, 'ResultPath'), cx);
    const assign = compileAssign(raw.Assign, pointerTo(at, 'Assign'), cx);
    catchers.push({
      ...base,
      complete: (rawInput, error, frame) => {
        const assigned = assign === undefined ? undefined : evaluateAssign(assign, frame.sources(error), error);
        const output = placeResult(resultPath, rawInput, error);
        applyAssignments(frame, assigned);
        return output;
      },
    });
  });
  return catchers;
}

export function findCatcher(catchers: readonly Catcher[], failure: StatesFailure): Catcher | undefined {
  for (const catcher of catchers) if (errorMatches(catcher.errorEquals, failure)) return catcher;
  return undefined;
}

/** The error output a Catch hands on: `{"Error": …, "Cause": …}` (Cause omitted when there is none). */
export function errorOutput(failure: StatesFailure): JsonObject {
  const output: JsonObject = {};
  if (failure.error !== undefined) output.Error = failure.error;
  if (failure.cause !== undefined) output.Cause = failure.cause;
  return output;
}

import type { CompileContext } from './compile-context.js';
import { pointerTo } from './compile-context.js';
import type { StatesFailure } from './errors.js';
import { errorMatches } from './error-match.js';
import type { ResultPlacement } from './io-paths.js';
import { compileResultPath } from './io-paths.js';
import type { Json, JsonObject } from './json.js';
import { isJsonObject } from './json.js';
import { stringList } from './retry.js';

export interface Catcher {
  readonly errorEquals: readonly string[];
  readonly next: string;
  readonly resultPath: ResultPlacement;
  readonly pointer: string;
}

export function compileCatchers(value: Json | undefined, pointer: string, cx: CompileContext): readonly Catcher[] {
  if (!Array.isArray(value)) return [];
  const catchers: Catcher[] = [];
  value.forEach((raw, index) => {
    if (!isJsonObject(raw)) return;
    const at = pointerTo(pointer, index);
    catchers.push({
      errorEquals: stringList(raw, 'ErrorEquals', at, cx),
      next: typeof raw.Next === 'string' ? raw.Next : '',
      resultPath: compileResultPath(raw.ResultPath, pointerTo(at, 'ResultPath'), cx),
      pointer: at,
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

import type { CompileContext } from './compile-context.js';
import { StatesFailure, runtimeFailure } from './errors.js';
import type { Json } from './json.js';
import { isJsonObject } from './json.js';
import type { CompiledPath, Writer } from './jsonpath/index.js';
import { compilePath, compileReferencePath, compileResultWriter, unwritableMessage } from './jsonpath/index.js';
import { QUICK_BOUND, quickSize } from './payload-size.js';
import type { Frame, StateSources } from './run.js';
import { selectFrom, valueFrom } from './sources.js';

/** InputPath or OutputPath: selects part of a value. `null` means `{}`; absent means the whole value. */
export type SelectPath = ((sources: StateSources) => Json) | undefined;

const EMPTY_OBJECT: Json = Object.freeze({}) as Json;

export function compileSelectPath(value: Json | undefined, pointer: string, cx: CompileContext, field: string): SelectPath {
  if (value === undefined) return undefined;
  if (value === null) return () => EMPTY_OBJECT;
  if (typeof value !== 'string') {
    cx.report(pointer, `The value for the field '${field}' must be a STRING or NULL`);
    return undefined;
  }
  if (value === '$') return undefined;
  let path: CompiledPath;
  try {
    path = compilePath(value);
  } catch (error) {
    cx.report(pointer, `The value for the field '${field}' must be a valid JSONPath${detailOf(error)}`);
    return undefined;
  }
  return (sources) => {
    const found = valueFrom(path, sources);
    if (found !== undefined) return found;
    // AWS-observed cause: "Invalid path '$.x' : No results for path: $['x']".
    const missing = selectFrom(path, sources);
    throw runtimeFailure(`Invalid path '${value}' : ${missing.found ? 'No results' : missing.message}`);
  };
}

/**
 * ResultPath: where the result goes in the state's raw input. `null` discards the result,
 * absent or `$` replaces the input with it.
 */
export type ResultPlacement =
  | { readonly kind: 'replace' }
  | { readonly kind: 'discard' }
  | { readonly kind: 'path'; readonly path: CompiledPath; readonly write: Writer }
  /** `$.name` whose OutputPath is the same `$.name`: the output is the result (see joinResultAndOutput). */
  | { readonly kind: 'as-output'; readonly path: CompiledPath };

const REPLACE: ResultPlacement = { kind: 'replace' };
const DISCARD: ResultPlacement = { kind: 'discard' };

export function compileResultPath(value: Json | undefined, pointer: string, cx: CompileContext): ResultPlacement {
  if (value === undefined) return REPLACE;
  if (value === null) return DISCARD;
  if (typeof value !== 'string') {
    cx.report(pointer, `The value for the field 'ResultPath' must be a STRING or NULL`);
    return REPLACE;
  }
  if (value === '$') return REPLACE;
  try {
    const path = compileReferencePath(value);
    return { kind: 'path', path, write: compileResultWriter(path) };
  } catch (error) {
    cx.report(pointer, `The value for the field 'ResultPath' must be a valid ReferencePath${detailOf(error)}`);
    return REPLACE;
  }
}

/**
 * ResultPath and OutputPath taken together. When both are the same `$.name`, the output is
 * the result itself, provided the input is an object it could be placed in: no copy of the
 * input is made only to be dropped by OutputPath (a Map iteration's `"ResultPath": "$.out",
 * "OutputPath": "$.out"`). Otherwise both are kept as they are.
 */
export function joinResultAndOutput(
  resultPath: ResultPlacement,
  outputPathText: Json | undefined,
  outputPath: SelectPath,
): { resultPath: ResultPlacement; outputPath: SelectPath } {
  if (resultPath.kind !== 'path' || typeof outputPathText !== 'string') return { resultPath, outputPath };
  const source = resultPath.path.source;
  if (outputPathText !== source || !TOP_LEVEL_NAME.test(source) || source === '$.__proto__') return { resultPath, outputPath };
  return { resultPath: { kind: 'as-output', path: resultPath.path }, outputPath: undefined };
}

/** `$.name` with a plain name: one property step, read and written the same way. */
const TOP_LEVEL_NAME = /^\$\.[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * placeResult, also recording in the frame a bound on the output size: the raw input plus the
 * result plus the keys ResultPath may create. OutputPath can only select part of that.
 *
 * `resultBound`: a known bound on the result's quick size (-1: measure it).
 *
 * `mayUpdateInput`: the state vouches that nothing it evaluated holds its input object itself
 * (only values inside it). When the frame also owns that input (`frame.freshInput`, see
 * drive.ts), ResultPath updates it in place: nobody else can see the difference, and a chain of
 * states adding one key each no longer copies the whole top level every time.
 */
export function placeResultInFrame(frame: Frame, placement: ResultPlacement, rawInput: Json, result: Json, mayUpdateInput = false, resultBound = -1): Json {
  let placed: Json;
  if (placement.kind === 'path') {
    placed = writeResult(placement, rawInput, result, mayUpdateInput && frame.freshInput === rawInput);
    frame.builtOutput = placed;
  } else {
    placed = placeResult(placement, rawInput, result);
  }
  if (frame.valueBound >= 0) {
    if (placement.kind === 'discard') frame.outputBound = frame.valueBound;
    else {
      const resultSize = resultBound >= 0 ? resultBound : quickSize(result, QUICK_BOUND);
      frame.outputBound = placement.kind === 'path' ? frame.valueBound + resultSize + placement.path.source.length + 4 : resultSize;
    }
  }
  return placed;
}

export function placeResult(placement: ResultPlacement, rawInput: Json, result: Json): Json {
  switch (placement.kind) {
    case 'replace':
      return result;
    case 'discard':
      return rawInput;
    case 'as-output':
      // Placing it would fail exactly when the input is not an object.
      if (isJsonObject(rawInput)) return result;
      throw new StatesFailure('States.ResultPathMatchFailure', unwritableMessage(placement.path.source, rawInput));
    case 'path':
      return writeResult(placement, rawInput, result, false);
  }
}

function writeResult(placement: Extract<ResultPlacement, { kind: 'path' }>, rawInput: Json, result: Json, inPlace: boolean): Json {
  const written = placement.write(rawInput, result, inPlace);
  if (written !== undefined) return written;
  throw new StatesFailure('States.ResultPathMatchFailure', unwritableMessage(placement.path.source, rawInput));
}

function detailOf(error: unknown): string {
  return error instanceof Error && error.message ? ` (${error.message})` : '';
}

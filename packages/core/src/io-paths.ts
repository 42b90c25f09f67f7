import type { CompileContext } from './compile-context.js';
import { StatesFailure, runtimeFailure } from './errors.js';
import type { Json } from './json.js';
import type { CompiledPath } from './jsonpath/index.js';
import { compilePath, compileReferencePath, writeAtPath } from './jsonpath/index.js';
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
export type ResultPlacement = { readonly kind: 'replace' } | { readonly kind: 'discard' } | { readonly kind: 'path'; readonly path: CompiledPath };

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
    return { kind: 'path', path: compileReferencePath(value) };
  } catch (error) {
    cx.report(pointer, `The value for the field 'ResultPath' must be a valid ReferencePath${detailOf(error)}`);
    return REPLACE;
  }
}

/**
 * placeResult, also recording in the frame a bound on the output size: the raw input plus the
 * result plus the keys ResultPath may create. OutputPath can only select part of that.
 */
export function placeResultInFrame(frame: Frame, placement: ResultPlacement, rawInput: Json, result: Json): Json {
  const placed = placeResult(placement, rawInput, result);
  if (frame.valueBound >= 0) {
    if (placement.kind === 'discard') frame.outputBound = frame.valueBound;
    else {
      const resultSize = quickSize(result, QUICK_BOUND);
      frame.outputBound =
        placement.kind === 'replace' ? resultSize : frame.valueBound + resultSize + placement.path.source.length + 4;
    }
  }
  return placed;
}

export function placeResult(placement: ResultPlacement, rawInput: Json, result: Json): Json {
  if (placement.kind === 'replace') return result;
  if (placement.kind === 'discard') return rawInput;
  const written = writeAtPath(rawInput, placement.path, result);
  if (written.ok) return written.value;
  throw new StatesFailure('States.ResultPathMatchFailure', written.message);
}

function detailOf(error: unknown): string {
  return error instanceof Error && error.message ? ` (${error.message})` : '';
}

import type { Json } from '../json.js';
import {
  defineFunction,
  type IntrinsicFunction,
  invalidArguments,
  requireArray,
  requireInteger,
} from './intrinsic-function.js';
import { renderJavaText } from './java-compat.js';

/** AWS docs: States.ArrayRange "can contain up to 1000 items". */
export const ARRAY_RANGE_LIMIT = 1000;

const ARRAY = 'States.Array';
const PARTITION = 'States.ArrayPartition';
const CONTAINS = 'States.ArrayContains';
const RANGE = 'States.ArrayRange';
const GET_ITEM = 'States.ArrayGetItem';
const LENGTH = 'States.ArrayLength';
const UNIQUE = 'States.ArrayUnique';

export const arrayFunctions: readonly IntrinsicFunction[] = [
  defineFunction(ARRAY, 0, Infinity, (args) => args.slice()),
  defineFunction(PARTITION, 2, 2, ([array, size]) => partition(requireArray(array as Json, PARTITION), size as Json)),
  defineFunction(CONTAINS, 2, 2, ([array, value]) => contains(requireArray(array as Json, CONTAINS), value as Json)),
  defineFunction(RANGE, 3, 3, ([start, end, step]) => range(start as Json, end as Json, step as Json)),
  defineFunction(GET_ITEM, 2, 2, ([array, index]) => getItem(requireArray(array as Json, GET_ITEM), index as Json)),
  defineFunction(LENGTH, 1, 1, ([array]) => requireArray(array as Json, LENGTH).length),
  defineFunction(UNIQUE, 1, 1, ([array]) => unique(requireArray(array as Json, UNIQUE))),
];

/** Chunks of `size`, the last one shorter; AWS rejects a size that truncates to 0 or less. */
function partition(array: Json[], sizeArg: Json): Json {
  const size = requireInteger(sizeArg, PARTITION);
  if (size <= 0) throw invalidArguments(PARTITION);
  const chunks: Json[] = [];
  for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
  return chunks;
}

/**
 * AWS compares the Java text of the values, not their JSON structure. Observed by a
 * characterization suite run on AWS: `true` is found in `["true"]`, the number
 * 9007199254740991 in `["9007199254740991"]`, while `{b:2, a:1}` is not found in
 * `[{a:1, b:2}]` (key order matters) and `{a:1, extra:null}` not in `[{a:1}]`.
 */
function contains(array: Json[], value: Json): boolean {
  const wanted = renderJavaText(value);
  for (const item of array) if (renderJavaText(item) === wanted) return true;
  return false;
}

/**
 * Inclusive range. A step pointing away from `end` gives `[]`, a step of 0 (after
 * truncation) or more than 1000 items fails; both directions work (characterization suite
 * on AWS: `ArrayRange(5, 1, -2)` = `[5, 3, 1]`, `ArrayRange(1, 1001, 1)` fails).
 */
function range(startArg: Json, endArg: Json, stepArg: Json): Json {
  const start = requireInteger(startArg, RANGE);
  const end = requireInteger(endArg, RANGE);
  const step = requireInteger(stepArg, RANGE);
  if (step === 0) throw invalidArguments(RANGE);
  const span = (end - start) / step;
  const count = span < 0 ? 0 : Math.floor(span) + 1;
  if (count > ARRAY_RANGE_LIMIT) throw invalidArguments(RANGE);
  const out = new Array<Json>(count);
  for (let i = 0; i < count; i++) out[i] = start + i * step;
  return out;
}

/**
 * Out-of-range indexes fail, except on an empty array: AWS answers `null` for
 * `ArrayGetItem([], 999)` (characterization suite on AWS) while `ArrayGetItem([10,20,30], 3)`
 * and `(…, -1)` fail with States.Runtime.
 */
function getItem(array: Json[], indexArg: Json): Json {
  const index = requireInteger(indexArg, GET_ITEM);
  if (array.length === 0) return null;
  if (index < 0 || index >= array.length) throw invalidArguments(GET_ITEM);
  return array[index] as Json;
}

/** First occurrences in order, by deep equality (object key order does not matter). */
function unique(array: Json[]): Json {
  const seen = new Set<string>();
  const out: Json[] = [];
  for (const item of array) {
    const key = canonicalKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/**
 * A string equal for two values exactly when they are deeply equal as JSON: object keys
 * sorted, so `{a:1,b:2}` and `{b:2,a:1}` share a key. Lets ArrayUnique run in linear time.
 */
export function canonicalKey(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalKey(value[i] as Json);
    return out + ']';
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    out += (i > 0 ? ',' : '') + JSON.stringify(key) + ':' + canonicalKey(value[key] as Json);
  }
  return out + '}';
}

import type { Json, JsonObject } from '../json.js';
import { defineKey, isJsonObject, toJsonText } from '../json.js';
import { defineFunction, type IntrinsicFunction, invalidArguments, requireString } from './intrinsic-function.js';

const STRING_TO_JSON = 'States.StringToJson';
const JSON_TO_STRING = 'States.JsonToString';
const JSON_MERGE = 'States.JsonMerge';

export const jsonFunctions: readonly IntrinsicFunction[] = [
  defineFunction(STRING_TO_JSON, 1, 1, ([text]) => parseJsonText(requireString(text as Json, STRING_TO_JSON))),
  defineFunction(JSON_TO_STRING, 1, 1, ([value]) => toJsonText(value)),
  defineFunction(JSON_MERGE, 3, 3, ([left, right, deep]) => mergeShallow(left as Json, right as Json, deep as Json)),
];

/**
 * Blank text parses to `null`: recorded case test_string_to_json (`" "` → null). Text that
 * is not JSON (or not a string, as users report "Invalid arguments in States.StringToJson")
 * fails. `-0` comes back as 0 (recorded), which JSON output already guarantees.
 */
function parseJsonText(text: string): Json {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw invalidArguments(STRING_TO_JSON);
  }
}

/**
 * Shallow merge, the second object's keys winning (recorded case test_json_merge). Only a
 * `true` third argument is refused (deep merge is unsupported); AWS takes any other value,
 * even the string "false", as shallow (characterization suite run on AWS).
 */
function mergeShallow(left: Json, right: Json, deep: Json): Json {
  if (!isJsonObject(left) || !isJsonObject(right) || deep === true) throw invalidArguments(JSON_MERGE);
  const out: JsonObject = {};
  for (const key of Object.keys(left)) defineKey(out, key, left[key] as Json);
  for (const key of Object.keys(right)) defineKey(out, key, right[key] as Json);
  return out;
}

import { EngineError } from './errors.js';
import type { Json } from './json.js';

/** AWS's limit on execution input, state input and output, and task results: 256 KiB of UTF-8. */
export const PAYLOAD_LIMIT_BYTES = 262_144;

/**
 * Parses execution input text as AWS does: malformed JSON is refused with
 * `InvalidExecutionInput`; absent input means `{}`.
 */
export function parseExecutionInput(text: string | undefined): Json {
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new EngineError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${detail}'`);
  }
}

import { PAYLOAD_LIMIT_BYTES } from './input.js';
import type { Json } from './json.js';

/**
 * Whether a value's JSON text exceeds AWS's 256 KiB payload limit.
 *
 * Every state output is checked, so the common case must be cheap: a first walk counts
 * string lengths in UTF-16 units. UTF-8 with JSON escapes needs at most six bytes per unit,
 * so a value whose quick count is at most a sixth of the limit is certainly within it; only
 * larger values are measured exactly.
 */
export const QUICK_BOUND = Math.floor(PAYLOAD_LIMIT_BYTES / 6);

export function exceedsPayloadLimit(value: Json): boolean {
  if (quickSize(value, QUICK_BOUND) <= QUICK_BOUND) return false;
  return jsonByteSize(value) > PAYLOAD_LIMIT_BYTES;
}

/**
 * The size of a value in UTF-16 units of its JSON text, give or take escapes (a lower bound
 * of its UTF-8 size and a sixth of an upper bound), counted until it passes `stopAt`.
 */
export function quickSize(value: Json, stopAt: number): number {
  if (typeof value !== 'object' || value === null) return typeof value === 'string' ? value.length + 2 : 5;
  let size = 2;
  // Every state output is measured: scalars are counted in the loops rather than by a call
  // each (a walk of a small object costs about a third as much).
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && size <= stopAt; i++) {
      const item = value[i] as Json;
      size += (typeof item !== 'object' || item === null ? (typeof item === 'string' ? item.length + 2 : 5) : quickSize(item, stopAt - size)) + 1;
    }
    return size;
  }
  for (const key in value) {
    const item = value[key] as Json;
    size += key.length + 4 + (typeof item !== 'object' || item === null ? (typeof item === 'string' ? item.length + 2 : 5) : quickSize(item, stopAt - size));
    if (size > stopAt) return size;
  }
  return size;
}

/** The exact byte size of a value's compact JSON text in UTF-8. */
export function jsonByteSize(value: Json): number {
  switch (typeof value) {
    case 'string':
      return stringByteSize(value);
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    default:
      break;
  }
  if (value === null) return 4;
  let size = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) size += jsonByteSize(value[i] as Json) + (i > 0 ? 1 : 0);
    return size;
  }
  let first = true;
  for (const key in value) {
    size += stringByteSize(key) + 1 + jsonByteSize(value[key] as Json) + (first ? 0 : 1);
    first = false;
  }
  return size;
}

function stringByteSize(text: string): number {
  let size = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) size += code === 8 || code === 9 || code === 10 || code === 12 || code === 13 ? 2 : 6;
    else if (code === 0x22 || code === 0x5c) size += 2;
    else if (code < 0x80) size += 1;
    else if (code < 0x800) size += 2;
    else if (code < 0xd800 || code > 0xdfff) size += 3;
    else if (code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      size += 4;
      i++;
    }
    // A lone surrogate: JSON.stringify writes it as a \uXXXX escape (six bytes). Counting it
    // as a character (or swallowing the next one as its pair) under-measured such strings.
    else size += 6;
  }
  return size;
}

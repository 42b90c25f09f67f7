import { PAYLOAD_LIMIT_BYTES } from './input.js';
import type { Json } from './json.js';

/**
 * Whether a value's JSON text exceeds AWS's 256 KiB payload limit.
 *
 * Values are immutable and shared between states, so the byte size of every object and array
 * is cached: measuring a state's output only walks the nodes that state created. Strings are
 * measured as UTF-8 with JSON escapes, like the text AWS measures.
 */
const sizes = new WeakMap<object, number>();

export function exceedsPayloadLimit(value: Json): boolean {
  return jsonByteSize(value) > PAYLOAD_LIMIT_BYTES;
}

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
  const cached = sizes.get(value);
  if (cached !== undefined) return cached;
  let size = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) size += jsonByteSize(value[i] as Json) + (i > 0 ? 1 : 0);
  } else {
    let first = true;
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      size += stringByteSize(key) + 1 + jsonByteSize(value[key] as Json) + (first ? 0 : 1);
      first = false;
    }
  }
  sizes.set(value, size);
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
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      size += 4;
      i++;
    } else size += 3;
  }
  return size;
}

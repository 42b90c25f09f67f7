/**
 * Free text that PostgreSQL would refuse: its text type cannot hold U+0000, which a Fail
 * state's Cause, a function's error message or a description may well contain. Such a
 * string is stored as a marker character followed by its JSON encoding (which escapes
 * U+0000); a string that happens to start with the marker is encoded too, so decoding is
 * exact. Everything else, nearly everything, is stored as it is. Both backends do this, so
 * they hold the same text. JSON payloads need none of it: valid JSON escapes U+0000.
 */
const marker = '\u0001';

export function encodeText(value: string): string {
  return value.includes('\u0000') || value.startsWith(marker) ? marker + JSON.stringify(value) : value;
}

export function decodeText(stored: string): string {
  return stored.startsWith(marker) ? (JSON.parse(stored.slice(marker.length)) as string) : stored;
}

/** An optional record member as a nullable column. */
export function encodeOptionalText(value: string | undefined): string | null {
  return value === undefined ? null : encodeText(value);
}

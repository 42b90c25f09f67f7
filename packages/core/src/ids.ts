/** Character codes of the hexadecimal digits 0-9, a-f. */
const DIGIT = Array.from({ length: 16 }, (_, digit) => digit.toString(16).charCodeAt(0));
const DASH = 0x2d;

/**
 * Formats four 32-bit words as a version 4, RFC 4122-variant UUID (sets those bits).
 * One call with the 36 character codes makes one flat string: appending the pieces instead
 * left a tree of about 20 string pieces per UUID (V8 joins strings lazily), which thousands of
 * pending executions keep alive; it is also the fastest way while the code is still cold.
 */
function formatUuid(w0: number, w1: number, w2: number, w3: number): string {
  const v1 = (w1 & 0xffff0fff) | 0x4000;
  const v2 = (w2 & 0x3fffffff) | 0x80000000;
  const d = DIGIT as readonly number[] as number[];
  return String.fromCharCode(
    d[w0 >>> 28] as number, d[(w0 >>> 24) & 15] as number, d[(w0 >>> 20) & 15] as number, d[(w0 >>> 16) & 15] as number,
    d[(w0 >>> 12) & 15] as number, d[(w0 >>> 8) & 15] as number, d[(w0 >>> 4) & 15] as number, d[w0 & 15] as number,
    DASH,
    d[v1 >>> 28] as number, d[(v1 >>> 24) & 15] as number, d[(v1 >>> 20) & 15] as number, d[(v1 >>> 16) & 15] as number,
    DASH,
    d[(v1 >>> 12) & 15] as number, d[(v1 >>> 8) & 15] as number, d[(v1 >>> 4) & 15] as number, d[v1 & 15] as number,
    DASH,
    d[v2 >>> 28] as number, d[(v2 >>> 24) & 15] as number, d[(v2 >>> 20) & 15] as number, d[(v2 >>> 16) & 15] as number,
    DASH,
    d[(v2 >>> 12) & 15] as number, d[(v2 >>> 8) & 15] as number, d[(v2 >>> 4) & 15] as number, d[v2 & 15] as number,
    d[w3 >>> 28] as number, d[(w3 >>> 24) & 15] as number, d[(w3 >>> 20) & 15] as number, d[(w3 >>> 16) & 15] as number,
    d[(w3 >>> 12) & 15] as number, d[(w3 >>> 8) & 15] as number, d[(w3 >>> 4) & 15] as number, d[w3 & 15] as number,
  );
}

function word(bytes: ArrayLike<number>, at: number): number {
  return (((bytes[at] as number) & 0xff) << 24) | (((bytes[at + 1] as number) & 0xff) << 16) | (((bytes[at + 2] as number) & 0xff) << 8) | ((bytes[at + 3] as number) & 0xff);
}

/** Formats 16 random bytes as a version 4, RFC 4122-variant UUID (sets those bits). */
export function uuidFromBytes(bytes: ArrayLike<number>): string {
  return formatUuid(word(bytes, 0), word(bytes, 4), word(bytes, 8), word(bytes, 12));
}

/**
 * A version 4 UUID drawn from the execution's randomness (so tests can make it repeatable):
 * four 32-bit words, one draw each, since every execution needs one or two of these.
 */
export function randomUuid(random: () => number): string {
  const w0 = Math.floor(random() * 0x100000000);
  const w1 = Math.floor(random() * 0x100000000);
  const w2 = Math.floor(random() * 0x100000000);
  const w3 = Math.floor(random() * 0x100000000);
  return formatUuid(w0 | 0, w1 | 0, w2 | 0, w3 | 0);
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Formats 16 random bytes as a version 4, RFC 4122-variant UUID (sets those bits). */
export function uuidFromBytes(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < 16; i++) {
    let byte = (bytes[i] as number) & 0xff;
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    else if (i === 8) byte = (byte & 0x3f) | 0x80;
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[byte] as string;
  }
  return out;
}

/**
 * A version 4 UUID drawn from the execution's randomness (so tests can make it repeatable):
 * four 32-bit words, one draw each, since every execution needs one or two of these.
 */
export function randomUuid(random: () => number): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i += 4) {
    const word = Math.floor(random() * 0x100000000) >>> 0;
    bytes[i] = word >>> 24;
    bytes[i + 1] = word >>> 16;
    bytes[i + 2] = word >>> 8;
    bytes[i + 3] = word;
  }
  return uuidFromBytes(bytes);
}

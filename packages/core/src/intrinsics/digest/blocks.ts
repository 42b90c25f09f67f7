/**
 * Merkle–Damgård padding shared by MD5 and the SHA family: a 0x80 byte, zeros, then the
 * message length in bits in the last `lengthBytes` bytes of the final block (little-endian
 * for MD5, big-endian for SHA). Inputs here are at most 30,000 bytes (10,000 characters of
 * UTF-8), so the bit length always fits in a double.
 */
export function padMessage(
  bytes: Uint8Array,
  blockSize: number,
  lengthBytes: number,
  littleEndian: boolean,
): Uint8Array {
  const total = Math.ceil((bytes.length + 1 + lengthBytes) / blockSize) * blockSize;
  const out = new Uint8Array(total);
  out.set(bytes);
  out[bytes.length] = 0x80;
  let bitLength = bytes.length * 8;
  for (let i = 0; i < 8; i++) {
    const position = littleEndian ? total - lengthBytes + i : total - 1 - i;
    out[position] = bitLength % 256;
    bitLength = Math.floor(bitLength / 256);
  }
  return out;
}

export function readWordBigEndian(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] as number) << 24) |
    ((bytes[offset + 1] as number) << 16) |
    ((bytes[offset + 2] as number) << 8) |
    (bytes[offset + 3] as number)
  );
}

export function readWordLittleEndian(bytes: Uint8Array, offset: number): number {
  return (
    (bytes[offset] as number) |
    ((bytes[offset + 1] as number) << 8) |
    ((bytes[offset + 2] as number) << 16) |
    ((bytes[offset + 3] as number) << 24)
  );
}

/** Lowercase hex of 32-bit words, each written big- or little-endian. */
export function wordsToHex(words: ArrayLike<number>, littleEndian: boolean): string {
  let out = '';
  for (let i = 0; i < words.length; i++) {
    const word = (words[i] as number) >>> 0;
    const hex = word.toString(16).padStart(8, '0');
    out += littleEndian ? hex.slice(6, 8) + hex.slice(4, 6) + hex.slice(2, 4) + hex.slice(0, 2) : hex;
  }
  return out;
}

/**
 * The SHA-2 constants are defined as fractional bits of roots of primes (FIPS 180-4 §4.2,
 * §5.3): K = first 64 bits of the fractional part of the cube roots of the first 80 primes,
 * initial hash values = of the square roots of the first 8 (SHA-512) or 9th–16th (SHA-384)
 * primes. SHA-256 uses the high 32 bits of the same numbers. Deriving them with exact BigInt
 * roots avoids 160 hand-typed literals.
 */
export interface Words64 {
  readonly high: Int32Array;
  readonly low: Int32Array;
}

let cache: { k: Words64; sha512: Words64; sha384: Words64 } | undefined;

export function shaConstants(): { k: Words64; sha512: Words64; sha384: Words64 } {
  if (cache === undefined) {
    const primes = firstPrimes(80);
    cache = {
      k: toWords(primes.map((p) => integerRoot(BigInt(p) << 192n, 3n))),
      sha512: toWords(primes.slice(0, 8).map((p) => integerRoot(BigInt(p) << 128n, 2n))),
      sha384: toWords(primes.slice(8, 16).map((p) => integerRoot(BigInt(p) << 128n, 2n))),
    };
  }
  return cache;
}

function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let n = 2; primes.length < count; n++) {
    if (primes.every((p) => p * p > n || n % p !== 0)) primes.push(n);
  }
  return primes;
}

/** floor(value^(1/degree)) by Newton's method on integers. */
function integerRoot(value: bigint, degree: bigint): bigint {
  let x = 1n << (BigInt(value.toString(2).length) / degree + 1n);
  for (;;) {
    const next = ((degree - 1n) * x + value / x ** (degree - 1n)) / degree;
    if (next >= x) return x;
    x = next;
  }
}

/** Keeps the 64 bits after the binary point, split in two signed 32-bit halves. */
function toWords(roots: bigint[]): Words64 {
  const high = new Int32Array(roots.length);
  const low = new Int32Array(roots.length);
  roots.forEach((root, i) => {
    high[i] = Number(BigInt.asIntN(32, root >> 32n));
    low[i] = Number(BigInt.asIntN(32, root));
  });
  return { high, low };
}

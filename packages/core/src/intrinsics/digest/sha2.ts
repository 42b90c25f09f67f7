import { padMessage, readWordBigEndian, shaConstants, wordsToHex, type Words64 } from './blocks.js';

/** SHA-256 digest of `bytes` as lowercase hex (FIPS 180-4 §6.2). */
export function sha256Hex(bytes: Uint8Array): string {
  const { k: constants, sha512 } = shaConstants();
  const k = constants.high;
  const data = padMessage(bytes, 64, 8, false);
  const state = sha512.high.slice();
  const w = new Int32Array(64);
  for (let offset = 0; offset < data.length; offset += 64) {
    for (let t = 0; t < 16; t++) w[t] = readWordBigEndian(data, offset + t * 4);
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15] as number;
      const y = w[t - 2] as number;
      const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
      const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
      w[t] = ((w[t - 16] as number) + s0 + (w[t - 7] as number) + s1) | 0;
    }
    let a = state[0] as number;
    let b = state[1] as number;
    let c = state[2] as number;
    let d = state[3] as number;
    let e = state[4] as number;
    let f = state[5] as number;
    let g = state[6] as number;
    let h = state[7] as number;
    for (let t = 0; t < 64; t++) {
      const sum1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const choice = (e & f) ^ (~e & g);
      const temp1 = (h + sum1 + choice + (k[t] as number) + (w[t] as number)) | 0;
      const sum0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const majority = (a & b) ^ (a & c) ^ (b & c);
      const temp2 = (sum0 + majority) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + temp1) | 0;
      d = c;
      c = b;
      b = a;
      a = (temp1 + temp2) | 0;
    }
    const round = [a, b, c, d, e, f, g, h];
    for (let i = 0; i < 8; i++) state[i] = ((state[i] as number) + (round[i] as number)) | 0;
  }
  return wordsToHex(state, false);
}

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

/** SHA-512 digest of `bytes` as lowercase hex (FIPS 180-4 §6.4). */
export function sha512Hex(bytes: Uint8Array): string {
  return digest64(bytes, shaConstants().sha512, 8);
}

/** SHA-384: SHA-512 with other initial values, truncated to six words (FIPS 180-4 §6.5). */
export function sha384Hex(bytes: Uint8Array): string {
  return digest64(bytes, shaConstants().sha384, 6);
}

/**
 * 64-bit words are kept as (high, low) signed 32-bit halves: JavaScript numbers cannot hold
 * them, and BigInt arithmetic would be far slower.
 */
function digest64(bytes: Uint8Array, initial: Words64, outputWords: number): string {
  const { high: kh, low: kl } = shaConstants().k;
  const data = padMessage(bytes, 128, 16, false);
  const hh = initial.high.slice();
  const hl = initial.low.slice();
  const wh = new Int32Array(80);
  const wl = new Int32Array(80);
  const vh = new Int32Array(8);
  const vl = new Int32Array(8);
  for (let offset = 0; offset < data.length; offset += 128) {
    for (let t = 0; t < 16; t++) {
      wh[t] = readWordBigEndian(data, offset + t * 8);
      wl[t] = readWordBigEndian(data, offset + t * 8 + 4);
    }
    for (let t = 16; t < 80; t++) {
      const xh = wh[t - 15] as number;
      const xl = wl[t - 15] as number;
      const yh = wh[t - 2] as number;
      const yl = wl[t - 2] as number;
      // σ0 = rotr1 ^ rotr8 ^ shr7, σ1 = rotr19 ^ rotr61 ^ shr6
      const s0h = rotrHigh(xh, xl, 1) ^ rotrHigh(xh, xl, 8) ^ (xh >>> 7);
      const s0l = rotrLow(xh, xl, 1) ^ rotrLow(xh, xl, 8) ^ ((xl >>> 7) | (xh << 25));
      const s1h = rotrHigh(yh, yl, 19) ^ rotrHigh(yh, yl, 61) ^ (yh >>> 6);
      const s1l = rotrLow(yh, yl, 19) ^ rotrLow(yh, yl, 61) ^ ((yl >>> 6) | (yh << 26));
      const low = ((wl[t - 16] as number) >>> 0) + (s0l >>> 0) + ((wl[t - 7] as number) >>> 0) + (s1l >>> 0);
      wl[t] = low | 0;
      wh[t] = ((wh[t - 16] as number) + s0h + (wh[t - 7] as number) + s1h + carryOf(low)) | 0;
    }
    vh.set(hh);
    vl.set(hl);
    for (let t = 0; t < 80; t++) {
      const ah = vh[0] as number, al = vl[0] as number;
      const bh = vh[1] as number, bl = vl[1] as number;
      const ch = vh[2] as number, cl = vl[2] as number;
      const eh = vh[4] as number, el = vl[4] as number;
      const fh = vh[5] as number, fl = vl[5] as number;
      const gh = vh[6] as number, gl = vl[6] as number;
      // Σ1(e) = rotr14 ^ rotr18 ^ rotr41; Ch(e, f, g)
      const sum1h = rotrHigh(eh, el, 14) ^ rotrHigh(eh, el, 18) ^ rotrHigh(eh, el, 41);
      const sum1l = rotrLow(eh, el, 14) ^ rotrLow(eh, el, 18) ^ rotrLow(eh, el, 41);
      const choiceH = (eh & fh) ^ (~eh & gh);
      const choiceL = (el & fl) ^ (~el & gl);
      const t1Low =
        ((vl[7] as number) >>> 0) + (sum1l >>> 0) + (choiceL >>> 0) + ((kl[t] as number) >>> 0) + ((wl[t] as number) >>> 0);
      const t1h = ((vh[7] as number) + sum1h + choiceH + (kh[t] as number) + (wh[t] as number) + carryOf(t1Low)) | 0;
      const t1l = t1Low | 0;
      // Σ0(a) = rotr28 ^ rotr34 ^ rotr39; Maj(a, b, c)
      const sum0h = rotrHigh(ah, al, 28) ^ rotrHigh(ah, al, 34) ^ rotrHigh(ah, al, 39);
      const sum0l = rotrLow(ah, al, 28) ^ rotrLow(ah, al, 34) ^ rotrLow(ah, al, 39);
      const majH = (ah & bh) ^ (ah & ch) ^ (bh & ch);
      const majL = (al & bl) ^ (al & cl) ^ (bl & cl);
      const t2Low = (sum0l >>> 0) + (majL >>> 0);
      const t2h = (sum0h + majH + carryOf(t2Low)) | 0;
      for (let i = 7; i > 0; i--) {
        vh[i] = vh[i - 1] as number;
        vl[i] = vl[i - 1] as number;
      }
      const eLow = ((vl[4] as number) >>> 0) + (t1l >>> 0);
      vh[4] = ((vh[4] as number) + t1h + carryOf(eLow)) | 0;
      vl[4] = eLow | 0;
      const aLow = (t1l >>> 0) + (t2Low >>> 0);
      vh[0] = (t1h + t2h + carryOf(aLow)) | 0;
      vl[0] = aLow | 0;
    }
    for (let i = 0; i < 8; i++) {
      const low = ((hl[i] as number) >>> 0) + ((vl[i] as number) >>> 0);
      hh[i] = ((hh[i] as number) + (vh[i] as number) + carryOf(low)) | 0;
      hl[i] = low | 0;
    }
  }
  const words: number[] = [];
  for (let i = 0; i < outputWords; i++) words.push(hh[i] as number, hl[i] as number);
  return wordsToHex(words, false);
}

/** How many times 2^32 went into a sum of unsigned 32-bit halves. */
function carryOf(lowSum: number): number {
  return Math.floor(lowSum / 0x100000000);
}

function rotrHigh(high: number, low: number, n: number): number {
  if (n >= 32) return rotrHigh(low, high, n - 32);
  return n === 0 ? high : (high >>> n) | (low << (32 - n));
}

function rotrLow(high: number, low: number, n: number): number {
  if (n >= 32) return rotrLow(low, high, n - 32);
  return n === 0 ? low : (low >>> n) | (high << (32 - n));
}

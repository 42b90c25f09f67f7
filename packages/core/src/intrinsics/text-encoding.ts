/**
 * UTF-8 without TextEncoder/Buffer, matching Java's `String.getBytes(UTF_8)` and
 * `new String(bytes, UTF_8)`: an unpaired surrogate encodes as `?`, and each malformed byte
 * sequence decodes as U+FFFD (maximal subpart), so decoding never fails.
 */
export function encodeUtf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = text.charCodeAt(i + 1);
      if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else {
        out[n++] = 0x3f;
        continue;
      }
    }
    if (code < 0x80) {
      out[n++] = code;
    } else if (code < 0x800) {
      out[n++] = 0xc0 | (code >> 6);
      out[n++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      out[n++] = 0xe0 | (code >> 12);
      out[n++] = 0x80 | ((code >> 6) & 0x3f);
      out[n++] = 0x80 | (code & 0x3f);
    } else {
      out[n++] = 0xf0 | (code >> 18);
      out[n++] = 0x80 | ((code >> 12) & 0x3f);
      out[n++] = 0x80 | ((code >> 6) & 0x3f);
      out[n++] = 0x80 | (code & 0x3f);
    }
  }
  return out.subarray(0, n);
}

export function decodeUtf8(bytes: Uint8Array): string {
  const units: number[] = [];
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    let need = 0;
    let code = 0;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead < 0x80) {
      units.push(lead);
      i++;
    } else {
      if (lead >= 0xc2 && lead <= 0xdf) {
        need = 1;
        code = lead & 0x1f;
      } else if (lead >= 0xe0 && lead <= 0xef) {
        need = 2;
        code = lead & 0x0f;
        if (lead === 0xe0) lower = 0xa0;
        if (lead === 0xed) upper = 0x9f;
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        need = 3;
        code = lead & 0x07;
        if (lead === 0xf0) lower = 0x90;
        if (lead === 0xf4) upper = 0x8f;
      }
      i++;
      let ok = need > 0;
      for (let k = 0; ok && k < need; k++) {
        const b = bytes[i];
        if (b === undefined || b < lower || b > upper) {
          ok = false;
          break;
        }
        code = (code << 6) | (b & 0x3f);
        lower = 0x80;
        upper = 0xbf;
        i++;
      }
      if (!ok) units.push(0xfffd);
      else if (code >= 0x10000) units.push(0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff));
      else units.push(code);
    }
    if (units.length >= 4096) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode(...units);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Sextet value of each character code; URL-safe `-` `_` are accepted as well, -1 elsewhere. */
const SEXTETS = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

/** Standard Base64 with `=` padding, no line breaks. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63);
    out += ALPHABET.charAt((n >> 6) & 63) + ALPHABET.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63) + '==';
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63) + ALPHABET.charAt((n >> 6) & 63) + '=';
  }
  return out;
}

/**
 * Lenient decoding in the manner of Apache commons-codec: characters outside the alphabet
 * are skipped, the first `=` ends the data, and a dangling single character is dropped.
 * AWS decodes `!!!invalid!!!`, `abc`, `ab==cd` and ` YWJjZA== ` without failing
 * (characterization suite run on AWS), which a strict decoder would refuse.
 */
export function decodeBase64Lenient(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let n = 0;
  let bits = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3d) break;
    const sextet = code < 128 ? (SEXTETS[code] as number) : -1;
    if (sextet < 0) continue;
    bits = (bits << 6) | sextet;
    if (++count === 4) {
      out[n++] = (bits >> 16) & 0xff;
      out[n++] = (bits >> 8) & 0xff;
      out[n++] = bits & 0xff;
      bits = 0;
      count = 0;
    }
  }
  if (count === 2) {
    out[n++] = (bits >> 4) & 0xff;
  } else if (count === 3) {
    out[n++] = (bits >> 10) & 0xff;
    out[n++] = (bits >> 2) & 0xff;
  }
  return out.subarray(0, n);
}

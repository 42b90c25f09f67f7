import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import { decodeBase64Lenient, decodeUtf8, encodeBase64, encodeUtf8 } from './text-encoding.js';
import { INTRINSIC_FUNCTIONS } from './compile-intrinsic.js';
import { IntrinsicArgumentFailure } from './intrinsic-function.js';

const rt = { sources: { input: null, context: () => null, variable: () => undefined }, random: () => 0.5 };
const call = (name: string, ...args: Json[]): Json => {
  const fn = INTRINSIC_FUNCTIONS.get(name);
  if (fn === undefined) throw new Error(name);
  return fn.invoke(args, rt);
};
const invalid = (name: string) => new IntrinsicArgumentFailure(`Invalid arguments in ${name}`);

describe('UTF-8', () => {
  it('round-trips every plane', () => {
    const text = 'aé✓こんにちは🚀\u0000';
    expect(decodeUtf8(encodeUtf8(text))).toBe(text);
    expect([...encodeUtf8('🚀')]).toEqual([0xf0, 0x9f, 0x9a, 0x80]);
  });
  it('encodes a lone surrogate as ? and decodes bad bytes as U+FFFD, like Java', () => {
    expect([...encodeUtf8('a\ud800b')]).toEqual([0x61, 0x3f, 0x62]);
    expect(decodeUtf8(new Uint8Array([0x61, 0xff, 0xe2, 0x9c, 0x62]))).toBe('a\ufffd\ufffdb');
  });
});

describe('States.Base64Encode / Base64Decode', () => {
  it('encodes UTF-8 text', () => {
    expect(call('States.Base64Encode', 'Data to encode')).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(call('States.Base64Encode', '✓')).toBe('4pyT');
    expect(call('States.Base64Encode', '🚀')).toBe('8J+agA==');
    expect(call('States.Base64Encode', 'abc\u0000def')).toBe('YWJjAGRlZg==');
    expect(call('States.Base64Encode', '')).toBe('');
  });
  it('decodes, leniently like AWS', () => {
    expect(call('States.Base64Decode', 'RGF0YSB0byBlbmNvZGU=')).toBe('Data to encode');
    expect(call('States.Base64Decode', '44GT44KT44Gr44Gh44Gv')).toBe('こんにちは');
    expect(call('States.Base64Decode', ' YWJjZA== ')).toBe('abcd');
    expect(call('States.Base64Decode', 'YWJjZA')).toBe('abcd');
    expect(call('States.Base64Decode', 'ab==cd')).toBe('i');
    expect(typeof call('States.Base64Decode', '!!!invalid!!!')).toBe('string');
  });
  it('limits input to 10,000 characters and needs a string', () => {
    expect(call('States.Base64Encode', 'a'.repeat(10_000))).toHaveLength(13_336);
    expect(() => call('States.Base64Encode', 'a'.repeat(10_001))).toThrow(invalid('States.Base64Encode'));
    expect(() => call('States.Base64Decode', 'A'.repeat(10_001))).toThrow(invalid('States.Base64Decode'));
    expect(() => call('States.Base64Encode', 123)).toThrow(invalid('States.Base64Encode'));
    expect(() => call('States.Base64Decode', {})).toThrow(invalid('States.Base64Decode'));
  });
  it('round-trips bytes', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect([...decodeBase64Lenient(encodeBase64(bytes))]).toEqual([...bytes]);
  });
});

describe('States.Hash', () => {
  it('digests UTF-8 text (recorded test_hash values for "input data")', () => {
    expect(call('States.Hash', 'input data', 'MD5')).toBe('812f45842bc6d66ee14572ce20db8e86');
    expect(call('States.Hash', 'input data', 'SHA-256')).toBe('b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3');
    expect(call('States.Hash', 'hello', 'SHA-1')).toBe('aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d');
    expect(call('States.Hash', 'Hash this string', 'SHA-256')).toBe('1cac63f39fd68d8c531f27b807610fb3d50f0fc3f186995767fb6316e7200a3e');
    expect(call('States.Hash', '✓', 'SHA-256')).toBe('1dabba21cdad44541f6b15796f8d22978fc7ea10c46aeceeeeb66c23b3ac7604');
  });
  it('refuses unknown or differently spelled algorithms and long data', () => {
    for (const algorithm of ['sha-256', 'SHA256', 'MD-5', '', 'SHA-257']) {
      expect(() => call('States.Hash', 'data', algorithm)).toThrow(invalid('States.Hash'));
    }
    expect(() => call('States.Hash', 'hello', 123)).toThrow(invalid('States.Hash'));
    expect(call('States.Hash', 'a'.repeat(10_000), 'MD5')).toHaveLength(32);
    expect(() => call('States.Hash', 'a'.repeat(10_001), 'MD5')).toThrow(invalid('States.Hash'));
  });
  it('hashes the JSON text of a non-string, as AWS accepts one', () => {
    expect(call('States.Hash', 123, 'MD5')).toBe(call('States.Hash', '123', 'MD5'));
  });
});

import type { Json } from '../json.js';
import { toJsonText } from '../json.js';
import { decodeBase64Lenient, decodeUtf8, encodeBase64, encodeUtf8 } from './text-encoding.js';
import { md5Hex, sha1Hex } from './digest/md5-sha1.js';
import { sha256Hex, sha384Hex, sha512Hex } from './digest/sha2.js';
import { defineFunction, type IntrinsicFunction, invalidArguments, requireString } from './intrinsic-function.js';

/** AWS docs: Base64Encode/Base64Decode/Hash take at most 10,000 characters (10,001 fails on AWS). */
export const MAX_ENCODING_INPUT = 10_000;

const BASE64_ENCODE = 'States.Base64Encode';
const BASE64_DECODE = 'States.Base64Decode';
const HASH = 'States.Hash';

/** Algorithm names are case-sensitive: `sha-256`, `SHA256`, `MD-5` fail on AWS. */
const ALGORITHMS: ReadonlyMap<string, (bytes: Uint8Array) => string> = new Map([
  ['MD5', md5Hex],
  ['SHA-1', sha1Hex],
  ['SHA-256', sha256Hex],
  ['SHA-384', sha384Hex],
  ['SHA-512', sha512Hex],
]);

export const encodingFunctions: readonly IntrinsicFunction[] = [
  defineFunction(BASE64_ENCODE, 1, 1, ([text]) => encodeBase64(encodeUtf8(limited(text as Json, BASE64_ENCODE)))),
  defineFunction(BASE64_DECODE, 1, 1, ([text]) =>
    decodeUtf8(decodeBase64Lenient(limited(text as Json, BASE64_DECODE))),
  ),
  defineFunction(HASH, 2, 2, ([data, algorithm]) => hash(data as Json, algorithm as Json)),
];

function limited(value: Json, functionName: string): string {
  const text = requireString(value, functionName);
  if (text.length > MAX_ENCODING_INPUT) throw invalidArguments(functionName);
  return text;
}

/**
 * Lowercase hex digest of the UTF-8 bytes (recorded case test_hash for MD5, SHA-256/384/512
 * of "input data"). Data that is not a string is hashed as its JSON text: AWS returns a digest
 * for a number or an object rather than failing (characterization suite on AWS).
 */
function hash(data: Json, algorithm: Json): string {
  const digest = typeof algorithm === 'string' ? ALGORITHMS.get(algorithm) : undefined;
  if (digest === undefined || data === null) throw invalidArguments(HASH);
  const text = typeof data === 'string' ? data : toJsonText(data);
  if (text.length > MAX_ENCODING_INPUT) throw invalidArguments(HASH);
  return digest(encodeUtf8(text));
}

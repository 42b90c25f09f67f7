/**
 * The task result of an HTTP Task: `{ Headers, ResponseBody, StatusCode, StatusText }`, with
 * `ResponseBody` parsed when the response is JSON and kept as text otherwise.
 *
 * [unverified] AWS documents the members but not every detail; Flowgate's choices:
 * - `Headers` maps each header, in the server's spelling, to the list of its values;
 * - `StatusCode` is the number;
 * - a non-2xx answer fails with `States.Http.StatusCode.<code>` and the cause is this same
 *   result object as JSON text, so a Catch can read the server's answer with `States.StringToJson`.
 */
import type { IncomingMessage } from 'node:http';
import type { Json, JsonObject } from '@flowgate/core';
import { TaskFailure } from '@flowgate/core';

/** What Step Functions asks for with `Range: bytes=0-262144`: the 256 KiB payload quota. */
export const RESPONSE_LIMIT_BYTES = 262_144;

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** AWS fails these with `States.Runtime` ("Unsupported HTTP Task responses"). */
function isUnsupportedMedia(type: string): boolean {
  return type === 'application/octet-stream' || type.startsWith('image/') || type.startsWith('video/') || type.startsWith('audio/');
}

function isJsonMedia(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

function headersOf(response: IncomingMessage): JsonObject {
  const headers: JsonObject = {};
  const spelling = new Map<string, string>();
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    const key = spelling.get(name.toLowerCase()) ?? name;
    spelling.set(name.toLowerCase(), key);
    const values = Object.prototype.hasOwnProperty.call(headers, key) ? (headers[key] as Json[]) : [];
    Object.defineProperty(headers, key, { value: [...values, raw[i + 1] ?? ''], enumerable: true, writable: true, configurable: true });
  }
  return headers;
}

/** Reads the body; more than the quota fails the task rather than buffering without end. */
function readBody(response: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > RESPONSE_LIMIT_BYTES + 1) {
        response.destroy();
        reject(
          new TaskFailure(
            'States.DataLimitExceeded',
            "The state/task 'arn:aws:states:::http:invoke' returned a result with a size exceeding the maximum number of bytes service limit.",
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    response.once('end', () => resolve(Buffer.concat(chunks)));
    response.once('error', reject);
    // A connection cut mid-body (or by the 60 s limit) must not leave the read waiting.
    response.once('close', () => {
      if (!response.complete) reject(new Error('The connection closed before the response ended.'));
    });
  });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function responseBody(bytes: Buffer, type: string): Json {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new TaskFailure('States.Runtime', 'The HTTP response body cannot be read as a valid string.');
  }
  if (!isJsonMedia(type) || text.trim() === '') return text;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/** Resolves with the task result for a 2xx answer; rejects with the task's failure otherwise. */
export async function httpTaskResult(response: IncomingMessage): Promise<JsonObject> {
  const type = mediaType(response.headers['content-type']);
  if (isUnsupportedMedia(type)) {
    response.destroy();
    throw new TaskFailure('States.Runtime', `The HTTP response has the content type '${type}', which HTTP Tasks do not accept.`);
  }
  const bytes = await readBody(response);
  const status = response.statusCode ?? 0;
  const result: JsonObject = {
    Headers: headersOf(response),
    ResponseBody: responseBody(bytes, type),
    StatusCode: status,
    StatusText: response.statusMessage ?? '',
  };
  if (status < 200 || status > 299) throw new TaskFailure(`States.Http.StatusCode.${status}`, JSON.stringify(result));
  return result;
}

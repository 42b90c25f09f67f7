import type { IncomingMessage } from 'node:http';

/** Lambda's synchronous payload limit, which API Gateway's Lambda and service integrations inherit. */
export const DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024;

export interface RequestBody {
  readonly bytes: Buffer;
  /** The media type, lower case, without parameters; undefined when the request named none. */
  readonly mediaType: string | undefined;
  /** Whether the body travels as text; otherwise API Gateway base64-encodes it in events. */
  readonly isText: boolean;
}

export type BodyRead = { readonly kind: 'body'; readonly body: RequestBody } | { readonly kind: 'too-large' };

/**
 * Reads the whole body, refusing one larger than `limit` bytes. A declared Content-Length over
 * the limit is refused before reading; a chunked body as soon as it passes the limit. The rest
 * of a refused body is drained, not read into memory, so the client can still read the 413.
 */
export function readRequestBody(request: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(request.headers['content-length']);
  const mediaType = mediaTypeOf(request.headers['content-type']);
  const isText = isTextual(mediaType);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.resolve({ kind: 'too-large' });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    request.on('end', () => {
      ended = true;
      if (!tooLarge) resolve({ kind: 'body', body: { bytes: Buffer.concat(chunks, size), mediaType, isText } });
    });
    const gone = (): void => {
      if (!ended && !tooLarge) reject(new ClientGone());
    };
    request.on('error', gone);
    // 'close' follows 'end' on every request; before it, the client left mid-body.
    request.on('close', gone);
  });
}

/** The client went away before its body arrived: nobody is left to answer, nothing to report. */
export class ClientGone extends Error {
  readonly code = 'ClientGone';
  constructor() {
    super('The client went away while sending the request body.');
    this.name = 'ClientGone';
  }
}

/** An empty body, for requests answered without reading theirs. */
export const NO_BODY: RequestBody = { bytes: Buffer.alloc(0), mediaType: undefined, isText: true };

export function mediaTypeOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const type = header.split(';', 1)[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}

/** `application/json` and the `+json` structured syntax suffix (RFC 6839). */
export function isJsonMediaType(mediaType: string | undefined): boolean {
  return mediaType === 'application/json' || (mediaType?.endsWith('+json') ?? false);
}

const TEXT_TYPES = new Set([
  'application/json',
  'application/xml',
  'application/javascript',
  'application/x-www-form-urlencoded',
  'application/graphql',
  'application/x-ndjson',
  'application/yaml',
]);

/**
 * Text bodies stay strings in events; everything else is base64 with `isBase64Encoded: true`,
 * as HTTP APIs send binary media. A request without a Content-Type is taken as text.
 */
function isTextual(mediaType: string | undefined): boolean {
  if (mediaType === undefined) return true;
  return mediaType.startsWith('text/') || TEXT_TYPES.has(mediaType) || mediaType.endsWith('+json') || mediaType.endsWith('+xml');
}

/** The body as an event carries it: a string, or base64 for binary media; undefined when empty. */
export function eventBody(body: RequestBody): { readonly body?: string; readonly isBase64Encoded: boolean } {
  if (body.bytes.length === 0) return { isBase64Encoded: false };
  return body.isText ? { body: body.bytes.toString('utf8'), isBase64Encoded: false } : { body: body.bytes.toString('base64'), isBase64Encoded: true };
}

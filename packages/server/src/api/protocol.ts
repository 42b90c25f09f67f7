import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApiError, apiError, errorTypeOf } from './errors.js';
import { checkRequest } from './request-shapes.js';

/** What an action sees of the HTTP request besides its input. */
export interface ApiCall {
  readonly headers: IncomingMessage['headers'];
  /**
   * Registers what to do if the client goes away before the answer is sent (the last one
   * registered counts). A callback rather than an AbortSignal: most requests never need one.
   */
  onClientGone(listener: () => void): void;
}

export type ActionHandler = (input: Record<string, unknown>, call: ApiCall) => Promise<object>;

/** AWS's hard quota on one API request. */
export const MAX_REQUEST_BYTES = 1_048_576;

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * The AWS JSON 1.0 protocol: `POST /`, the action named by `X-Amz-Target` (never by the Host
 * header, which SDKs prefix with `sync-` for some actions), a JSON body in and out.
 */
export function createApiRequestHandler(
  actions: Readonly<Record<string, ActionHandler>>,
  onUnexpected: (error: unknown) => void,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const requestId = randomUUID();
    let clientGone: (() => void) | undefined;
    // 'close' on the response fires when the connection ends before the answer was written.
    response.on('close', () => {
      if (!response.writableFinished) clientGone?.();
    });
    const call: ApiCall = {
      headers: request.headers,
      onClientGone(listener) {
        clientGone = listener;
      },
    };
    dispatch(request, actions, call).then(
      (output) => send(response, requestId, 200, output),
      (error: unknown) => {
        if (!(error instanceof ApiError)) onUnexpected(error);
        const failure = error instanceof ApiError ? error : apiError('InternalFailure', 'An internal error occurred.');
        send(response, requestId, failure.status, { __type: errorTypeOf(failure.code), message: failure.message, ...failure.members });
      },
    );
  };
}

async function dispatch(
  request: IncomingMessage,
  actions: Readonly<Record<string, ActionHandler>>,
  call: ApiCall,
): Promise<object> {
  if (request.method !== 'POST' || pathOf(request.url ?? '/') !== '/') {
    throw apiError('UnknownOperationException', 'Only POST / is served by this endpoint.');
  }
  const target = request.headers['x-amz-target'];
  const action = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  const handler = action === undefined ? undefined : actions[action];
  if (action === undefined || handler === undefined) {
    await readBody(request).catch(() => undefined);
    throw apiError('UnknownOperationException', `Unknown operation: '${String(target ?? '')}'`);
  }
  const input = parseBody(await readBody(request));
  checkRequest(action, input);
  return handler(input, call);
}

/**
 * The path of the request target. HTTP/1.1 servers must accept the absolute form
 * (`POST http://sync-localhost:8083/`) too: it is what a client sends through a proxy, which is
 * how AWS CLI versions that always add the `sync-` host prefix can still reach this server.
 */
function pathOf(target: string): string {
  if (target === '/') return target;
  // Not through URL: hosts such as `sync-127.0.0.1` are not valid WHATWG URL hosts.
  const originForm = target.replace(/^https?:\/\/[^/?#]*/i, '');
  return (originForm.split('?')[0] ?? '') || '/';
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_REQUEST_BYTES) {
      request.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(tooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function tooLarge(): ApiError {
  return new ApiError('RequestEntityTooLargeException', `Request size exceeds the limit of ${MAX_REQUEST_BYTES} bytes.`, 413);
}

/** A request body as the AWS JSON protocol reads it: an object of JSON, else SerializationException. */
export function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw apiError('SerializationException', 'The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw apiError('SerializationException', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

function send(response: ServerResponse, requestId: string, status: number, body: object): void {
  if (response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  response.end(text);
}

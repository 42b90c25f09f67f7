/**
 * The AWS Lambda Runtime API (version 2018-06-01) as one runtime process sees it, so that an
 * unmodified custom runtime (a `bootstrap`, Lambda's own runtime interface clients) runs here.
 *
 * One endpoint per process, each on its own ephemeral port of 127.0.0.1. Runtimes read
 * `AWS_LAMBDA_RUNTIME_API` as a bare `host:port` authority (the Python and C++ clients hand it
 * to an HTTP connection, Rust's `lambda_runtime` parses it into a URI), so a path prefix per
 * process would break them; a port per process tells processes apart without relying on how
 * a runtime builds its URLs, and a killed process's late requests find its port closed.
 *
 * States, status codes and error documents follow the Runtime Interface Emulator
 * (aws-lambda-runtime-interface-emulator, `lambda/rapi`, `lambda/core/states.go`):
 * a wrong request id is 400 `InvalidRequestID`; a call the runtime's state does not allow
 * (a response before `/next`, a second response, an init error after init) is 403
 * `InvalidStateTransition`; an oversized response is 413 `RequestEntityTooLarge`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_RESPONSE_BYTES } from '../platform-errors.js';

/** One invocation as the runtime receives it from `/next`. */
export interface RuntimeEvent {
  readonly requestId: string;
  readonly payload: string;
  /** Counted from the moment `/next` hands the event over (`Lambda-Runtime-Deadline-Ms`). */
  readonly timeoutMs: number;
  readonly invokedFunctionArn: string;
  readonly traceHeader?: string;
  /** The client context as JSON text (the Invoke API's base64, decoded). */
  readonly clientContext?: string;
}

export type RuntimeAnswer =
  | { readonly kind: 'response'; readonly body: string }
  | { readonly kind: 'error'; readonly body: string; readonly errorType?: string }
  | { readonly kind: 'oversized'; readonly bytes: number };

export interface RuntimeApiListener {
  /** The runtime asked for work; the first call ends its init. */
  next(): void;
  /** The event went to the runtime; its deadline is `deadlineMs` (epoch ms). */
  delivered(requestId: string, deadlineMs: number): void;
  answered(requestId: string, answer: RuntimeAnswer): void;
  initError(body: string, errorType: string | undefined): void;
}

export interface RuntimeApiEndpoint {
  /** `127.0.0.1:<port>`: the process's `AWS_LAMBDA_RUNTIME_API`. */
  readonly address: string;
  /** Hands the event to the runtime's pending or next `/next`; one event at a time, as Lambda. */
  offer(event: RuntimeEvent): void;
  /** Takes back an offered event; false when the runtime has already received it. */
  withdraw(): boolean;
  close(): Promise<void>;
}

// The RIE's state names, which its 403 messages quote.
type Phase = 'Started' | 'Ready' | 'RuntimeResponseSentState' | 'InitError';

const PREFIX = '/2018-06-01/runtime/';
const INVOCATION_PATH = /^invocation\/([^/]+)\/(response|error)$/;
// Runtimes wait on /next for as long as the function stays warm, and some keep their
// connection between /next and the answer for up to Lambda's 15-minute timeout.
const KEEP_ALIVE_MS = 16 * 60 * 1000;

export async function startRuntimeApiEndpoint(listener: RuntimeApiListener): Promise<RuntimeApiEndpoint> {
  let phase: Phase = 'Started';
  let offered: RuntimeEvent | undefined;
  let delivered: RuntimeEvent | undefined;
  let waiting: ServerResponse | undefined;

  const deliver = (res: ServerResponse, event: RuntimeEvent, deadlineMs: number): void => {
    // A Buffer body: with a string body, Node writes the headers in the body's encoding (UTF-8),
    // which would encode the client context's bytes a second time.
    const body = Buffer.from(event.payload, 'utf8');
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json',
      'Content-Length': body.length,
      'Lambda-Runtime-Aws-Request-Id': event.requestId,
      'Lambda-Runtime-Deadline-Ms': deadlineMs,
      'Lambda-Runtime-Invoked-Function-Arn': event.invokedFunctionArn,
    };
    if (event.traceHeader !== undefined && event.traceHeader !== '') headers['Lambda-Runtime-Trace-Id'] = event.traceHeader;
    if (event.clientContext !== undefined) headers['Lambda-Runtime-Client-Context'] = headerSafe(event.clientContext);
    res.writeHead(200, headers).end(body);
  };
  let deliveredDeadline = 0;
  const handOver = (res: ServerResponse, event: RuntimeEvent): void => {
    offered = undefined;
    delivered = event;
    deliveredDeadline = Date.now() + event.timeoutMs;
    deliver(res, event, deliveredDeadline);
    listener.delivered(event.requestId, deliveredDeadline);
  };

  const next = (res: ServerResponse): void => {
    if (phase === 'InitError') return forbidden(res, phase, 'Ready');
    if (phase === 'Ready' && delivered !== undefined) return deliver(res, delivered, deliveredDeadline);
    if (waiting !== undefined) return forbidden(res, phase, 'Ready');
    phase = 'Ready';
    listener.next();
    if (offered !== undefined) return handOver(res, offered);
    waiting = res;
    res.once('close', () => {
      if (waiting === res) waiting = undefined;
    });
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, requestId: string, kind: 'response' | 'error'): Promise<void> => {
    const target = kind === 'response' ? 'InvocationResponse' : 'InvocationErrorResponse';
    if (phase !== 'Ready') return forbidden(res, phase, target);
    if (delivered === undefined || delivered.requestId !== requestId) {
      return json(res, 400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
    }
    // The state moves before the body is read, so that a second answer racing this one is refused.
    phase = 'RuntimeResponseSentState';
    delivered = undefined;
    const body = await readBody(req);
    if (body.kind === 'oversized') {
      json(res, 413, { errorMessage: `Exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`, errorType: 'RequestEntityTooLarge' });
      return listener.answered(requestId, body);
    }
    json(res, 202, { status: 'OK' });
    const errorType = req.headers['lambda-runtime-function-error-type'];
    listener.answered(
      requestId,
      kind === 'response' ? { kind, body: body.text } : { kind, body: body.text, ...(typeof errorType === 'string' ? { errorType } : {}) },
    );
  };

  const initError = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (phase !== 'Started') return forbidden(res, phase, 'InitError');
    phase = 'InitError';
    const body = await readBody(req);
    json(res, 202, { status: 'OK' });
    const errorType = req.headers['lambda-runtime-function-error-type'];
    listener.initError(body.kind === 'oversized' ? '' : body.text, typeof errorType === 'string' ? errorType : undefined);
  };

  const server = createServer({ requestTimeout: 0 }, (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const route = path.startsWith(PREFIX) ? path.slice(PREFIX.length) : undefined;
    const invocation = route === undefined ? null : INVOCATION_PATH.exec(route);
    const allowed = route === 'invocation/next' ? 'GET' : route === 'init/error' || invocation !== null ? 'POST' : undefined;
    if (allowed === undefined) return void res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
    if (req.method !== allowed) return void res.writeHead(405, { Allow: allowed, 'Content-Length': 0 }).end();
    if (route === 'invocation/next') return next(res);
    const work = invocation === null ? initError(req, res) : answer(req, res, decodePathSegment(invocation[1] ?? ''), invocation[2] as 'response' | 'error');
    work.catch(() => res.destroy());
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    address: `127.0.0.1:${port}`,
    offer(event) {
      if (offered !== undefined || delivered !== undefined) throw new Error('The runtime already has an invocation');
      offered = event;
      const poll = waiting;
      if (poll !== undefined) {
        waiting = undefined;
        handOver(poll, event);
      }
    },
    withdraw() {
      if (offered === undefined) return false;
      offered = undefined;
      return true;
    },
    close() {
      waiting = undefined;
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

function forbidden(res: ServerResponse, from: Phase, to: string): void {
  json(res, 403, {
    errorMessage: `State transition from ${from} to ${to} failed for runtime. Error: State transition is not allowed`,
    errorType: 'InvalidStateTransition',
  });
}

/** Reads a request body up to Lambda's payload limit; past it, counts the bytes and drops them. */
function readBody(req: IncomingMessage): Promise<{ kind: 'text'; text: string } | { kind: 'oversized'; bytes: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= MAX_RESPONSE_BYTES) chunks.push(chunk);
    });
    req.once('end', () => resolve(bytes > MAX_RESPONSE_BYTES ? { kind: 'oversized', bytes } : { kind: 'text', text: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', reject);
  });
}

// A header carries bytes, not text: send the JSON's UTF-8 bytes as they are (Node writes a
// latin1 string byte for byte) and fold line breaks, which JSON treats as whitespace anyway.
function headerSafe(text: string): string {
  return Buffer.from(text.replace(/[\r\n]+/g, ' '), 'utf8').toString('latin1');
}

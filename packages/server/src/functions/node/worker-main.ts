/**
 * The entry of a function worker thread: one Lambda execution environment. It loads the
 * handler once (init), then serves the invocations the runner sends, one at a time, the way
 * Lambda's Node.js runtime serves its Runtime API: console output becomes Lambda's log records,
 * errors become Lambda's error documents, and an uncaught exception or unhandled rejection
 * reports the error and ends the environment (exit status 129 / 128, as the runtime does).
 *
 * "The event loop is empty" (when `callback(null, result)` answers, and when a handler that
 * never answered gets `null`) is Node's `beforeExit`: while an invocation runs, the port to the
 * runner is unref'd, so the worker's loop drains exactly when the function has nothing left.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { createInvocationContext } from './lambda-context.js';
import { formatErrorForLog, RuntimeInitError, toRapidError, UnhandledPromiseRejection } from './rapid-error.js';
import type { InvokeMessage, WorkerMessage, WorkerSetup } from './worker-protocol.js';
import { MAX_RESPONSE_BYTES } from './worker-protocol.js';

type Handler = (event: unknown, context: unknown, callback: unknown) => unknown;

if (parentPort === null) throw new Error('worker-main runs only as a worker thread');
const port = parentPort;
const setup = workerData as WorkerSetup;

let initializing = true;
let requestIdForLogs: string | undefined;
let active: string | undefined;
let onEventLoopEmpty: (() => void) | undefined;

function post(message: WorkerMessage): void {
  port.postMessage(message);
}

function heapMb(): number {
  return Math.ceil(getHeapStatistics().total_physical_size / (1024 * 1024));
}

// Lambda's text log format: `<ISO time>\t<request id>\t<LEVEL>\t<message>`.
function patchConsole(): void {
  const levels = { log: 'INFO', info: 'INFO', debug: 'DEBUG', warn: 'WARN', error: 'ERROR', trace: 'TRACE' } as const;
  for (const [method, level] of Object.entries(levels)) {
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]): void => {
      post({ kind: 'log', text: `${new Date().toISOString()}\t${String(requestIdForLogs)}\t${level}\t${format(...args)}` });
    };
  }
  (console as unknown as Record<string, unknown>).fatal = (...args: unknown[]): void => {
    post({ kind: 'log', text: `${new Date().toISOString()}\t${String(requestIdForLogs)}\tFATAL\t${format(...args)}` });
  };
}

/**
 * Writes that bypass console (process.stdout.write, console.dir, libraries' own loggers) are
 * log records too. They travel on the same port as the answers, so they stay in order with them
 * (the worker's own stdout/stderr streams would also keep the server process alive).
 */
function patchStdio(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = ((chunk: unknown, encoding?: unknown, done?: unknown): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      post({ kind: 'log', text: text.endsWith('\n') ? text.slice(0, -1) : text });
      const callback = typeof encoding === 'function' ? encoding : done;
      if (typeof callback === 'function') queueMicrotask(() => (callback as () => void)());
      return true;
    }) as typeof stream.write;
  }
}

async function loadHandler(): Promise<Handler> {
  if (setup.sourceMaps) process.setSourceMapsEnabled(true);
  let loaded: unknown;
  try {
    loaded = setup.loader === 'require' ? createRequire(setup.modulePath)(setup.modulePath) : await import(pathToFileURL(setup.modulePath).href);
  } catch (error) {
    if (error instanceof SyntaxError) throw new RuntimeInitError('UserCodeSyntaxError', String(error));
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') throw new RuntimeInitError('ImportModuleError', String(error));
    throw error;
  }
  let member: unknown = loaded;
  for (const key of setup.exportPath) member = (member as Record<string, unknown> | null | undefined)?.[key];
  if (!member) throw new RuntimeInitError('HandlerNotFound', `${setup.handlerString} is undefined or not exported`);
  if (typeof member !== 'function') throw new RuntimeInitError('HandlerNotFound', `${setup.handlerString} is not a function`);
  return member as Handler;
}

function answer(requestId: string, outcome: { readonly error: unknown } | { readonly result: unknown }): void {
  if (active !== requestId) return;
  if ('error' in outcome) {
    console.error('Invoke Error', formatErrorForLog(outcome.error));
    finish({ kind: 'error', requestId, error: toRapidError(outcome.error), handled: true, fatal: false, heapMb: heapMb() });
    return;
  }
  let payload: string;
  try {
    payload = JSON.stringify(outcome.result === undefined ? null : outcome.result);
  } catch {
    // The runtime's own words when JSON.stringify fails (circular or BigInt results).
    const error = new Error('Unable to stringify response body');
    console.error('Invoke Error', formatErrorForLog(error));
    finish({ kind: 'error', requestId, error: toRapidError(error), handled: false, fatal: false, heapMb: heapMb() });
    return;
  }
  const bytes = Buffer.byteLength(payload);
  if (bytes > MAX_RESPONSE_BYTES) finish({ kind: 'too-large', requestId, bytes, heapMb: heapMb() });
  else finish({ kind: 'response', requestId, payload, heapMb: heapMb() });
}

function finish(message: WorkerMessage): void {
  active = undefined;
  onEventLoopEmpty = undefined;
  post(message);
  port.ref();
}

function invoke(handler: Handler, message: InvokeMessage): void {
  let event: unknown;
  try {
    event = JSON.parse(message.payload);
  } catch (error) {
    post({ kind: 'bad-request', requestId: message.requestId, message: `Could not parse request body into json: ${String(error)}` });
    return;
  }
  requestIdForLogs = message.requestId;
  active = message.requestId;
  if (message.traceHeader === undefined) delete process.env._X_AMZN_TRACE_ID;
  else process.env._X_AMZN_TRACE_ID = message.traceHeader;
  port.unref();
  const [context, callback] = createInvocationContext(message, process.env, {
    answer: (outcome) => answer(message.requestId, outcome),
    whenEventLoopEmpty: (action) => {
      if (active === message.requestId) onEventLoopEmpty = action;
    },
    warn: (text) => console.error(text),
  });
  try {
    const returned = handler(event, context, callback);
    if (returned !== null && typeof returned === 'object' && typeof (returned as { then?: unknown }).then === 'function') {
      (returned as PromiseLike<unknown>).then(context.succeed, context.fail);
    }
  } catch (error) {
    callback(error);
  }
}

function failFatally(error: unknown, logLabel: string, exitCode: number): void {
  console.error(logLabel, formatErrorForLog(error));
  if (active !== undefined) {
    const requestId = active;
    active = undefined;
    post({ kind: 'error', requestId, error: toRapidError(error), handled: false, fatal: true, heapMb: heapMb() });
  } else if (initializing) {
    post({ kind: 'init-error', error: toRapidError(error) });
  }
  process.exit(exitCode);
}

process.on('uncaughtException', (error) => failFatally(error, 'Uncaught Exception', 129));
process.on('unhandledRejection', (reason) => failFatally(new UnhandledPromiseRejection(reason), 'Unhandled Promise Rejection', 128));
process.on('beforeExit', () => {
  const action = onEventLoopEmpty;
  onEventLoopEmpty = undefined;
  // Keep the worker alive either way; the action answers (which also re-refs the port).
  port.ref();
  if (action !== undefined) setImmediate(action);
});

patchConsole();
patchStdio();
try {
  const handler = await loadHandler();
  initializing = false;
  port.on('message', (message: InvokeMessage) => invoke(handler, message));
  post({ kind: 'ready' });
} catch (error) {
  console.error('Uncaught Exception', formatErrorForLog(error));
  post({ kind: 'init-error', error: toRapidError(error) });
  process.exit(129);
}

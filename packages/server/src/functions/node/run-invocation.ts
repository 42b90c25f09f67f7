/**
 * One invocation on one worker: the function's clock, the caller's abort, and the translation
 * of what ended it into Lambda's Invoke outcome and log lines.
 *
 * The clock starts when the handler can start: at once on a warm worker; on a cold one when the
 * handler is loaded, or after Lambda's 10 s init limit, whichever is first (Lambda does not
 * charge init to the function's timeout until init itself overruns).
 */
import type { InvocationOutcome, InvocationRequest } from '../function-runner.js';
import { LambdaServiceError } from '../function-runner.js';
import type { FunctionWorker, WorkerAnswer } from './function-worker.js';
import type { InvocationLog, InvocationReport } from './invocation-log.js';
import { exitErrorPayload, responseTooLargePayload, timeoutPayload } from '../platform-errors.js';
import { outOfMemoryPayload } from './runtime-errors.js';

export interface InvocationSettings {
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** What an invocation cut short by the runner's close rejects with. */
  readonly closedError: () => Error;
}

const INIT_LIMIT_MS = 10_000;

type Settled = { readonly kind: 'answer'; readonly answer: WorkerAnswer } | { readonly kind: 'timeout' } | { readonly kind: 'aborted' };

/** Resolves with the outcome, or rejects (aborted, bad request, closed). The caller recycles the worker. */
export async function runInvocation(worker: FunctionWorker, request: InvocationRequest, log: InvocationLog, settings: InvocationSettings): Promise<InvocationOutcome> {
  log.start();
  const { settled, handlerStartedAt } = await settle(worker, request, settings.timeoutSeconds * 1000);
  const initDurationMs = !worker.initReported && worker.initMs !== undefined ? worker.initMs : undefined;
  if (initDurationMs !== undefined) worker.initReported = true;
  const report: InvocationReport = {
    durationMs: performance.now() - handlerStartedAt,
    memorySizeMb: settings.memoryMb,
    ...(initDurationMs === undefined ? {} : { initDurationMs }),
  };
  if (settled.kind === 'aborted') throw abortError(request.signal);
  if (settled.kind === 'timeout') {
    log.timedOut(settings.timeoutSeconds);
    log.end({ ...report, status: 'timeout' });
    return unhandled(timeoutPayload(request.requestId, settings.timeoutSeconds), log);
  }
  const { answer } = settled;
  switch (answer.kind) {
    case 'response':
      log.end({ ...report, maxMemoryUsedMb: answer.heapMb });
      return { payload: answer.payload, executedVersion: '$LATEST', logTail: log.tail() };
    case 'error': {
      const failure = answer.handled ? {} : { status: 'error' as const, errorType: answer.error.errorType };
      log.end({ ...report, maxMemoryUsedMb: answer.heapMb, ...failure });
      const payload = JSON.stringify(answer.error);
      return { payload, functionError: answer.handled ? 'Handled' : 'Unhandled', executedVersion: '$LATEST', logTail: log.tail() };
    }
    case 'bad-request':
      throw new LambdaServiceError('InvalidRequestContentException', answer.message, 400);
    case 'init-error':
      log.end({ ...report, status: 'error', errorType: answer.error.errorType });
      return unhandled(JSON.stringify(answer.error), log);
    case 'too-large':
      return platformFailure(responseTooLargePayload(answer.bytes), log, { ...report, maxMemoryUsedMb: answer.heapMb });
    case 'exit':
      return platformFailure(exitErrorPayload(request.requestId, answer.exitCode), log, report);
    case 'out-of-memory':
      return platformFailure(outOfMemoryPayload(request.requestId), log, { ...report, maxMemoryUsedMb: settings.memoryMb });
    case 'terminated':
      throw settings.closedError();
  }
}

function settle(worker: FunctionWorker, request: InvocationRequest, timeoutMs: number): Promise<{ settled: Settled; handlerStartedAt: number }> {
  return new Promise((resolve) => {
    let handlerStartedAt = performance.now();
    let timer: NodeJS.Timeout | undefined;
    let initLimit: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (settled: Settled): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(initLimit);
      request.signal.removeEventListener('abort', onAbort);
      resolve({ settled, handlerStartedAt });
    };
    const onAbort = (): void => finish({ kind: 'aborted' });
    const startClock = (): void => {
      if (done || timer !== undefined) return;
      handlerStartedAt = performance.now();
      timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    };
    // The caller may have given up while a cold worker was being prepared.
    if (request.signal.aborted) {
      finish({ kind: 'aborted' });
      return;
    }
    request.signal.addEventListener('abort', onAbort, { once: true });
    if (worker.initMs !== undefined) startClock();
    else {
      initLimit = setTimeout(startClock, INIT_LIMIT_MS);
      void worker.ready.then(startClock);
    }
    void worker
      .run({
        kind: 'invoke',
        requestId: request.requestId,
        payload: request.payload,
        timeoutMs,
        invokedFunctionArn: request.invokedFunctionArn,
        ...(request.traceHeader === undefined ? {} : { traceHeader: request.traceHeader }),
        ...(request.clientContext === undefined ? {} : { clientContext: decodeClientContext(request.clientContext) }),
      })
      .then((answer) => finish({ kind: 'answer', answer }));
  });
}

function unhandled(payload: string, log: InvocationLog): InvocationOutcome {
  return { payload, functionError: 'Unhandled', executedVersion: '$LATEST', logTail: log.tail() };
}

/** A failure of the environment: Lambda logs its message and type, and reports an error status. */
function platformFailure(payload: string, log: InvocationLog, report: InvocationReport): InvocationOutcome {
  const { errorType, errorMessage } = JSON.parse(payload) as { errorType: string; errorMessage: string };
  log.platformError(errorType, errorMessage);
  log.end({ ...report, status: 'error', errorType });
  return unhandled(payload, log);
}

export function abortError(signal: AbortSignal): DOMException {
  return new DOMException('The invocation was aborted: the caller stopped waiting.', { name: 'AbortError', cause: signal.reason });
}

/** The Invoke API's ClientContext is base64 JSON; the function sees the object. */
function decodeClientContext(encoded: string): unknown {
  try {
    return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

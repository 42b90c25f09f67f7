/**
 * One worker thread seen from the server: one execution environment of one function. It runs
 * one invocation at a time and turns everything that can end one — an answer, the worker's
 * exit, V8's heap limit — into a single `WorkerAnswer`. Timeouts and aborts are the runner's:
 * it abandons the invocation and terminates the worker, the only way to stop a busy loop.
 */
import { Worker } from 'node:worker_threads';
import type { InvokeMessage, RapidError, WorkerMessage, WorkerSetup } from './worker-protocol.js';

export type WorkerAnswer =
  | { readonly kind: 'response'; readonly payload: string; readonly heapMb: number }
  | { readonly kind: 'error'; readonly error: RapidError; readonly handled: boolean; readonly heapMb: number }
  | { readonly kind: 'too-large'; readonly bytes: number; readonly heapMb: number }
  | { readonly kind: 'bad-request'; readonly message: string }
  | { readonly kind: 'init-error'; readonly error: RapidError }
  | { readonly kind: 'exit'; readonly exitCode: number }
  | { readonly kind: 'out-of-memory' }
  /** The runner closed while the invocation ran. */
  | { readonly kind: 'terminated' };

export interface FunctionWorkerOptions {
  readonly entry: URL;
  readonly setup: WorkerSetup;
  readonly env: Record<string, string>;
  readonly memoryMb: number;
  /** A log record of this environment (console output, stdout/stderr writes). */
  readonly onLog: (text: string) => void;
  /** The worker ended, for whatever reason (the pool forgets it). */
  readonly onExit: (worker: FunctionWorker) => void;
}

export class FunctionWorker {
  /**
   * Init duration in ms once the handler is loaded, from the thread's start (Lambda's Init
   * Duration counts the runtime's start too); reported once, on the first invocation.
   */
  initMs: number | undefined;
  initReported = false;
  /** Resolves when the handler is loaded (never, if loading fails: `run` answers that). */
  readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;
  private readonly worker: Worker;
  private pending: { readonly requestId: string; readonly settle: (answer: WorkerAnswer) => void } | undefined;
  private outOfMemory = false;
  private alive = true;
  private closing = false;
  /** Set when the worker reported that it ends itself: never hand it another invocation. */
  private doomed = false;
  private readonly startedAt = performance.now();

  constructor(options: FunctionWorkerOptions) {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
    this.worker = new Worker(options.entry, {
      workerData: options.setup,
      env: options.env,
      // Lambda's memory size caps the heap. Exceeding it ends the worker, not the server.
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
    });
    this.worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'log') options.onLog(message.text);
      else this.receive(message);
    });
    this.worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.outOfMemory = true;
      else options.onLog(`worker error: ${error.stack ?? String(error)}`);
    });
    this.worker.on('exit', (exitCode) => {
      this.alive = false;
      options.onExit(this);
      if (this.closing) this.settle({ kind: 'terminated' });
      else this.settle(this.outOfMemory ? { kind: 'out-of-memory' } : { kind: 'exit', exitCode });
    });
  }

  /** Whether the pool may hand this worker another invocation. */
  get reusable(): boolean {
    return this.alive && !this.doomed && this.pending === undefined;
  }

  run(message: InvokeMessage): Promise<WorkerAnswer> {
    if (this.pending !== undefined) throw new Error('a function worker runs one invocation at a time');
    return new Promise((resolve) => {
      this.pending = { requestId: message.requestId, settle: resolve };
      if (!this.alive) {
        this.settle({ kind: 'exit', exitCode: 1 });
        return;
      }
      // A busy worker keeps the server process alive; an idle one does not hold it open.
      this.worker.ref();
      this.worker.postMessage(message);
    });
  }

  /** Forget the invocation in flight (timed out or aborted) and stop the code now. */
  abandon(): Promise<void> {
    this.pending = undefined;
    return this.terminate();
  }

  /** Ends the worker; an invocation in flight answers `terminated`. */
  close(): Promise<void> {
    this.closing = true;
    return this.terminate();
  }

  private async terminate(): Promise<void> {
    this.doomed = true;
    if (!this.alive) return;
    await this.worker.terminate();
  }

  private receive(message: Exclude<WorkerMessage, { kind: 'log' }>): void {
    switch (message.kind) {
      case 'ready':
        this.initMs = performance.now() - this.startedAt;
        this.markReady();
        return;
      case 'init-error':
        this.doomed = true;
        this.settle({ kind: 'init-error', error: message.error });
        return;
      case 'response':
        this.settleFor(message.requestId, { kind: 'response', payload: message.payload, heapMb: message.heapMb });
        return;
      case 'error':
        if (message.fatal) this.doomed = true;
        this.settleFor(message.requestId, { kind: 'error', error: message.error, handled: message.handled, heapMb: message.heapMb });
        return;
      case 'too-large':
        // Lambda resets the environment after refusing an oversized response.
        this.doomed = true;
        this.settleFor(message.requestId, { kind: 'too-large', bytes: message.bytes, heapMb: message.heapMb });
        return;
      case 'bad-request':
        this.settleFor(message.requestId, { kind: 'bad-request', message: message.message });
        return;
    }
  }

  private settleFor(requestId: string, answer: WorkerAnswer): void {
    if (this.pending?.requestId === requestId) this.settle(answer);
  }

  private settle(answer: WorkerAnswer): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    if (this.alive) this.worker.unref();
    pending.settle(answer);
  }
}

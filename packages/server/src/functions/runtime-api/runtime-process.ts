/**
 * One execution environment: a runtime process and its Runtime API endpoint. It serves one
 * invocation at a time, as Lambda does, and is retired for good when it ends, times out, is
 * aborted mid-invocation or reports an init error; the pool then starts another.
 */
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { InvocationOutcome, InvocationRequest } from '../function-runner.js';
import { InvocationLog, endLine, reportLine, startLine, timedOutLine } from './invocation-log.js';
import { processEnvironment } from './lambda-environment.js';
import type { ProcessLaunch } from './process-group.js';
import { killGroup, spawnInGroup } from './process-group.js';
import type { RuntimeAnswer, RuntimeApiEndpoint, RuntimeEvent } from './runtime-api-server.js';
import { startRuntimeApiEndpoint } from './runtime-api-server.js';
import { exitErrorPayload, responseTooLargePayload, timeoutPayload } from '../platform-errors.js';
import { invalidEntrypointPayload, postedErrorPayload } from './runtime-errors.js';

export interface RuntimeProcessOptions {
  readonly launch: ProcessLaunch;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly log: (line: string) => void;
  /** Called once, as soon as the process will serve no further invocation. */
  readonly retired: (process: RuntimeProcess) => void;
}

type Settlement = Pick<InvocationOutcome, 'payload' | 'functionError'>;

interface Pending {
  readonly request: InvocationRequest;
  readonly log: InvocationLog;
  readonly resolve: (outcome: InvocationOutcome) => void;
  readonly reject: (reason: unknown) => void;
  readonly onAbort: () => void;
  deliveredAt?: number;
  timer?: NodeJS.Timeout;
  done: boolean;
}

// Lambda's limit on the init phase of an on-demand function.
const INIT_LIMIT_MS = 10_000;
// After the process ends, how long its pipes may take to hand over their last lines.
const DRAIN_MS = 100;

export class RuntimeProcess {
  private state: 'starting' | 'ready' | 'retired' = 'starting';
  private pending: Pending | undefined;
  private initLog: InvocationLog | undefined = new InvocationLog();
  private initDurationMs: number | undefined;
  // Why a process ended before it was given an invocation, for the one it is then given.
  private failure: ((requestId: string) => string) | undefined;
  private readonly spawnedAt = performance.now();
  private readonly initTimer: NodeJS.Timeout;
  private readonly child: ChildProcess;
  private readonly ended: Promise<void>;

  static async start(options: RuntimeProcessOptions): Promise<RuntimeProcess> {
    // The process is spawned only once its endpoint listens; until then nothing can call in.
    const holder: { process?: RuntimeProcess } = {};
    const endpoint = await startRuntimeApiEndpoint({
      next: () => holder.process?.onNext(),
      delivered: (requestId) => holder.process?.onDelivered(requestId),
      answered: (requestId, answer) => holder.process?.onAnswered(requestId, answer),
      initError: (body, errorType) => holder.process?.onInitError(body, errorType),
    });
    holder.process = new RuntimeProcess(options, endpoint);
    return holder.process;
  }

  private constructor(
    private readonly options: RuntimeProcessOptions,
    private readonly endpoint: RuntimeApiEndpoint,
  ) {
    const { command, args, cwd, env } = options.launch;
    this.child = spawnInGroup(command, args, cwd, processEnvironment(env, endpoint.address), (line) => this.line(line));
    this.ended = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => void this.onExit(code, signal).then(resolve));
      this.child.once('error', (error) => {
        if (this.child.pid === undefined) this.onSpawnError(error);
        resolve();
      });
    });
    this.initTimer = setTimeout(() => this.onInitTimeout(), INIT_LIMIT_MS);
  }

  /** False once the process can take no further invocation. */
  get alive(): boolean {
    return this.state !== 'retired';
  }

  invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    const failure = this.failure;
    if (failure !== undefined) {
      return Promise.resolve({ payload: failure(request.requestId), functionError: 'Unhandled', executedVersion: '$LATEST', logTail: this.initLog?.tail() ?? '' });
    }
    if (!this.alive || this.pending !== undefined) return Promise.reject(new Error('The runtime process is not available'));
    if (request.signal.aborted) return Promise.reject(request.signal.reason);
    return new Promise((resolve, reject) => {
      const pending: Pending = { request, log: this.initLog ?? new InvocationLog(), resolve, reject, onAbort: () => this.onAbort(pending), done: false };
      this.initLog = undefined;
      this.pending = pending;
      request.signal.addEventListener('abort', pending.onAbort, { once: true });
      this.endpoint.offer(eventOf(request, this.options.timeoutSeconds));
    });
  }

  /** Stops the process (and its process group) and waits until it has ended. */
  async close(): Promise<void> {
    this.stop();
    await this.ended;
    await this.endpoint.close();
  }

  private line(line: string): void {
    this.options.log(line);
    (this.pending?.log ?? this.initLog)?.add(line);
  }

  private onNext(): void {
    if (this.state !== 'starting') return;
    this.state = 'ready';
    this.initDurationMs = performance.now() - this.spawnedAt;
    clearTimeout(this.initTimer);
  }

  private onDelivered(requestId: string): void {
    const pending = this.pending;
    if (pending === undefined || pending.request.requestId !== requestId) return;
    pending.deliveredAt = performance.now();
    this.line(startLine(requestId));
    pending.timer = setTimeout(() => this.onTimeout(pending), this.options.timeoutSeconds * 1000);
  }

  private onAnswered(requestId: string, answer: RuntimeAnswer): void {
    const pending = this.pending;
    if (pending === undefined || pending.request.requestId !== requestId) return;
    const settlement: Settlement =
      answer.kind === 'response'
        ? { payload: answer.body }
        : answer.kind === 'error'
          ? { payload: postedErrorPayload(answer.body, answer.errorType, 'Runtime.Unknown'), functionError: 'Handled' }
          : { payload: responseTooLargePayload(answer.bytes), functionError: 'Unhandled' };
    // Output written just before the answer may still sit in the pipes: settle a turn later.
    this.settle(pending, settlement, true);
  }

  private onInitError(body: string, errorType: string | undefined): void {
    const pending = this.pending;
    if (pending !== undefined) this.settle(pending, { payload: postedErrorPayload(body, errorType, 'Runtime.InitError'), functionError: 'Unhandled' }, true);
    this.stop();
  }

  private onTimeout(pending: Pending): void {
    this.line(timedOutLine(pending.request.requestId, this.options.timeoutSeconds));
    this.settle(pending, { payload: timeoutPayload(pending.request.requestId, this.options.timeoutSeconds), functionError: 'Unhandled' }, false);
    this.stop();
  }

  private onInitTimeout(): void {
    if (this.state !== 'starting') return;
    // Lambda retries a timed-out init inside the invoke phase under the function's timeout;
    // here the invocation ends at the init limit with the function's own timeout error.
    const pending = this.pending;
    if (pending !== undefined) this.onTimeout(pending);
    this.stop();
  }

  private onAbort(pending: Pending): void {
    if (pending.done) return;
    pending.done = true;
    clearTimeout(pending.timer);
    if (this.pending === pending) this.pending = undefined;
    // An event the runtime has not taken yet is simply taken back; one it is working on can
    // only be stopped with the process.
    if (pending.deliveredAt !== undefined || !this.endpoint.withdraw()) this.stop();
    pending.reject(pending.request.signal.reason);
  }

  private async onExit(code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    const fresh = this.state === 'starting' && this.pending === undefined && this.initLog !== undefined;
    this.stop();
    if (fresh) this.failure = (requestId) => exitErrorPayload(requestId, code, signal);
    const pending = this.pending;
    if (pending !== undefined && !pending.done) {
      // Give the pipes a moment for the last lines (a crash's stack trace), and an answer
      // posted just before the exit its chance to arrive first.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, DRAIN_MS);
        this.child.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.settle(pending, { payload: exitErrorPayload(pending.request.requestId, code, signal), functionError: 'Unhandled' }, false);
    }
    await this.endpoint.close();
  }

  private onSpawnError(error: NodeJS.ErrnoException): void {
    this.failure = (requestId) => invalidEntrypointPayload(requestId, this.options.launch.command, error);
    this.stop();
    const pending = this.pending;
    if (pending !== undefined) {
      this.settle(pending, { payload: invalidEntrypointPayload(pending.request.requestId, this.options.launch.command, error), functionError: 'Unhandled' }, false);
    }
    void this.endpoint.close();
  }

  private settle(pending: Pending, settlement: Settlement, afterPipes: boolean): void {
    if (pending.done) return;
    pending.done = true;
    clearTimeout(pending.timer);
    pending.request.signal.removeEventListener('abort', pending.onAbort);
    const complete = (): void => {
      const { requestId } = pending.request;
      if (pending.deliveredAt !== undefined) {
        const durationMs = performance.now() - pending.deliveredAt;
        this.line(endLine(requestId));
        this.line(reportLine(requestId, { durationMs, memoryMb: this.options.memoryMb, ...this.takeInitDuration() }));
      }
      if (this.pending === pending) this.pending = undefined;
      pending.resolve({ ...settlement, executedVersion: '$LATEST', logTail: pending.log.tail() });
    };
    if (afterPipes) setImmediate(complete);
    else complete();
  }

  // Lambda reports the init duration once, on the first invocation of an environment.
  private takeInitDuration(): { initDurationMs?: number } {
    const initDurationMs = this.initDurationMs;
    this.initDurationMs = undefined;
    return initDurationMs === undefined ? {} : { initDurationMs };
  }

  /** Retires the process at once and kills its process group. */
  private stop(): void {
    if (this.state !== 'retired') {
      this.state = 'retired';
      clearTimeout(this.initTimer);
      this.options.retired(this);
    }
    killGroup(this.child);
  }
}

function eventOf(request: InvocationRequest, timeoutSeconds: number): RuntimeEvent {
  return {
    requestId: request.requestId,
    payload: request.payload,
    timeoutMs: timeoutSeconds * 1000,
    invokedFunctionArn: request.invokedFunctionArn,
    ...(request.traceHeader !== undefined ? { traceHeader: request.traceHeader } : {}),
    ...(request.clientContext !== undefined ? { clientContext: Buffer.from(request.clientContext, 'base64').toString('utf8') } : {}),
  };
}

/**
 * A function runner over a pool of runtime processes that speak the Lambda Runtime API; the
 * provided and Python runners differ only in the command they start.
 *
 * Concurrency, as Lambda scales a function: each invocation gets a process of its own, a warm
 * idle one when there is one (most recently used first, so that few stay warm), else a new
 * one. With `maxConcurrency` set (Lambda's reserved concurrency) that is also the limit on
 * invocations in flight, and one more is refused with TooManyRequestsException, as Lambda
 * throttles. Without it, at most DEFAULT_PROCESSES processes run, to spare the machine, and
 * further invocations wait for the next free process; past Lambda's default account limit
 * of 1,000 concurrent executions they are refused too.
 */
import type { FunctionDefinition, FunctionRunner, InvocationOutcome, InvocationRequest } from '../function-runner.js';
import { LambdaServiceError } from '../function-runner.js';
import type { ProcessLaunch } from './process-group.js';
import { RuntimeProcess } from './runtime-process.js';

export const DEFAULT_PROCESSES = 10;
const ACCOUNT_CONCURRENCY = 1000;

export interface RuntimeApiRunnerOptions {
  readonly functionName: string;
  readonly launch: ProcessLaunch;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly maxConcurrency?: number;
  /** Every line the function's processes write, and the platform's START/END/REPORT lines. */
  readonly onLog: (functionName: string, line: string) => void;
}

export interface RuntimeApiRunnerSettings {
  /** Where function output goes, line by line (default: Flowgate's stderr, prefixed with the function name). */
  readonly onLog?: (functionName: string, line: string) => void;
  /** The environment the process's PATH, region and credentials come from (default `process.env`). */
  readonly parentEnvironment?: NodeJS.ProcessEnv;
}

/** A runner for `definition` whose processes are started as `launch` says. */
export function createRuntimeApiRunner(definition: FunctionDefinition, launch: ProcessLaunch, settings: RuntimeApiRunnerSettings): FunctionRunner {
  return new RuntimeApiRunner({
    functionName: definition.name,
    launch,
    timeoutSeconds: definition.timeoutSeconds,
    memoryMb: definition.memoryMb,
    ...(definition.maxConcurrency !== undefined ? { maxConcurrency: definition.maxConcurrency } : {}),
    onLog: settings.onLog ?? writeToStderr,
  });
}

// As with `sam local`, a developer sees what their function prints where Flowgate prints.
function writeToStderr(functionName: string, line: string): void {
  process.stderr.write(`[${functionName}] ${line}\n`);
}

interface Waiter {
  readonly resolve: (process: RuntimeProcess) => void;
  readonly reject: (reason: unknown) => void;
}

export class RuntimeApiRunner implements FunctionRunner {
  private readonly processes = new Set<RuntimeProcess>();
  private readonly idle: RuntimeProcess[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly processLimit: number;
  private readonly inFlightLimit: number;
  private readonly starts = new Set<Promise<RuntimeProcess>>();
  private inFlight = 0;
  private closed = false;

  constructor(private readonly options: RuntimeApiRunnerOptions) {
    this.processLimit = options.maxConcurrency ?? DEFAULT_PROCESSES;
    this.inFlightLimit = options.maxConcurrency ?? ACCOUNT_CONCURRENCY;
  }

  async invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    if (this.closed) throw new LambdaServiceError('ServiceException', `The runner of function ${this.options.functionName} is closed.`, 500);
    if (this.inFlight >= this.inFlightLimit) throw new LambdaServiceError('TooManyRequestsException', 'Rate Exceeded.', 429);
    request.signal.throwIfAborted();
    this.inFlight++;
    try {
      const process = await this.acquire(request.signal);
      try {
        return await process.invoke(request);
      } finally {
        this.release(process);
      }
    } finally {
      this.inFlight--;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const refusal = new LambdaServiceError('ServiceException', `The runner of function ${this.options.functionName} was closed.`, 500);
    for (const waiter of this.waiters.splice(0)) waiter.reject(refusal);
    this.idle.length = 0;
    // Processes still starting join `processes` when they are up; wait for them too.
    await Promise.allSettled([...this.starts]);
    await Promise.all([...this.processes].map((process) => process.close()));
  }

  private acquire(signal: AbortSignal): Promise<RuntimeProcess> {
    const warm = this.idle.pop();
    if (warm !== undefined) return Promise.resolve(warm);
    if (this.processes.size + this.starts.size < this.processLimit) return this.start();
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal.reason);
      };
      const waiter: Waiter = {
        resolve: (process) => {
          signal.removeEventListener('abort', onAbort);
          resolve(process);
        },
        reject: (reason) => {
          signal.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private release(process: RuntimeProcess): void {
    if (!process.alive || this.closed) return;
    const waiter = this.waiters.shift();
    if (waiter !== undefined) waiter.resolve(process);
    else this.idle.push(process);
  }

  private start(): Promise<RuntimeProcess> {
    const { options } = this;
    const starting = RuntimeProcess.start({
      launch: options.launch,
      timeoutSeconds: options.timeoutSeconds,
      memoryMb: options.memoryMb,
      log: (line) => options.onLog(options.functionName, line),
      retired: (process) => this.retired(process),
    }).then((process) => {
      // A process that could not even be spawned has retired already.
      if (process.alive) this.processes.add(process);
      return process;
    });
    this.starts.add(starting);
    const forget = (): void => void this.starts.delete(starting);
    starting.then(forget, forget);
    return starting;
  }

  /** A process ended or was stopped: forget it, and start its replacement for a waiting invocation. */
  private retired(process: RuntimeProcess): void {
    this.processes.delete(process);
    const index = this.idle.indexOf(process);
    if (index >= 0) this.idle.splice(index, 1);
    if (this.closed || this.processes.size + this.starts.size >= this.processLimit) return;
    const waiter = this.waiters.shift();
    if (waiter !== undefined) this.start().then(waiter.resolve, waiter.reject);
  }
}

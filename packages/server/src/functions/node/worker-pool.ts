/**
 * The execution environments of one function. A warm worker is reused (the most recently
 * used first, so the others can go idle and be reclaimed); a new one starts while fewer than
 * `limit` exist; beyond that, invocations wait in order for one to come back. Idle workers end
 * after `idleTimeoutMs`, as Lambda reclaims environments nobody uses.
 */
import type { FunctionWorker } from './function-worker.js';

export interface WorkerPoolOptions {
  readonly limit: number;
  readonly idleTimeoutMs: number;
  /** Starts a worker; rejects when the function cannot be prepared (bad handler, build error). */
  readonly spawn: (onExit: (worker: FunctionWorker) => void) => Promise<FunctionWorker>;
  /** What waiting invocations are rejected with when the pool closes. */
  readonly closedError: () => Error;
}

interface Waiter {
  readonly resolve: (worker: FunctionWorker) => void;
  readonly reject: (error: unknown) => void;
}

export class WorkerPool {
  private readonly idle: FunctionWorker[] = [];
  private readonly live = new Set<FunctionWorker>();
  private readonly idleTimers = new Map<FunctionWorker, NodeJS.Timeout>();
  private readonly waiters: Waiter[] = [];
  private starting = 0;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  acquire(signal: AbortSignal): Promise<FunctionWorker> {
    if (this.closed) return Promise.reject(this.options.closedError());
    const warm = this.takeIdle();
    if (warm !== undefined) return Promise.resolve(warm);
    if (this.hasRoom()) return this.spawn();
    return new Promise<FunctionWorker>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal.reason);
      };
      const waiter: Waiter = {
        resolve: (worker) => {
          signal.removeEventListener('abort', onAbort);
          resolve(worker);
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** The invocation is over and the worker may serve again (if it still can). */
  release(worker: FunctionWorker): void {
    if (this.closed || !worker.reusable) {
      this.discard(worker);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      waiter.resolve(worker);
      return;
    }
    this.idle.push(worker);
    const timer = setTimeout(() => this.discard(worker), this.options.idleTimeoutMs);
    timer.unref();
    this.idleTimers.set(worker, timer);
  }

  /** Ends the worker (timed out, aborted, crashed) and lets a waiting invocation start a new one. */
  discard(worker: FunctionWorker): void {
    this.forget(worker);
    void worker.abandon();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.options.closedError());
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    this.idle.length = 0;
    await Promise.all([...this.live].map((worker) => worker.close()));
    this.live.clear();
  }

  get size(): number {
    return this.live.size + this.starting;
  }

  private forget(worker: FunctionWorker): void {
    const timer = this.idleTimers.get(worker);
    if (timer !== undefined) clearTimeout(timer);
    this.idleTimers.delete(worker);
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    if (!this.live.delete(worker)) return;
    this.serveWaiter();
  }

  private serveWaiter(): void {
    if (this.closed || this.waiters.length === 0 || !this.hasRoom()) return;
    const waiter = this.waiters.shift();
    if (waiter === undefined) return;
    this.spawn().then(waiter.resolve, waiter.reject);
  }

  private takeIdle(): FunctionWorker | undefined {
    for (;;) {
      const worker = this.idle.pop();
      if (worker === undefined) return undefined;
      const timer = this.idleTimers.get(worker);
      if (timer !== undefined) clearTimeout(timer);
      this.idleTimers.delete(worker);
      if (worker.reusable) return worker;
      this.forget(worker);
    }
  }

  private hasRoom(): boolean {
    return this.live.size + this.starting < this.options.limit;
  }

  private async spawn(): Promise<FunctionWorker> {
    this.starting += 1;
    let worker: FunctionWorker;
    try {
      worker = await this.options.spawn((exited) => this.forget(exited));
    } catch (error) {
      this.starting -= 1;
      // The room this start held is free again: an invocation waiting for it tries its own.
      this.serveWaiter();
      throw error;
    }
    this.starting -= 1;
    this.live.add(worker);
    if (this.closed) {
      this.discard(worker);
      throw this.options.closedError();
    }
    return worker;
  }
}

/**
 * Cancellation for one thread of control and everything under it (the execution, a Parallel,
 * a Map). Most executions finish without ever waiting, so the AbortController behind `signal`
 * is only created when a Wait, a retry delay or a task actually needs one.
 */
export class StopScope {
  private reason: unknown = undefined;
  private isStopped = false;
  private controller: AbortController | undefined;
  private detach: (() => void) | undefined;

  constructor(private readonly parent?: StopScope) {}

  /** Whether this scope or an enclosing one was stopped. */
  get stopped(): boolean {
    return this.isStopped || (this.parent !== undefined && this.parent.stopped);
  }

  get stopReason(): unknown {
    if (this.isStopped) return this.reason;
    return this.parent?.stopReason;
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      const controller = new AbortController();
      this.controller = controller;
      if (this.isStopped) controller.abort(this.reason);
      else if (this.parent !== undefined) {
        const parentSignal = this.parent.signal;
        if (parentSignal.aborted) controller.abort(parentSignal.reason);
        else {
          const onAbort = (): void => controller.abort(parentSignal.reason);
          parentSignal.addEventListener('abort', onAbort, { once: true });
          this.detach = () => parentSignal.removeEventListener('abort', onAbort);
        }
      }
    }
    return this.controller.signal;
  }

  stop(reason: unknown): void {
    if (this.isStopped) return;
    this.isStopped = true;
    this.reason = reason;
    this.controller?.abort(reason);
  }

  /** Unlinks from the parent once the scope's work is over. */
  release(): void {
    this.detach?.();
    this.detach = undefined;
  }
}

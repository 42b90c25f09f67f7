import type { Json, TaskRequest } from '@flowgate/core';
import { TaskFailure } from '@flowgate/core';

interface Waiting {
  readonly request: TaskRequest;
  settle(outcome: { readonly output: Json } | { readonly failure: TaskFailure }): void;
}

/**
 * The task tokens tasks are waiting on right now: a `.waitForTaskToken` task's from its call
 * on, an activity task's from the moment a worker took it. A token leaves when its task is
 * answered, or when the engine gives up on the task (timeout, heartbeat timeout, the
 * execution stopped or timed out, a sibling branch failed, shutdown): the engine aborts the
 * task's signal in every one of those cases.
 *
 * Kept in memory on purpose: a STANDARD execution in flight lives in this process (after a
 * restart it is recorded ABORTED), so nothing could complete its tokens elsewhere.
 */
export class TaskTokenRegistry {
  private readonly waiting = new Map<string, Waiting>();

  /** Tokens waiting now. */
  get size(): number {
    return this.waiting.size;
  }

  /**
   * Waits for SendTaskSuccess (resolves with its output) or SendTaskFailure (rejects with a
   * TaskFailure of its error and cause); rejects with the abort reason when the request's
   * signal aborts first.
   */
  wait(token: string, request: TaskRequest): Promise<Json> {
    return new Promise<Json>((resolve, reject) => {
      const { signal } = request;
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        if (this.waiting.get(token) === waiting) this.waiting.delete(token);
        reject(signal.reason);
      };
      const waiting: Waiting = {
        request,
        settle: (outcome) => {
          signal.removeEventListener('abort', onAbort);
          if ('output' in outcome) resolve(outcome.output);
          else reject(outcome.failure);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(token, waiting);
    });
  }

  isWaiting(token: string): boolean {
    return this.waiting.has(token);
  }

  /** SendTaskSuccess: false when no task waits on the token. */
  succeed(token: string, output: Json): boolean {
    const waiting = this.take(token);
    waiting?.settle({ output });
    return waiting !== undefined;
  }

  /** SendTaskFailure: the error and cause become the task's, as Retry and Catch see them. */
  fail(token: string, error: string | undefined, cause: string | undefined): boolean {
    const waiting = this.take(token);
    waiting?.settle({ failure: new TaskFailure(error, cause) });
    return waiting !== undefined;
  }

  /** SendTaskHeartbeat: resets the task's HeartbeatSeconds clock (TimeoutSeconds runs on). */
  heartbeat(token: string): boolean {
    const waiting = this.waiting.get(token);
    waiting?.request.heartbeat();
    return waiting !== undefined;
  }

  private take(token: string): Waiting | undefined {
    const waiting = this.waiting.get(token);
    if (waiting !== undefined) this.waiting.delete(token);
    return waiting;
  }
}

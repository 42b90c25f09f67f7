/** An activity task scheduled by an execution and not yet taken by a worker. */
export interface ActivityTask {
  readonly taskToken: string;
  /** The effective input, as JSON text (GetActivityTask's `input`). */
  readonly input: string;
  /** Called once, when a worker takes the task (records ActivityStarted, starts its timers). */
  take(workerName: string | undefined): void;
}

interface Poller {
  readonly workerName: string | undefined;
  deliver(task: ActivityTask | undefined): void;
}

/** More pollers on one activity than AWS allows at once (api.md §4: 1,000 per ARN). */
export class ActivityWorkerLimitExceeded extends Error {
  readonly code = 'ActivityWorkerLimitExceeded';
  constructor() {
    super('The maximum number of workers concurrently polling for activity tasks has been reached.');
    this.name = 'ActivityWorkerLimitExceeded';
  }
}

/**
 * Where activity tasks meet their workers, per activity ARN: tasks wait oldest first for a
 * poller, pollers wait oldest first for a task. A task goes to exactly one worker, as
 * GetActivityTask hands out each token once.
 */
export class ActivityQueue {
  private readonly tasks = new Map<string, ActivityTask[]>();
  private readonly pollers = new Map<string, Poller[]>();
  private closed = false;

  constructor(private readonly maxPollersPerActivity = 1000) {}

  /**
   * Schedules a task: straight to the longest-waiting poller, or to the end of the queue.
   * Returns what withdraws it (the execution gave up on it); nothing once it was taken.
   */
  offer(activityArn: string, task: ActivityTask): () => void {
    const poller = shift(this.pollers, activityArn);
    if (poller !== undefined) {
      task.take(poller.workerName);
      poller.deliver(task);
      return noop;
    }
    push(this.tasks, activityArn, task);
    return () => remove(this.tasks, activityArn, task);
  }

  /**
   * GetActivityTask's long poll: the oldest waiting task, or undefined after `waitMs`.
   * `onGone` is given what to call when the client goes away first: the poller leaves the
   * queue and takes no task.
   */
  poll(activityArn: string, workerName: string | undefined, waitMs: number, onGone: (leave: () => void) => void): Promise<ActivityTask | undefined> {
    const waiting = shift(this.tasks, activityArn);
    if (waiting !== undefined) {
      waiting.take(workerName);
      return Promise.resolve(waiting);
    }
    if (this.closed || waitMs <= 0) return Promise.resolve(undefined);
    if ((this.pollers.get(activityArn)?.length ?? 0) >= this.maxPollersPerActivity) {
      return Promise.reject(new ActivityWorkerLimitExceeded());
    }
    return new Promise((resolve) => {
      const poller: Poller = {
        workerName,
        deliver: (task) => {
          clearTimeout(timer);
          resolve(task);
        },
      };
      const leave = (): void => {
        if (remove(this.pollers, activityArn, poller)) poller.deliver(undefined);
      };
      const timer = setTimeout(leave, waitMs);
      push(this.pollers, activityArn, poller);
      onGone(leave);
    });
  }

  /** Pollers waiting on the activity now. */
  pollersOf(activityArn: string): number {
    return this.pollers.get(activityArn)?.length ?? 0;
  }

  /** Answers every waiting poller with no task (the server is stopping); later polls return at once. */
  close(): void {
    this.closed = true;
    const pollers = [...this.pollers.values()].flat();
    this.pollers.clear();
    for (const poller of pollers) poller.deliver(undefined);
  }
}

function noop(): void {}

function push<T>(lists: Map<string, T[]>, key: string, item: T): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [item]);
  else list.push(item);
}

function shift<T>(lists: Map<string, T[]>, key: string): T | undefined {
  const list = lists.get(key);
  const item = list?.shift();
  if (list !== undefined && list.length === 0) lists.delete(key);
  return item;
}

function remove<T>(lists: Map<string, T[]>, key: string, item: T): boolean {
  const list = lists.get(key);
  const index = list?.indexOf(item) ?? -1;
  if (list === undefined || index < 0) return false;
  list.splice(index, 1);
  if (list.length === 0) lists.delete(key);
  return true;
}

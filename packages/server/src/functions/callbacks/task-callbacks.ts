import type { Json, TaskRequest, TaskTokenRequest } from '@flowgate/core';
import { StatesErrors, TaskFailure, toJsonText } from '@flowgate/core';
import type { ActivityTask } from './activity-queue.js';
import { ActivityQueue } from './activity-queue.js';
import { createTaskToken } from './task-token.js';
import { TaskTokenRegistry } from './task-token-registry.js';

export interface TaskCallbacksOptions {
  /** Whether an activity exists now (the store's record of CreateActivity). */
  readonly activityExists: (activityArn: string) => Promise<boolean>;
  readonly maxPollersPerActivity?: number;
  /** How long GetActivityTask waits for a task (AWS: 60 seconds). */
  readonly pollWaitMs?: number;
}

/** AWS holds a GetActivityTask poll for up to 60 seconds, then answers without a task. */
const POLL_WAIT_MS = 60_000;

/**
 * Everything tasks that wait on the outside world share: the tokens they wait on, and the
 * queue where activity tasks meet their workers. One per server; the task ports of its
 * executions and the API actions (SendTask*, GetActivityTask) both work on it.
 */
export class TaskCallbacks {
  readonly tokens = new TaskTokenRegistry();
  readonly activities: ActivityQueue;
  readonly pollWaitMs: number;

  constructor(private readonly options: TaskCallbacksOptions) {
    this.activities = new ActivityQueue(options.maxPollersPerActivity);
    this.pollWaitMs = options.pollWaitMs ?? POLL_WAIT_MS;
  }

  /**
   * A token for one attempt of a task of `executionArn`. An activity that does not exist
   * (never created, or deleted) cannot be scheduled: AWS fails the execution with
   * States.Runtime and this cause, before any Activity* event [AWS-observed].
   */
  issueToken(executionArn: string, request: TaskTokenRequest): string | Promise<string> {
    const token = createTaskToken({ executionArn, stateName: request.stateName });
    if (request.pattern !== 'activity') return token;
    return this.options.activityExists(request.resource).then((exists) => {
      if (!exists) throw new TaskFailure(StatesErrors.Runtime, `The activity ${request.resource} does not exist.`);
      return token;
    });
  }

  /**
   * `.waitForTaskToken`: calls the service with `submit`, reports its answer (TaskSubmitted)
   * and resolves with the output SendTaskSuccess sends. The token waits from before the call:
   * the service may send it back before it even answers (a function that calls
   * SendTaskSuccess itself). A failed call fails the task, and its token is forgotten when the
   * engine aborts the task.
   */
  async waitForCallback(request: TaskRequest, submit: () => Promise<Json>): Promise<Json> {
    const token = request.taskToken;
    if (token === undefined) throw new TaskFailure(StatesErrors.TaskFailed, `The task '${request.resource}' was given no task token.`);
    const answer = this.tokens.wait(token, request);
    // The answer may be a rejection nobody reads (the submit step failed first).
    answer.catch(noop);
    request.submitted?.(await submit());
    return answer;
  }

  /**
   * An activity task: waits in the activity's queue for a worker (GetActivityTask), then for
   * the worker's SendTaskSuccess or SendTaskFailure. Withdrawn from the queue when the engine
   * gives up on it first.
   */
  runActivity(request: TaskRequest): Promise<Json> {
    const token = request.taskToken;
    if (token === undefined) return Promise.reject(new TaskFailure(StatesErrors.TaskFailed, `The activity task '${request.resource}' was given no task token.`));
    const { signal } = request;
    return new Promise<Json>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      let withdraw = noop;
      const onAbort = (): void => {
        withdraw();
        reject(signal.reason);
      };
      const task: ActivityTask = {
        taskToken: token,
        input: toJsonText(request.payload),
        take: (workerName) => {
          signal.removeEventListener('abort', onAbort);
          request.started?.(workerName);
          this.tokens.wait(token, request).then(resolve, reject);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      withdraw = this.activities.offer(request.resource, task);
    });
  }

  /** The server is stopping: waiting pollers are answered with no task. */
  close(): void {
    this.activities.close();
  }
}

function noop(): void {}

import type { StatesFailure } from '../errors.js';
import type { Json, JsonObject } from '../json.js';
import { toJsonText } from '../json.js';
import type { ExecutionRun } from '../run.js';

/** `arn:<partition>:lambda:…:function:…`: a function called directly (integrations.md §1). */
const LAMBDA_FUNCTION = /^arn:aws[\w-]*:lambda:/;
/** `arn:<partition>:states:<region>:<account>:activity:<name>` */
const ACTIVITY = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/;

export function isActivityResource(resource: string): boolean {
  return ACTIVITY.test(resource);
}

/**
 * The history of one Task attempt, which differs by resource (asl-semantics.md §17,
 * AWS-observed):
 * - direct Lambda ARNs: LambdaFunctionScheduled → LambdaFunctionStarted → LambdaFunction
 *   Succeeded | Failed | TimedOut;
 * - service integrations: TaskScheduled → TaskStarted → [TaskSubmitted, for callbacks] →
 *   TaskSucceeded | TaskFailed | TaskTimedOut;
 * - activities: ActivityScheduled → ActivityStarted (when a worker takes the task) →
 *   ActivitySucceeded | ActivityFailed | ActivityTimedOut.
 * Each method records one event (its details built only when a sink listens) and returns
 * the event's id, which the next event names as its `previousEventId`.
 */
export interface TaskEvents {
  /** `timeout` undefined: the state gives none (AWS's default applies). */
  scheduled(run: ExecutionRun, previous: number, payload: Json, timeout: number | undefined, heartbeat: number | undefined): number;
  started(run: ExecutionRun, previous: number, workerName?: string): number;
  submitted(run: ExecutionRun, previous: number, output: Json): number;
  succeeded(run: ExecutionRun, previous: number, result: Json): number;
  /** A timeout (`States.Timeout`, heartbeat included) is recorded as `…TimedOut`. */
  failed(run: ExecutionRun, previous: number, failure: StatesFailure): number;
}

/** AWS's default task timeout (the States language spec says 60 s; AWS uses 99999999 s). */
export const DEFAULT_TIMEOUT_SECONDS = 99_999_999;

export function taskEvents(resource: string): TaskEvents {
  if (LAMBDA_FUNCTION.test(resource)) return new LambdaFunctionEvents(resource);
  if (ACTIVITY.test(resource)) return new ActivityEvents(resource);
  return new ServiceTaskEvents(resource);
}

function errorDetails(failure: StatesFailure, into: JsonObject = {}): JsonObject {
  if (failure.error !== undefined) into.error = failure.error;
  if (failure.cause !== undefined) into.cause = failure.cause;
  return into;
}

const isTimeout = (failure: StatesFailure): boolean => failure.error === 'States.Timeout';

class LambdaFunctionEvents implements TaskEvents {
  constructor(private readonly resource: string) {}

  scheduled(run: ExecutionRun, previous: number, payload: Json, timeout: number | undefined): number {
    return run.emit('LambdaFunctionScheduled', previous, 'lambdaFunctionScheduledEventDetails', () => ({
      resource: this.resource,
      input: toJsonText(payload),
      inputDetails: { truncated: false },
      timeoutInSeconds: timeout ?? DEFAULT_TIMEOUT_SECONDS,
    }));
  }

  started(run: ExecutionRun, previous: number): number {
    return run.emit('LambdaFunctionStarted', previous);
  }

  submitted(run: ExecutionRun, previous: number): number {
    return previous;
  }

  succeeded(run: ExecutionRun, previous: number, result: Json): number {
    return run.emit('LambdaFunctionSucceeded', previous, 'lambdaFunctionSucceededEventDetails', () => ({
      output: toJsonText(result),
      outputDetails: { truncated: false },
    }));
  }

  failed(run: ExecutionRun, previous: number, failure: StatesFailure): number {
    return isTimeout(failure)
      ? run.emit('LambdaFunctionTimedOut', previous, 'lambdaFunctionTimedOutEventDetails', () => errorDetails(failure))
      : run.emit('LambdaFunctionFailed', previous, 'lambdaFunctionFailedEventDetails', () => errorDetails(failure));
  }
}

class ServiceTaskEvents implements TaskEvents {
  private readonly resourceType: string;
  private readonly resourceName: string;

  constructor(resource: string) {
    [this.resourceType, this.resourceName] = splitResource(resource);
  }

  private named(): JsonObject {
    return { resourceType: this.resourceType, resource: this.resourceName };
  }

  scheduled(run: ExecutionRun, previous: number, payload: Json, timeout: number | undefined, heartbeat: number | undefined): number {
    return run.emit('TaskScheduled', previous, 'taskScheduledEventDetails', () => {
      const details: JsonObject = {
        ...this.named(),
        region: regionOf(run.machineArn),
        parameters: toJsonText(payload),
        timeoutInSeconds: timeout ?? DEFAULT_TIMEOUT_SECONDS,
      };
      if (heartbeat !== undefined) details.heartbeatInSeconds = heartbeat;
      return details;
    });
  }

  started(run: ExecutionRun, previous: number): number {
    return run.emit('TaskStarted', previous, 'taskStartedEventDetails', () => this.named());
  }

  submitted(run: ExecutionRun, previous: number, output: Json): number {
    return run.emit('TaskSubmitted', previous, 'taskSubmittedEventDetails', () => ({
      ...this.named(),
      output: toJsonText(output),
      outputDetails: { truncated: false },
    }));
  }

  succeeded(run: ExecutionRun, previous: number, result: Json): number {
    return run.emit('TaskSucceeded', previous, 'taskSucceededEventDetails', () => ({
      ...this.named(),
      output: toJsonText(result),
      outputDetails: { truncated: false },
    }));
  }

  failed(run: ExecutionRun, previous: number, failure: StatesFailure): number {
    // AWS-observed: a timed-out task's event carries taskTimedOutEventDetails, not the
    // details member of TaskFailed.
    return isTimeout(failure)
      ? run.emit('TaskTimedOut', previous, 'taskTimedOutEventDetails', () => errorDetails(failure, this.named()))
      : run.emit('TaskFailed', previous, 'taskFailedEventDetails', () => errorDetails(failure, this.named()));
  }
}

/**
 * AWS-observed (activity snapshots recorded on AWS): ActivityScheduled names the activity ARN
 * and shows `timeoutInSeconds` / `heartbeatInSeconds` only when the state gives them;
 * ActivityStarted has empty details when the worker sent no name.
 */
class ActivityEvents implements TaskEvents {
  constructor(private readonly resource: string) {}

  scheduled(run: ExecutionRun, previous: number, payload: Json, timeout: number | undefined, heartbeat: number | undefined): number {
    return run.emit('ActivityScheduled', previous, 'activityScheduledEventDetails', () => {
      const details: JsonObject = { resource: this.resource, input: toJsonText(payload), inputDetails: { truncated: false } };
      if (timeout !== undefined) details.timeoutInSeconds = timeout;
      if (heartbeat !== undefined) details.heartbeatInSeconds = heartbeat;
      return details;
    });
  }

  started(run: ExecutionRun, previous: number, workerName?: string): number {
    return run.emit('ActivityStarted', previous, 'activityStartedEventDetails', () => (workerName === undefined ? {} : { workerName }));
  }

  submitted(run: ExecutionRun, previous: number): number {
    return previous;
  }

  succeeded(run: ExecutionRun, previous: number, result: Json): number {
    return run.emit('ActivitySucceeded', previous, 'activitySucceededEventDetails', () => ({
      output: toJsonText(result),
      outputDetails: { truncated: false },
    }));
  }

  failed(run: ExecutionRun, previous: number, failure: StatesFailure): number {
    return isTimeout(failure)
      ? run.emit('ActivityTimedOut', previous, 'activityTimedOutEventDetails', () => errorDetails(failure))
      : run.emit('ActivityFailed', previous, 'activityFailedEventDetails', () => errorDetails(failure));
  }
}

/** `arn:aws:states:::lambda:invoke` → lambda / invoke; `…:::aws-sdk:s3:getObject` → aws-sdk:s3 / getObject. */
export function splitResource(resource: string): [string, string] {
  const match = /^arn:[^:]+:states:[^:]*:[^:]*:(.+)$/.exec(resource);
  const rest = match?.[1] ?? resource;
  const parts = rest.split(':');
  if (parts[0] === 'aws-sdk' && parts.length >= 3) return [`aws-sdk:${parts[1]}`, parts.slice(2).join(':')];
  return [parts[0] ?? rest, parts.slice(1).join(':')];
}

function regionOf(arn: string): string {
  return arn.split(':')[3] || 'us-east-1';
}

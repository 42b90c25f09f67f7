import { pointerTo } from '../compile-context.js';
import { StatesFailure, runtimeFailure } from '../errors.js';
import { HeartbeatTimeout } from '../error-match.js';
import type { SelectPath } from '../io-paths.js';
import { compileSelectPath } from '../io-paths.js';
import type { Json } from '../json.js';
import { toJsonText } from '../json.js';
import { exceedsPayloadLimit } from '../payload-size.js';
import type { ExecutionRun, Frame } from '../run.js';
import type { Template } from '../template.js';
import { compileTemplate } from '../template.js';
import { TaskFailure } from '../task-port.js';
import type { JsonataTemplate } from '../jsonata/index.js';
import { StatesScope, compileJsonataTemplate } from '../jsonata/index.js';
import type { MaybePromise } from '../maybe-promise.js';
import { andThen } from '../maybe-promise.js';
import { isPromise } from '../state-node.js';
import type { IoPlan, StateSpec } from './common.js';
import { compileIo, completeWithResult, effectiveInput } from './common.js';
import type { Completion, ValueField } from './jsonata-fields.js';
import { compileCompletion, compileValueField, complete, evaluateField, integerAtLeast } from './jsonata-fields.js';
import { RecoveringState } from './recovering.js';
import { ExecutionStopped } from '../stop-scope.js';

/** AWS's default task timeout (the States language spec says 60 s; AWS uses 99999999 s). */
const DEFAULT_TIMEOUT_SECONDS = 99_999_999;

type Seconds =
  | { readonly kind: 'fixed'; readonly seconds: number | undefined }
  | { readonly kind: 'path'; readonly field: string; readonly source: string; readonly path: SelectPath }
  | { readonly kind: 'jsonata'; readonly field: string; readonly value: ValueField };

/** The JSONata-mode fields of a Task. */
interface JsonataTask {
  readonly arguments: JsonataTemplate | undefined;
  readonly credentials: JsonataTemplate | undefined;
  readonly completion: Completion;
}

/** One call of the task, once every field read before it is evaluated. */
interface TaskCall {
  readonly payload: Json;
  readonly timeoutSeconds: number;
  readonly heartbeatSeconds: number | undefined;
  readonly credentials: Json | undefined;
  /** The state's output from the task's result. */
  readonly complete: (result: Json) => MaybePromise<Json>;
}

/**
 * Task: InputPath → Parameters → invoke the task port → ResultSelector → ResultPath →
 * OutputPath (JSONata: Arguments → invoke → Output and Assign over `$states.result`), with
 * TimeoutSeconds and HeartbeatSeconds enforced by the engine's clock.
 */
export class TaskState extends RecoveringState {
  readonly type = 'Task';
  /**
   * Every task hands the context object to its port, so the entry time must be recorded even
   * when no field mentions `$$`; otherwise the port saw the entry time of an earlier state
   * that read `$$`, or the time of a retry instead of the state's entry.
   */
  override readonly readsContext: boolean = true;
  private readonly io: IoPlan;
  private readonly resource: string;
  private readonly events: TaskEvents;
  private readonly timeout: Seconds;
  private readonly heartbeat: Seconds;
  private readonly credentials: Template | undefined;
  private readonly jsonata: JsonataTask | undefined;

  constructor(spec: StateSpec) {
    super(spec);
    const { raw, pointer, cx } = spec;
    this.io = compileIo(spec, { parameters: 'Parameters', resultSelector: true, resultPath: true });
    this.resource = typeof raw.Resource === 'string' ? raw.Resource : '';
    this.events = taskEvents(this.resource);
    this.timeout = compileSeconds(spec, 'TimeoutSeconds');
    this.heartbeat = compileSeconds(spec, 'HeartbeatSeconds');
    if (spec.language === 'JSONata') {
      this.credentials = undefined;
      this.jsonata = {
        arguments: raw.Arguments === undefined ? undefined : compileJsonataTemplate(raw.Arguments, 'Arguments', pointer, cx),
        credentials: raw.Credentials === undefined ? undefined : compileJsonataTemplate(raw.Credentials, 'Credentials', pointer, cx),
        completion: compileCompletion(raw, '', pointer, cx),
      };
    } else {
      this.credentials = raw.Credentials === undefined ? undefined : compileTemplate(raw.Credentials, pointerTo(pointer, 'Credentials'), cx);
      this.jsonata = undefined;
    }
  }

  protected attempt(rawInput: Json, frame: Frame): Promise<Json> {
    if (this.jsonata === undefined) return this.call(frame, this.prepareJsonPath(rawInput, frame));
    const call = this.prepareJsonata(this.jsonata, rawInput, frame);
    return isPromise(call) ? call.then((ready) => this.call(frame, ready)) : this.call(frame, call);
  }

  private prepareJsonPath(rawInput: Json, frame: Frame): TaskCall {
    const io = this.io;
    const sources = frame.sources(rawInput);
    const inputSources = effectiveInput(io, sources);
    const input = inputSources.input;
    return {
      payload: io.parameters === undefined ? input : io.parameters(inputSources),
      timeoutSeconds: resolveSeconds(this.timeout, inputSources) ?? DEFAULT_TIMEOUT_SECONDS,
      heartbeatSeconds: resolveSeconds(this.heartbeat, inputSources),
      credentials: this.credentials === undefined ? undefined : this.credentials(inputSources),
      complete: (result) => completeWithResult(io, frame, sources, result),
    };
  }

  /** JSONata: Arguments (default: the input), the timeouts, Credentials, in that order. */
  private prepareJsonata(fields: JsonataTask, rawInput: Json, frame: Frame): MaybePromise<TaskCall> {
    const scope = new StatesScope(frame, rawInput);
    const payload = fields.arguments === undefined ? rawInput : fields.arguments.evaluate(scope);
    return andThen(payload, (resolvedPayload) =>
      andThen(resolveJsonataSeconds(this.timeout, scope), (timeoutSeconds) =>
        andThen(resolveJsonataSeconds(this.heartbeat, scope), (heartbeatSeconds) =>
          andThen(fields.credentials === undefined ? undefined : fields.credentials.evaluate(scope), (credentials) => ({
            payload: resolvedPayload,
            timeoutSeconds: timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
            heartbeatSeconds,
            credentials,
            complete: (result: Json) => complete(fields.completion, scope.withResult(result), result),
          })),
        ),
      ),
    );
  }

  private call(frame: Frame, call: TaskCall): Promise<Json> {
    const { payload, timeoutSeconds, heartbeatSeconds, credentials } = call;
    const run = frame.run;
    const scheduled = this.events.scheduled(run, frame, payload, timeoutSeconds, heartbeatSeconds);
    const started = run.emit(this.events.started, scheduled, this.events.startedDetails, this.events.startedDetailsOf);
    return this.invoke(run, frame, payload, credentials, timeoutSeconds, heartbeatSeconds).then(
      (result) => {
        if (exceedsPayloadLimit(result)) {
          const failure = new StatesFailure(
            'States.DataLimitExceeded',
            `The state/task '${this.resource}' returned a result with a size exceeding the maximum number of bytes service limit.`,
          );
          // AWS records an oversized result as a failed task (TaskFailed / LambdaFunctionFailed
          // with States.DataLimitExceeded); thrown here, it skipped the rejection handler below
          // and the history went from TaskStarted straight to the next state or the end.
          run.emit(this.events.failed, started, this.events.failedDetails, () => this.events.failedDetailsOf(failure));
          throw failure;
        }
        run.emit(this.events.succeeded, started, this.events.succeededDetails, () => this.events.succeededDetailsOf(result));
        return call.complete(result);
      },
      (error: unknown) => {
        // A stop (execution timeout, abort, a failed sibling branch) is not a task failure: it
        // must reach the driver as it is, or a timed-out execution would end FAILED with
        // States.TaskFailed ("… failed: TIMED_OUT") and record a TaskFailed event.
        if (error instanceof ExecutionStopped || frame.scope.stopped) throw error;
        const failure = taskFailureOf(error, this.resource);
        const type = failure.error === 'States.Timeout' ? this.events.timedOut : this.events.failed;
        run.emit(type, started, this.events.failedDetails, () => this.events.failedDetailsOf(failure));
        throw failure;
      },
    );
  }

  private invoke(
    run: ExecutionRun,
    frame: Frame,
    payload: Json,
    credentials: Json | undefined,
    timeoutSeconds: number,
    heartbeatSeconds: number | undefined,
  ): Promise<Json> {
    const port = run.taskPort;
    if (port === undefined) {
      return Promise.reject(new StatesFailure('States.TaskFailed', `No task runner is configured for the resource '${this.resource}'.`));
    }
    const controller = new AbortController();
    const clock = run.clock;
    const timeoutMs = timeoutSeconds * 1000;
    return new Promise<Json>((resolve, reject) => {
      let settled = false;
      let cancelHeartbeat: (() => void) | undefined;
      const cancelTimeout = clock.setTimer(timeoutMs, () => fail(new StatesFailure('States.Timeout')));
      // The execution's deadline may come before the task's own timeout.
      const untilDeadline = run.deadline - clock.now();
      const cancelDeadline = untilDeadline < timeoutMs ? clock.setTimer(Math.max(0, untilDeadline), () => run.timeOut()) : undefined;
      const unsubscribe = frame.scope.onStop((reason) => fail(reason));
      const finish = (): boolean => {
        if (settled) return false;
        settled = true;
        cancelTimeout();
        cancelDeadline?.();
        cancelHeartbeat?.();
        unsubscribe();
        return true;
      };
      function fail(failure: unknown): void {
        if (!finish()) return;
        controller.abort(failure);
        reject(failure);
      }
      const armHeartbeat = (): void => {
        if (heartbeatSeconds === undefined || settled) return;
        cancelHeartbeat?.();
        cancelHeartbeat = clock.setTimer(heartbeatSeconds * 1000, () => fail(new HeartbeatTimeout()));
      };
      armHeartbeat();
      if (settled) return;
      let pending: Promise<Json>;
      try {
        pending = port.invoke({
          resource: this.resource,
          payload,
          stateName: this.name,
          signal: controller.signal,
          timeoutMs,
          heartbeatMs: heartbeatSeconds === undefined ? undefined : heartbeatSeconds * 1000,
          heartbeat: armHeartbeat,
          credentials,
          context: frame.context(),
        });
      } catch (error) {
        fail(error);
        return;
      }
      pending.then(
        (result) => {
          if (finish()) resolve(result);
        },
        (error: unknown) => fail(error),
      );
    });
  }
}

function taskFailureOf(error: unknown, resource: string): StatesFailure {
  if (error instanceof StatesFailure) return error;
  if (error instanceof TaskFailure) return new StatesFailure(error.error, error.cause);
  const message = error instanceof Error ? error.message : String(error);
  return new StatesFailure('States.TaskFailed', `The task '${resource}' failed: ${message}`);
}

function compileSeconds(spec: StateSpec, field: 'TimeoutSeconds' | 'HeartbeatSeconds'): Seconds {
  const literal = spec.raw[field];
  if (typeof literal === 'number') return { kind: 'fixed', seconds: literal };
  if (spec.language === 'JSONata') {
    return literal === undefined ? { kind: 'fixed', seconds: undefined } : { kind: 'jsonata', field, value: compileValueField(literal, field, spec.pointer, spec.cx) };
  }
  const pathField = `${field}Path`;
  const source = spec.raw[pathField];
  if (typeof source !== 'string') return { kind: 'fixed', seconds: undefined };
  return { kind: 'path', field: pathField, source, path: compileSelectPath(source, pointerTo(spec.pointer, pathField), spec.cx, pathField) };
}

/** JSONata: a literal, or an expression that must yield a positive integer. */
function resolveJsonataSeconds(seconds: Seconds, scope: StatesScope): MaybePromise<number | undefined> {
  if (seconds.kind !== 'jsonata') return resolveSeconds(seconds, scope.frame.sources(scope.input));
  return evaluateField<number>(seconds.value, seconds.field, scope, integerAtLeast(1));
}

function resolveSeconds(seconds: Seconds, sources: import('../run.js').StateSources): number | undefined {
  if (seconds.kind === 'fixed') return seconds.seconds;
  if (seconds.kind === 'jsonata') return undefined;
  const value = seconds.path === undefined ? sources.input : seconds.path(sources);
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw runtimeFailure(`The ${seconds.field} field refers to value "${typeof value === 'string' ? value : toJsonText(value)}" which is not a valid positive integer: ${seconds.source}`);
  }
  return value;
}

/** Event types and details differ between direct Lambda ARNs and service integrations. */
interface TaskEvents {
  scheduled(run: ExecutionRun, frame: Frame, payload: Json, timeout: number, heartbeat: number | undefined): number;
  readonly started: string;
  readonly startedDetails: string | undefined;
  readonly startedDetailsOf: (() => Json) | undefined;
  readonly succeeded: string;
  readonly succeededDetails: string;
  succeededDetailsOf(result: Json): Json;
  readonly failed: string;
  readonly timedOut: string;
  readonly failedDetails: string;
  failedDetailsOf(failure: StatesFailure): Json;
}

function taskEvents(resource: string): TaskEvents {
  const errorDetails = (failure: StatesFailure): Json => {
    const details: Record<string, Json> = {};
    if (failure.error !== undefined) details.error = failure.error;
    if (failure.cause !== undefined) details.cause = failure.cause;
    return details;
  };
  if (/^arn:aws[\w-]*:lambda:/.test(resource)) {
    return {
      scheduled: (run, frame, payload, timeout) =>
        run.emit('LambdaFunctionScheduled', frame.enteredEventId, 'lambdaFunctionScheduledEventDetails', () => ({
          resource,
          input: toJsonText(payload),
          inputDetails: { truncated: false },
          timeoutInSeconds: timeout,
        })),
      started: 'LambdaFunctionStarted',
      startedDetails: undefined,
      startedDetailsOf: undefined,
      succeeded: 'LambdaFunctionSucceeded',
      succeededDetails: 'lambdaFunctionSucceededEventDetails',
      succeededDetailsOf: (result) => ({ output: toJsonText(result), outputDetails: { truncated: false } }),
      failed: 'LambdaFunctionFailed',
      timedOut: 'LambdaFunctionTimedOut',
      failedDetails: 'lambdaFunctionFailedEventDetails',
      failedDetailsOf: errorDetails,
    };
  }
  const [resourceType, resourceName] = splitResource(resource);
  return {
    scheduled: (run, frame, payload, timeout, heartbeat) =>
      run.emit('TaskScheduled', frame.enteredEventId, 'taskScheduledEventDetails', () => {
        const details: Record<string, Json> = {
          resourceType,
          resource: resourceName,
          region: regionOf(run.machineArn),
          parameters: toJsonText(payload),
          timeoutInSeconds: timeout,
        };
        if (heartbeat !== undefined) details.heartbeatInSeconds = heartbeat;
        return details;
      }),
    started: 'TaskStarted',
    startedDetails: 'taskStartedEventDetails',
    startedDetailsOf: () => ({ resourceType, resource: resourceName }),
    succeeded: 'TaskSucceeded',
    succeededDetails: 'taskSucceededEventDetails',
    succeededDetailsOf: (result) => ({ resourceType, resource: resourceName, output: toJsonText(result), outputDetails: { truncated: false } }),
    failed: 'TaskFailed',
    timedOut: 'TaskTimedOut',
    failedDetails: 'taskFailedEventDetails',
    failedDetailsOf: (failure) => ({ resourceType, resource: resourceName, ...(errorDetails(failure) as object) }),
  };
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

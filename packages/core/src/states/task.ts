import { pointerTo } from '../compile-context.js';
import { StatesFailure, runtimeFailure } from '../errors.js';
import type { SelectPath } from '../io-paths.js';
import { compileSelectPath } from '../io-paths.js';
import type { Json } from '../json.js';
import { toJsonText } from '../json.js';
import { exceedsPayloadLimit } from '../payload-size.js';
import { randomUuid } from '../ids.js';
import type { Frame, StateSources } from '../run.js';
import type { Template } from '../template.js';
import { compileTemplate } from '../template.js';
import type { TaskPattern } from '../task-port.js';
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
import type { TaskEvents } from './task-events.js';
import { DEFAULT_TIMEOUT_SECONDS, isActivityResource, taskEvents } from './task-events.js';
import type { TokenHooks } from './task-invocation.js';
import { invokeTask } from './task-invocation.js';

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
  /** Undefined when the state gives none: AWS's default applies. */
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
  readonly credentials: Json | undefined;
  /** The state's output from the task's result. */
  readonly complete: (result: Json) => MaybePromise<Json>;
}

/**
 * Task: InputPath → Parameters → invoke the task port → ResultSelector → ResultPath →
 * OutputPath (JSONata: Arguments → invoke → Output and Assign over `$states.result`), with
 * TimeoutSeconds and HeartbeatSeconds enforced by the engine's clock. Callback tasks
 * (`….waitForTaskToken`) and activities get a task token for each attempt first.
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
  private readonly pattern: TaskPattern | undefined;
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
    this.pattern = patternOf(this.resource);
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
    if (this.pattern !== undefined) return this.attemptWithToken(rawInput, frame, this.pattern);
    return this.attemptWith(rawInput, frame, undefined);
  }

  private attemptWith(rawInput: Json, frame: Frame, taskToken: string | undefined): Promise<Json> {
    if (this.jsonata === undefined) return this.call(frame, this.prepareJsonPath(rawInput, frame), taskToken);
    const call = this.prepareJsonata(this.jsonata, rawInput, frame);
    return isPromise(call) ? call.then((ready) => this.call(frame, ready, taskToken)) : this.call(frame, call, taskToken);
  }

  /**
   * Each attempt gets a token of its own. A callback task sees it as `$$.Task.Token` from
   * Parameters/Arguments to Output (AWS documents the Task node only for `.waitForTaskToken`
   * states, so an activity's token is only handed to its port).
   */
  private attemptWithToken(rawInput: Json, frame: Frame, pattern: TaskPattern): Promise<Json> {
    const issued = issueToken(frame, this.resource, this.name, pattern);
    const proceed = (token: string): Promise<Json> => {
      if (pattern === 'activity') return this.attemptWith(rawInput, frame, token);
      frame.taskToken = token;
      const clear = (): void => {
        frame.taskToken = undefined;
      };
      let attempt: Promise<Json>;
      try {
        attempt = this.attemptWith(rawInput, frame, token);
      } catch (error) {
        clear();
        throw error;
      }
      return attempt.finally(clear);
    };
    return isPromise(issued) ? issued.then(proceed) : proceed(issued);
  }

  private prepareJsonPath(rawInput: Json, frame: Frame): TaskCall {
    const io = this.io;
    const sources = frame.sources(rawInput);
    const inputSources = effectiveInput(io, sources);
    const input = inputSources.input;
    return {
      payload: io.parameters === undefined ? input : io.parameters(inputSources),
      timeoutSeconds: resolveSeconds(this.timeout, inputSources),
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
            timeoutSeconds,
            heartbeatSeconds,
            credentials,
            complete: (result: Json) => complete(fields.completion, scope.withResult(result), result),
          })),
        ),
      ),
    );
  }

  private call(frame: Frame, call: TaskCall, taskToken: string | undefined): Promise<Json> {
    const { payload, heartbeatSeconds } = call;
    const run = frame.run;
    const events = this.events;
    const scheduled = events.scheduled(run, frame.enteredEventId, payload, call.timeoutSeconds, heartbeatSeconds);
    // Activities start when a worker takes them; everything else at once.
    let last = this.pattern === 'activity' ? scheduled : events.started(run, scheduled);
    const spec = {
      resource: this.resource,
      stateName: this.name,
      payload,
      credentials: call.credentials,
      timeoutSeconds: call.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      heartbeatSeconds,
    };
    const hooks: TokenHooks | undefined =
      taskToken === undefined
        ? undefined
        : {
            taskToken,
            startsLater: this.pattern === 'activity',
            submitted: (output) => {
              last = events.submitted(run, last, output);
            },
            started: (workerName) => {
              last = events.started(run, last, workerName);
            },
          };
    return invokeTask(run, frame, spec, hooks).then(
      (result) => {
        if (exceedsPayloadLimit(result)) {
          const failure = new StatesFailure(
            'States.DataLimitExceeded',
            `The state/task '${this.resource}' returned a result with a size exceeding the maximum number of bytes service limit.`,
          );
          // AWS records an oversized result as a failed task (TaskFailed / LambdaFunctionFailed
          // with States.DataLimitExceeded); thrown here, it skipped the rejection handler below
          // and the history went from TaskStarted straight to the next state or the end.
          events.failed(run, last, failure);
          throw failure;
        }
        events.succeeded(run, last, result);
        return call.complete(result);
      },
      (error: unknown) => {
        // A stop (execution timeout, abort, a failed sibling branch) is not a task failure: it
        // must reach the driver as it is, or a timed-out execution would end FAILED with
        // States.TaskFailed ("… failed: TIMED_OUT") and record a TaskFailed event.
        if (error instanceof ExecutionStopped || frame.scope.stopped) throw error;
        const failure = taskFailureOf(error, this.resource);
        events.failed(run, last, failure);
        throw failure;
      },
    );
  }
}

/**
 * A token for one attempt of a callback or activity task: the port's, or one made from the
 * execution's randomness. A port that refuses fails the state before it is scheduled.
 */
function issueToken(frame: Frame, resource: string, stateName: string, pattern: TaskPattern): string | Promise<string> {
  const port = frame.run.taskPort;
  if (port?.issueTaskToken === undefined) return randomUuid(frame.run.random);
  let issued: string | Promise<string>;
  try {
    issued = port.issueTaskToken({ resource, stateName, pattern });
  } catch (error) {
    throw notScheduled(error, resource);
  }
  return isPromise(issued) ? issued.then(undefined, (error: unknown) => Promise.reject(notScheduled(error, resource))) : issued;
}

/** AWS: `An error occurred while executing the state 'S' (entered at the event id #2). The activity … does not exist.` */
function notScheduled(error: unknown, resource: string): StatesFailure {
  if (error instanceof TaskFailure) return new StatesFailure(error.error, error.cause, true);
  return taskFailureOf(error, resource);
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

function resolveSeconds(seconds: Seconds, sources: StateSources): number | undefined {
  if (seconds.kind === 'fixed') return seconds.seconds;
  if (seconds.kind === 'jsonata') return undefined;
  const value = seconds.path === undefined ? sources.input : seconds.path(sources);
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw runtimeFailure(`The ${seconds.field} field refers to value "${typeof value === 'string' ? value : toJsonText(value)}" which is not a valid positive integer: ${seconds.source}`);
  }
  return value;
}

const CALLBACK_SUFFIX = '.waitForTaskToken';

/** Callback: an integration (`arn:…:states:…`) with the `.waitForTaskToken` suffix; or an activity. */
function patternOf(resource: string): TaskPattern | undefined {
  if (isActivityResource(resource)) return 'activity';
  if (resource.endsWith(CALLBACK_SUFFIX) && /^arn:[^:]+:states:/.test(resource)) return 'callback';
  return undefined;
}

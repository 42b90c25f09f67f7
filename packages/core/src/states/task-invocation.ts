import { StatesFailure } from '../errors.js';
import { HeartbeatTimeout } from '../error-match.js';
import type { Json } from '../json.js';
import type { ExecutionRun, Frame } from '../run.js';
import type { TaskRequest } from '../task-port.js';

/** One call of a task's port, once every field it needs is evaluated. */
export interface TaskCallSpec {
  readonly resource: string;
  readonly stateName: string;
  readonly payload: Json;
  readonly credentials: Json | undefined;
  readonly timeoutSeconds: number;
  readonly heartbeatSeconds: number | undefined;
}

/** What a callback or activity task adds to its call: its token and its progress reports. */
export interface TokenHooks {
  readonly taskToken: string;
  /**
   * Activities: TimeoutSeconds and HeartbeatSeconds count from ActivityStarted, not from
   * scheduling (integrations.md §4; AWS's troubleshooting guide: a task never taken by a worker
   * is bounded only by the machine's own TimeoutSeconds).
   */
  readonly startsLater: boolean;
  submitted(output: Json): void;
  started(workerName: string | undefined): void;
}

function noop(): void {}

type MutableRequest = { -readonly [K in keyof TaskRequest]: TaskRequest[K] };

/**
 * Calls the task port and enforces TimeoutSeconds and HeartbeatSeconds with the engine's
 * clock: whichever of the answer, a timeout, the execution's deadline or a stop comes first
 * settles the call; the port's signal is aborted on anything but its own answer.
 */
export function invokeTask(run: ExecutionRun, frame: Frame, spec: TaskCallSpec, hooks: TokenHooks | undefined): Promise<Json> {
  const port = run.taskPort;
  if (port === undefined) {
    return Promise.reject(new StatesFailure('States.TaskFailed', `No task runner is configured for the resource '${spec.resource}'.`));
  }
  const controller = new AbortController();
  const clock = run.clock;
  const timeoutMs = spec.timeoutSeconds * 1000;
  const { heartbeatSeconds } = spec;
  return new Promise<Json>((resolve, reject) => {
    let settled = false;
    let timersArmed = false;
    let cancelTimeout: (() => void) | undefined;
    let cancelHeartbeat: (() => void) | undefined;
    let cancelDeadline: (() => void) | undefined;
    let unsubscribe = noop;
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      cancelTimeout?.();
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
      if (heartbeatSeconds === undefined || settled || !timersArmed) return;
      cancelHeartbeat?.();
      cancelHeartbeat = clock.setTimer(heartbeatSeconds * 1000, () => fail(new HeartbeatTimeout()));
    };
    const armTimers = (): void => {
      if (timersArmed || settled) return;
      timersArmed = true;
      cancelTimeout = clock.setTimer(timeoutMs, () => fail(new StatesFailure('States.Timeout')));
      armHeartbeat();
    };
    // A scope stopped already calls back at once, before `unsubscribe` is assigned.
    unsubscribe = frame.scope.onStop((reason) => fail(reason));
    if (settled) return;
    // The execution's deadline may come before the task's own timeout, and bounds a task
    // whose timers have not started yet.
    const untilDeadline = run.deadline - clock.now();
    if (untilDeadline < timeoutMs || (hooks?.startsLater === true && untilDeadline !== Number.POSITIVE_INFINITY)) {
      cancelDeadline = clock.setTimer(Math.max(0, untilDeadline), () => run.timeOut());
    }
    if (hooks === undefined || !hooks.startsLater) armTimers();
    if (settled) return;
    const request: MutableRequest = {
      resource: spec.resource,
      payload: spec.payload,
      stateName: spec.stateName,
      signal: controller.signal,
      timeoutMs,
      heartbeatMs: heartbeatSeconds === undefined ? undefined : heartbeatSeconds * 1000,
      heartbeat: armHeartbeat,
      credentials: spec.credentials,
      context: frame.context(),
    };
    if (hooks !== undefined) withTokenHooks(request, hooks, () => settled, armTimers);
    let pending: Promise<Json>;
    try {
      pending = port.invoke(request);
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

/** Adds the token and the progress reports; each report counts once, and none after the end. */
function withTokenHooks(request: MutableRequest, hooks: TokenHooks, settled: () => boolean, armTimers: () => void): void {
  let submitted = false;
  let started = false;
  request.taskToken = hooks.taskToken;
  request.submitted = (output) => {
    if (submitted || settled()) return;
    submitted = true;
    hooks.submitted(output);
  };
  if (!hooks.startsLater) return;
  request.started = (workerName) => {
    if (started || settled()) return;
    started = true;
    hooks.started(workerName);
    armTimers();
  };
}

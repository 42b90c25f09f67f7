import { StatesFailure } from './errors.js';
import { asFailure } from './error-match.js';
import type { Json, JsonObject } from './json.js';
import { toJsonText } from './json.js';
import { QUICK_BOUND, exceedsPayloadLimit, quickSize } from './payload-size.js';
import type { Frame } from './run.js';
import type { StateNode } from './state-node.js';
import { isPromise } from './state-node.js';
import { ExecutionStopped } from './stop-scope.js';

/**
 * A long synchronous run of states (a Choice loop, say) gives the event loop a turn every
 * so many transitions, so that timers, aborts and other executions are not starved.
 */
const TRANSITIONS_PER_TURN = 50_000;

export { ExecutionStopped };

/**
 * Runs the states of one branch from `start` until it ends, returning its output or throwing
 * the StatesFailure that ended it. Stays synchronous until a state returns a promise.
 */
export function runStates(start: StateNode, input: Json, frame: Frame): Json | Promise<Json> {
  return drive(start, input, frame, undefined) as Json | Promise<Json>;
}

/** What a whole execution makes of its end: its result, from the output or the error. */
export interface ExecutionEnd<R> {
  succeeded(output: Json): R;
  failed(error: unknown): R;
}

/**
 * runStates for the top-level branch of an execution, ending in `end`. When the branch goes
 * asynchronous, `end` runs in the same promise reaction as the last state's continuation: a
 * pending execution holds one promise chain fewer than `runStates(…).then(…)` would make.
 */
export function runExecution<R>(start: StateNode, input: Json, frame: Frame, end: ExecutionEnd<R>): R | Promise<R> {
  let output: Json | Promise<unknown>;
  try {
    output = drive(start, input, frame, end);
  } catch (error) {
    return end.failed(error);
  }
  return isPromise(output) ? (output as Promise<R>) : end.succeeded(output);
}

/**
 * The state loop. Returns the branch's output when it ends synchronously. Otherwise returns a
 * promise of the output, or, with `end`, of `end`'s result (then it never rejects).
 */
function drive(start: StateNode, input: Json, frame: Frame, end: ExecutionEnd<unknown> | undefined): Json | Promise<unknown> {
  const run = frame.run;
  if (frame.valueBound < 0) frame.valueBound = quickSize(input, QUICK_BOUND);
  let node: StateNode | null = start;
  let value = input;
  while (node !== null) {
    if (frame.scope.stopped) throw stopReason(frame.scope.stopReason);
    enterState(node, value, frame);
    frame.next = node.next;
    frame.outputBound = -1;
    frame.builtOutput = undefined;
    let output: Json | Promise<Json>;
    try {
      output = node.execute(value, frame);
    } catch (error) {
      throw locate(error, frame);
    }
    if (isPromise(output)) return resumeAfter(output, node, value, frame, end);
    exitState(node, value, output, frame);
    value = output;
    node = frame.next as StateNode | null;
    if (node !== null && ++run.transitions % TRANSITIONS_PER_TURN === 0) {
      if (run.clock.now() >= run.deadline) throw run.timeOut();
      const next = node;
      const resumed = value;
      return frame.scope.sleep(run.clock, 0).then(
        () => settle(() => drive(next, resumed, frame, end), end),
        (error: unknown) => fail(error, end),
      );
    }
  }
  return value;
}

/** Goes on with the states after `node` once its pending output is there. */
function resumeAfter(pending: Promise<Json>, node: StateNode, input: Json, frame: Frame, end: ExecutionEnd<unknown> | undefined): Promise<unknown> {
  return pending.then(
    (output) =>
      settle(() => {
        exitState(node, input, output, frame);
        const next = frame.next as StateNode | null;
        return next === null ? output : drive(next, output, frame, end);
      }, end),
    (error: unknown) => fail(locate(error, frame), end),
  );
}

/** Inside a promise reaction: what `go` returns or throws, passed through `end` when there is one. */
function settle(go: () => Json | Promise<unknown>, end: ExecutionEnd<unknown> | undefined): Json | Promise<unknown> | unknown {
  if (end === undefined) return go();
  let result: Json | Promise<unknown>;
  try {
    result = go();
  } catch (error) {
    return end.failed(error);
  }
  // A promise here already ends in `end` (drive was given it).
  return isPromise(result) ? result : end.succeeded(result);
}

function fail(error: unknown, end: ExecutionEnd<unknown> | undefined): unknown {
  if (end === undefined) throw error;
  return end.failed(error);
}

/** Checks the output size, walking the whole output only when the frame's bound is too loose. */
function withinPayloadLimit(output: Json, frame: Frame): boolean {
  let bound = frame.outputBound;
  if (bound < 0 || bound > QUICK_BOUND) {
    bound = quickSize(output, QUICK_BOUND);
    if (bound > QUICK_BOUND && exceedsPayloadLimit(output)) return false;
  }
  frame.valueBound = bound;
  return true;
}

function enterState(node: StateNode, input: Json, frame: Frame): void {
  const run = frame.run;
  frame.stateName = node.name;
  if (node.readsContext) frame.enteredTime = run.clock.now();
  // Hot path: without a sink, an event is only a number.
  if (run.sink === undefined) {
    frame.enteredEventId = ++run.lastEventId;
    return;
  }
  // AWS-observed: the first state's Entered event points at 0, not at ExecutionStarted.
  const previous = run.lastEventId === 1 ? 0 : run.lastEventId;
  frame.enteredEventId = run.emit(`${node.type}StateEntered`, previous, 'stateEnteredEventDetails', () => ({
    name: node.name,
    input: toJsonText(input),
    inputDetails: { truncated: false },
  }));
}

function exitState(node: StateNode, input: Json, output: Json, frame: Frame): void {
  // AWS-observed: a state output over 256 KiB fails the execution at once. An output that is
  // the input object itself needs no check, unless it was updated in place.
  const built = frame.builtOutput === output;
  if ((output !== input || built) && !withinPayloadLimit(output, frame)) {
    throw locate(
      new StatesFailure(
        'States.DataLimitExceeded',
        `The state/task '${node.name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
      ),
      frame,
    );
  }
  // Ownership passes to the next state only straight from the ResultPath that built the
  // object: any other output (a pass-through, a selected part, a task's result) may be held
  // elsewhere too (a task port, a variable, a sibling branch).
  frame.freshInput = built ? output : undefined;
  const run = frame.run;
  if (run.sink === undefined) {
    ++run.lastEventId;
    return;
  }
  const assigned = frame.assigned;
  frame.assigned = undefined;
  run.emit(`${node.type}StateExited`, run.lastEventId, 'stateExitedEventDetails', () =>
    assigned === undefined
      ? { name: node.name, output: toJsonText(output), outputDetails: { truncated: false } }
      : { name: node.name, output: toJsonText(output), outputDetails: { truncated: false }, ...assignedDetails(assigned) },
  );
}

/** AWS's `assignedVariables` (each value as JSON text) of a state that assigned variables. */
function assignedDetails(assigned: JsonObject): JsonObject {
  const texts: JsonObject = {};
  for (const name of Object.keys(assigned)) texts[name] = toJsonText(assigned[name]);
  return { assignedVariables: texts, assignedVariablesDetails: { truncated: false } };
}

/**
 * Adds AWS's location sentence to errors the engine raised while evaluating the state:
 * `An error occurred while executing the state 'S' (entered at the event id #2). …`
 */
export function locate(error: unknown, frame: Frame): unknown {
  if (error instanceof ExecutionStopped) return error;
  const failure = asFailure(error);
  if (!failure.inState) return failure;
  const cause = `An error occurred while executing the state '${frame.stateName}' (entered at the event id #${frame.enteredEventId}). ${failure.cause ?? ''}`;
  return new StatesFailure(failure.error, cause);
}

export function stopReason(reason: unknown): unknown {
  return reason instanceof ExecutionStopped ? reason : new ExecutionStopped('ABORTED');
}

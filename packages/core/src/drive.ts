import { StatesFailure } from './errors.js';
import { asFailure } from './error-match.js';
import type { Json } from './json.js';
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
  const run = frame.run;
  if (frame.valueBound < 0) frame.valueBound = quickSize(input, QUICK_BOUND);
  let node: StateNode | null = start;
  let value = input;
  while (node !== null) {
    if (frame.scope.stopped) throw stopReason(frame.scope.stopReason);
    enterState(node, value, frame);
    frame.next = node.next;
    frame.outputBound = -1;
    let output: Json | Promise<Json>;
    try {
      output = node.execute(value, frame);
    } catch (error) {
      throw locate(error, frame);
    }
    if (isPromise(output)) {
      const current = node;
      const stateInput = value;
      return output.then(
        (resolved) => continueAfter(current, stateInput, resolved, frame),
        (error: unknown) => {
          throw locate(error, frame);
        },
      );
    }
    exitState(node, value, output, frame);
    value = output;
    node = frame.next as StateNode | null;
    if (node !== null && ++run.transitions % TRANSITIONS_PER_TURN === 0) {
      if (run.clock.now() >= run.deadline) throw run.timeOut();
      const resume = node;
      return frame.scope.sleep(run.clock, 0).then(() => runStates(resume, value, frame));
    }
  }
  return value;
}

function continueAfter(node: StateNode, input: Json, output: Json, frame: Frame): Json | Promise<Json> {
  exitState(node, input, output, frame);
  const next = frame.next as StateNode | null;
  return next === null ? output : runStates(next, output, frame);
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
  // AWS-observed: a state output over 256 KiB fails the execution at once.
  if (output !== input && !withinPayloadLimit(output, frame)) {
    throw locate(
      new StatesFailure(
        'States.DataLimitExceeded',
        `The state/task '${node.name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
      ),
      frame,
    );
  }
  const run = frame.run;
  if (run.sink === undefined) {
    ++run.lastEventId;
    return;
  }
  run.emit(`${node.type}StateExited`, run.lastEventId, 'stateExitedEventDetails', () => ({
    name: node.name,
    output: toJsonText(output),
    outputDetails: { truncated: false },
  }));
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

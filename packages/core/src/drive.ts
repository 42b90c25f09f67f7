import { StatesFailure } from './errors.js';
import { asFailure } from './error-match.js';
import type { Json } from './json.js';
import { toJsonText } from './json.js';
import { exceedsPayloadLimit } from './payload-size.js';
import type { Frame } from './run.js';
import type { StateNode } from './state-node.js';
import { isPromise } from './state-node.js';

/**
 * A long synchronous run of states (a Choice loop, say) gives the event loop a turn every
 * so many transitions, so that timers, aborts and other executions are not starved.
 */
const TRANSITIONS_PER_TURN = 50_000;

/** Raised when the execution was stopped (timeout or abort); not routable by Retry/Catch. */
export class ExecutionStopped extends Error {
  constructor(readonly reason: 'TIMED_OUT' | 'ABORTED') {
    super(reason);
  }
}

/**
 * Runs the states of one branch from `start` until it ends, returning its output or throwing
 * the StatesFailure that ended it. Stays synchronous until a state returns a promise.
 */
export function runStates(start: StateNode, input: Json, frame: Frame): Json | Promise<Json> {
  const run = frame.run;
  let node: StateNode | null = start;
  let value = input;
  while (node !== null) {
    if (frame.signal.aborted) throw stopReason(frame.signal);
    enterState(node, value, frame);
    frame.next = node.next;
    let output: Json | Promise<Json>;
    try {
      output = node.execute(value, frame);
    } catch (error) {
      throw locate(error, frame);
    }
    if (isPromise(output)) {
      const current = node;
      return output.then(
        (resolved) => continueAfter(current, resolved, frame),
        (error: unknown) => {
          throw locate(error, frame);
        },
      );
    }
    exitState(node, output, frame);
    value = output;
    node = frame.next as StateNode | null;
    if (node !== null && ++run.transitions % TRANSITIONS_PER_TURN === 0) {
      const resume = node;
      return run.clock.sleep(0, frame.signal).then(() => runStates(resume, value, frame));
    }
  }
  return value;
}

function continueAfter(node: StateNode, output: Json, frame: Frame): Json | Promise<Json> {
  exitState(node, output, frame);
  const next = frame.next as StateNode | null;
  return next === null ? output : runStates(next, output, frame);
}

function enterState(node: StateNode, input: Json, frame: Frame): void {
  const run = frame.run;
  frame.stateName = node.name;
  frame.retryCount = 0;
  if (node.readsContext || run.sink !== undefined) frame.enteredTime = run.clock.now();
  frame.enteredEventId = run.emit(`${node.type}StateEntered`, run.lastEventId, 'stateEnteredEventDetails', () => ({
    name: node.name,
    input: toJsonText(input),
    inputDetails: { truncated: false },
  }));
}

function exitState(node: StateNode, output: Json, frame: Frame): void {
  // AWS-observed: a state output over 256 KiB fails the execution at once.
  if (exceedsPayloadLimit(output)) {
    throw locate(
      new StatesFailure(
        'States.DataLimitExceeded',
        `The state/task '${node.name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
      ),
      frame,
    );
  }
  const run = frame.run;
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

export function stopReason(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  return reason instanceof ExecutionStopped ? reason : new ExecutionStopped('ABORTED');
}

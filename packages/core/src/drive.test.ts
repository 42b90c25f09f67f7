/**
 * The state loop: AWS's location sentence on engine-raised errors, long synchronous runs that
 * still give the event loop a turn, and the checks made between states.
 */
import { describe, expect, it } from 'vitest';
import { compileStateMachine, createSimulatedClock, TaskFailure } from './index.js';
import type { Json } from './index.js';
import { START_MS, execute, recordingPort, taskMachine } from '../test/support.js';

describe('the location sentence', () => {
  it('prefixes engine errors with the state’s name and the id of its Entered event', async () => {
    const definition: Json = {
      StartAt: 'One',
      States: {
        One: { Type: 'Pass', Next: 'Two' },
        Two: { Type: 'Wait', Seconds: 1, Next: 'Three' },
        Three: { Type: 'Pass', Parameters: { 'v.$': '$.missing' }, End: true },
      },
    };
    const { result, events } = await execute(definition, { present: 1 });
    const entered = events.find((event) => event.type === 'PassStateEntered' && (event['stateEnteredEventDetails'] as { name: string }).name === 'Three');
    expect(entered?.id).toBe(6);
    expect(result.cause).toBe(
      "An error occurred while executing the state 'Three' (entered at the event id #6). The JSONPath '$.missing' specified for the field 'v.$' could not be found in the input '{\"present\":1}'",
    );
  });

  it('names the state inside a Map iteration or a Parallel branch', async () => {
    const definition: Json = {
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          MaxConcurrency: 1,
          ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', InputPath: '$.x', End: true } } },
          End: true,
        },
      },
    };
    const { result, events } = await execute(definition, [{ x: 1 }, {}]);
    const innerEntries = events.filter((event) => event.type === 'PassStateEntered');
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(`An error occurred while executing the state 'Inner' (entered at the event id #${innerEntries[1]?.id}). Invalid path '$.x' : No results for path: $['x']`);
  });

  it('is not added to errors of Fail states or of tasks', async () => {
    const fail = await execute({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'plain' } } });
    expect(fail.result.cause).toBe('plain');
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => {
      throw new TaskFailure('T', 'task cause');
    });
    const task = await execute(taskMachine({}), {}, { clock, taskPort: port });
    expect(task.result.cause).toBe('task cause');
  });

  it('quotes the same event ids whether or not a history sink listens', async () => {
    const definition: Json = {
      StartAt: 'Start',
      States: {
        Start: { Type: 'Pass', Next: 'Work' },
        Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['Flaky'] }], Next: 'Map' },
        Map: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }, ResultPath: '$.mapped', Next: 'Both' },
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'B1', States: { B1: { Type: 'Pass', End: true } } },
            { StartAt: 'B2', States: { B2: { Type: 'Wait', Seconds: 1, End: true } } },
          ],
          ResultPath: null,
          Next: 'Last',
        },
        Last: { Type: 'Pass', OutputPath: '$.nothing', End: true },
      },
    };
    const answer = (_request: unknown, index: number): Json => {
      if (index === 0) throw new TaskFailure('Flaky');
      return { items: [1, 2, 3] };
    };
    const clock = createSimulatedClock(START_MS);
    const withSink = await execute(definition, {}, { clock, taskPort: recordingPort(clock, answer) });
    const quietClock = createSimulatedClock(START_MS);
    const quiet = await compileStateMachine(definition).start({}, { clock: quietClock, taskPort: recordingPort(quietClock, answer) });
    const lastEntered = withSink.events.filter((event) => event.type === 'PassStateEntered').at(-1);
    expect(withSink.result.cause).toContain(`(entered at the event id #${lastEntered?.id}).`);
    expect(quiet.cause).toBe(withSink.result.cause);
    expect(quiet.status).toBe('FAILED');
  });
});

describe('long synchronous runs', () => {
  const counter: Json = {
    StartAt: 'Increment',
    States: {
      Increment: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Check' },
      Check: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 40_000, Next: 'Increment' }], Default: 'Done' },
      Done: { Type: 'Succeed' },
    },
  };

  it('complete a loop of 80,000 transitions', async () => {
    const clock = createSimulatedClock(START_MS);
    const result = await compileStateMachine(counter).start({ n: 0 }, { clock });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { n: 40_000 } });
    expect(result.stopDate).toBe(START_MS);
  });

  it('an endless loop can still be aborted (it yields to the event loop)', async () => {
    const endless: Json = {
      StartAt: 'Loop',
      States: {
        Loop: { Type: 'Pass', Next: 'Check' },
        Check: { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }], Default: 'Loop' },
        Done: { Type: 'Succeed' },
      },
    };
    const clock = createSimulatedClock(START_MS);
    const controller = new AbortController();
    clock.setTimer(0, () => controller.abort());
    const result = await compileStateMachine(endless).start({}, { clock, signal: controller.signal });
    expect(result.status).toBe('ABORTED');
  });
});

describe('the end of an execution', () => {
  // runExecution hands the outcome to the execution's end in the same promise reaction as the
  // last state; these pin every way there: at once, after a pending state, after a yield.
  const clockAt = (): ReturnType<typeof createSimulatedClock> => createSimulatedClock(START_MS);

  it('is reached synchronously or after pending states, with the output or the failure', async () => {
    const pass: Json = { StartAt: 'P', States: { P: { Type: 'Pass', Result: 1, End: true } } };
    expect(await compileStateMachine(pass).start({}, { clock: clockAt() })).toMatchObject({ status: 'SUCCEEDED', output: 1 });
    const waitThenFail: Json = {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', InputPath: '$.missing', End: true } },
    };
    const failed = await compileStateMachine(waitThenFail).start({}, { clock: clockAt() });
    expect(failed).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(failed.stopDate - failed.startDate).toBe(1000);
    const twoWaits: Json = { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 1, Next: 'B' }, B: { Type: 'Wait', Seconds: 2, End: true } } };
    const waited = await compileStateMachine(twoWaits).start({ v: 1 }, { clock: clockAt() });
    expect(waited).toMatchObject({ status: 'SUCCEEDED', output: { v: 1 } });
    expect(waited.stopDate - waited.startDate).toBe(3000);
  });

  it('of a failing pending state, or of an output over the limit after one, is a failure', async () => {
    const clock = clockAt();
    const port = recordingPort(clock, () => ({ present: 1 }));
    const definition = taskMachine({ ResultSelector: { 'n.$': '$.missing' } });
    const selector = await compileStateMachine(definition).start({}, { clock, taskPort: port });
    expect(selector).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    const waitThenBig: Json = {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', Parameters: { 'a.$': '$.s', 'b.$': '$.s' }, End: true } },
    };
    const big = await compileStateMachine(waitThenBig).start({ s: 'x'.repeat(140_000) }, { clock: clockAt() });
    expect(big).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('comes after a long loop that yielded to the event loop, also when it then waits', async () => {
    const definition: Json = {
      StartAt: 'Increment',
      States: {
        Increment: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Check' },
        Check: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 30_000, Next: 'Increment' }], Default: 'Hold' },
        Hold: { Type: 'Wait', Seconds: 1, Next: 'Fail' },
        Fail: { Type: 'Fail', Error: 'Custom', Cause: 'after the loop' },
      },
    };
    const result = await compileStateMachine(definition).start({ n: 0 }, { clock: clockAt() });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Custom', cause: 'after the loop' });
  });
});

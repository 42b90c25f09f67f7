/** Catch through the public API: which catcher fires, where it goes, and what it outputs. */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock, TaskFailure } from './index.js';
import type { Json } from './index.js';
import { START_MS, execute, never, recordingPort, taskMachine, typesOf } from '../test/support.js';

const TARGETS: Record<string, Json> = { Caught: { Type: 'Pass', End: true }, Other: { Type: 'Pass', Result: 'other', End: true } };

/** A Task machine plus the catch targets (`Caught`, `Other`) its catchers name. */
function catchMachine(fields: Record<string, Json>): Json {
  const catchers = Array.isArray(fields.Catch) ? fields.Catch : [];
  const states: Record<string, Json> = {};
  for (const catcher of catchers) {
    const next = (catcher as { Next?: string }).Next;
    if (next !== undefined && TARGETS[next] !== undefined) states[next] = TARGETS[next];
  }
  return taskMachine(fields, states);
}

function failingPort(error: string, cause?: string) {
  const clock = createSimulatedClock(START_MS);
  const port = recordingPort(clock, () => {
    throw new TaskFailure(error, cause);
  });
  return { clock, port };
}

describe('Catch output', () => {
  it('by default replaces the state input with {Error, Cause}', async () => {
    const { clock, port } = failingPort('Boom', 'it broke');
    const definition = catchMachine({ Catch: [{ ErrorEquals: ['Boom'], Next: 'Caught' }] });
    const { result } = await execute(definition, { keep: 1 }, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'Boom', Cause: 'it broke' } });
  });

  it('leaves Cause out when the error has none', async () => {
    const { clock, port } = failingPort('Boom');
    const definition = catchMachine({ Catch: [{ ErrorEquals: ['Boom'], Next: 'Caught' }] });
    const { result } = await execute(definition, {}, { clock, taskPort: port });
    expect(result.output).toEqual({ Error: 'Boom' });
  });

  it('ResultPath places the error output into the raw state input (before InputPath)', async () => {
    const { clock, port } = failingPort('Boom', 'it broke');
    const definition = catchMachine({
        InputPath: '$.payload',
        Parameters: { 'x.$': '$.x' },
        ResultSelector: { 'never.$': '$.never' },
        ResultPath: '$.result',
        OutputPath: '$.result',
        Catch: [{ ErrorEquals: ['Boom'], ResultPath: '$.failure.details', Next: 'Caught' }],
      });
    const { result, clock: used } = await execute(definition, { payload: { x: 1 }, keep: true }, { clock, taskPort: port });
    expect(used).toBe(clock);
    // The state's own ResultSelector/ResultPath/OutputPath are not applied to a caught error.
    expect(result.output).toEqual({ payload: { x: 1 }, keep: true, failure: { details: { Error: 'Boom', Cause: 'it broke' } } });
    expect(port.calls[0]?.payload).toEqual({ x: 1 });
  });

  it('ResultPath null discards the error output and passes the raw input on', async () => {
    const { clock, port } = failingPort('Boom', 'it broke');
    const definition = catchMachine({ InputPath: '$.payload', Catch: [{ ErrorEquals: ['Boom'], ResultPath: null, Next: 'Caught' }] });
    const { result } = await execute(definition, { payload: { x: 1 }, keep: true }, { clock, taskPort: port });
    expect(result.output).toEqual({ payload: { x: 1 }, keep: true });
  });

  it('a catcher ResultPath that cannot be applied fails with States.ResultPathMatchFailure', async () => {
    const { clock, port } = failingPort('Boom');
    const definition = catchMachine({ Catch: [{ ErrorEquals: ['Boom'], ResultPath: '$.a.b', Next: 'Caught' }] });
    const { result } = await execute(definition, { a: 'not an object' }, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ResultPathMatchFailure' });
  });
});

describe('choosing a catcher', () => {
  it('the first matching catcher wins and its Next is taken', async () => {
    const { clock, port } = failingPort('Boom');
    const definition = catchMachine({
        Catch: [
          { ErrorEquals: ['Nope'], Next: 'Other' },
          { ErrorEquals: ['Boom'], Next: 'Caught' },
          { ErrorEquals: ['States.ALL'], Next: 'Other' },
        ],
      });
    const { result, events } = await execute(definition, {}, { clock, taskPort: port });
    expect(result.output).toEqual({ Error: 'Boom' });
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.find((event) => event.type === 'PassStateEntered')?.['stateEnteredEventDetails']).toMatchObject({ name: 'Caught' });
  });

  it('States.ALL catches any named error', async () => {
    const { clock, port } = failingPort('Anything.At.All', 'why');
    const definition = catchMachine({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] });
    const { result } = await execute(definition, {}, { clock, taskPort: port });
    expect(result.output).toEqual({ Error: 'Anything.At.All', Cause: 'why' });
  });

  it('an error no catcher matches fails the execution with that error', async () => {
    const { clock, port } = failingPort('Boom', 'it broke');
    const definition = catchMachine({ Catch: [{ ErrorEquals: ['Other'], Next: 'Caught' }] });
    const { result } = await execute(definition, {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Boom', cause: 'it broke' });
  });

  it('States.TaskFailed does not match States.Timeout; a later States.Timeout catcher does', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => never());
    const definition = catchMachine({
        TimeoutSeconds: 5,
        Catch: [
          { ErrorEquals: ['States.TaskFailed'], Next: 'Other' },
          { ErrorEquals: ['States.Timeout'], Next: 'Caught' },
        ],
      });
    const { result, elapsedMs } = await execute(definition, {}, { clock, taskPort: port });
    expect(elapsedMs).toBe(5000);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'States.Timeout' } });
  });

  it('States.TaskFailed matches other errors, including custom ones', async () => {
    const { clock, port } = failingPort('Custom.Error');
    const definition = catchMachine({ Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }] });
    const { result } = await execute(definition, {}, { clock, taskPort: port });
    expect(result.output).toEqual({ Error: 'Custom.Error' });
  });

  it('States.Runtime is never caught, not even by name or by States.ALL', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => ({ small: 1 }));
    const definition = catchMachine({
        OutputPath: '$.no.such.result.path',
        Catch: [
          { ErrorEquals: ['States.Runtime'], Next: 'Caught' },
          { ErrorEquals: ['States.ALL'], Next: 'Other' },
        ],
      });
    const { result, events } = await execute(definition, {}, { clock, taskPort: port });
    expect(result).toEqual(
      expect.objectContaining({
        status: 'FAILED',
        error: 'States.Runtime',
        cause: "An error occurred while executing the state 'Work' (entered at the event id #2). Invalid path '$.no.such.result.path' : Missing property in path $['no']",
      }),
    );
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'ExecutionFailed']);
  });

  it('a Fail state without Error is caught only by States.ALL', async () => {
    const definition: Json = {
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'Fail', States: { Fail: { Type: 'Fail' } } },
          Catch: [
            { ErrorEquals: ['Internal Error'], Next: 'Other' },
            { ErrorEquals: ['States.ALL'], Next: 'Caught' },
          ],
          End: true,
        },
        Caught: TARGETS.Caught as Json,
        Other: TARGETS.Other as Json,
      },
    };
    const { result } = await execute(definition, [1]);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: {} });
  });

  it('an error caught inside a branch does not reach the Parallel’s own Catch', async () => {
    const definition: Json = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Inner',
              States: {
                Inner: {
                  Type: 'Parallel',
                  Branches: [{ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Inner.Error' } } }],
                  Catch: [{ ErrorEquals: ['Inner.Error'], ResultPath: '$.caughtInside', Next: 'After' }],
                  Next: 'After',
                },
                After: { Type: 'Pass', End: true },
              },
            },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Other' }],
          End: true,
        },
        Other: { Type: 'Pass', End: true },
      },
    };
    const { result } = await execute(definition, { in: 1 });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: [{ in: 1, caughtInside: { Error: 'Inner.Error' } }] });
  });
});

describe('Catch and variables', () => {
  it('a JSONPath catcher’s Assign reads the error output as `$`; the state’s Assign is skipped', async () => {
    const { clock, port } = failingPort('Boom', 'it broke');
    const definition = taskMachine(
      {
        Assign: { outcome: 'success' },
        Catch: [{ ErrorEquals: ['Boom'], Assign: { 'outcome.$': '$.Error', 'why.$': '$.Cause' }, ResultPath: '$.error', Next: 'After' }],
        Next: 'After',
      },
      { After: { Type: 'Pass', Parameters: { 'outcome.$': '$outcome', 'why.$': '$why', 'input.$': '$' }, End: true } },
    );
    const { result } = await execute(definition, { keep: 1 }, { clock, taskPort: port });
    expect(result.output).toEqual({ outcome: 'Boom', why: 'it broke', input: { keep: 1, error: { Error: 'Boom', Cause: 'it broke' } } });
  });
});

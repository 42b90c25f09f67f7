/** Execution history: event types, ids, causal previousEventIds, timestamps and details. */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock } from './index.js';
import type { HistoryEvent, Json } from './index.js';
import { START_MS, execute, recordingPort, sleep, taskMachine } from '../test/support.js';

const row = (event: HistoryEvent | undefined): [number, number, string] => [event?.id ?? -1, event?.previousEventId ?? -1, event?.type ?? ''];

describe('event ids', () => {
  it('number the events from 1; each event points at the one that caused it', async () => {
    const definition: Json = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Wait', Seconds: 2, Next: 'C' }, C: { Type: 'Succeed' } },
    };
    const { events } = await execute(definition, { x: 1 });
    expect(events.map(row)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'PassStateEntered'],
      [3, 2, 'PassStateExited'],
      [4, 3, 'WaitStateEntered'],
      [5, 4, 'WaitStateExited'],
      [6, 5, 'SucceedStateEntered'],
      [7, 6, 'SucceedStateExited'],
      [8, 7, 'ExecutionSucceeded'],
    ]);
  });

  it('a Fail state is followed by ExecutionFailed pointing at it', async () => {
    const { events } = await execute({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'F' }, F: { Type: 'Fail', Error: 'E' } } });
    expect(events.map(row)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'PassStateEntered'],
      [3, 2, 'PassStateExited'],
      [4, 3, 'FailStateEntered'],
      [5, 4, 'ExecutionFailed'],
    ]);
  });

  it('task events chain Scheduled ← Entered, Started ← Scheduled, Succeeded ← Started', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => 'ok');
    const { events } = await execute(taskMachine({}), {}, { clock, taskPort: port });
    expect(events.map(row)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'TaskStateEntered'],
      [3, 2, 'TaskScheduled'],
      [4, 3, 'TaskStarted'],
      [5, 4, 'TaskSucceeded'],
      [6, 5, 'TaskStateExited'],
      [7, 6, 'ExecutionSucceeded'],
    ]);
  });

  it('a Map: MapStateStarted ← Entered, the first iteration ← MapStateStarted', async () => {
    const definition: Json = {
      StartAt: 'Map',
      States: { Map: { Type: 'Map', MaxConcurrency: 1, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true } },
    };
    const { events } = await execute(definition, ['a']);
    expect(events.map(row)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'MapStateEntered'],
      [3, 2, 'MapStateStarted'],
      [4, 3, 'MapIterationStarted'],
      [5, 4, 'PassStateEntered'],
      [6, 5, 'PassStateExited'],
      [7, 6, 'MapIterationSucceeded'],
      [8, 7, 'MapStateSucceeded'],
      // AWS points MapStateExited at the same event as MapStateSucceeded (7); see the todo below.
      [9, expect.any(Number), 'MapStateExited'],
      [10, 9, 'ExecutionSucceeded'],
    ]);
  });

  it.todo('MapStateExited/ParallelStateExited point at the event their …Succeeded event points at (AWS-observed), not at …Succeeded');
  it.todo('the first state of every Parallel branch points at ParallelStateStarted (AWS-observed), not at the last event of the previous branch');

  it('a Parallel: ParallelStateStarted ← Entered, then the branch events', async () => {
    const definition: Json = {
      StartAt: 'P',
      States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }], End: true } },
    };
    const { events } = await execute(definition);
    expect(events.map(row)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'ParallelStateEntered'],
      [3, 2, 'ParallelStateStarted'],
      [4, 3, 'PassStateEntered'],
      [5, 4, 'PassStateExited'],
      [6, 5, 'ParallelStateSucceeded'],
      [7, expect.any(Number), 'ParallelStateExited'],
      [8, 7, 'ExecutionSucceeded'],
    ]);
  });

  it('concurrent branches still number every event exactly once', async () => {
    const branch = (name: string, seconds: number): Json => ({
      StartAt: name,
      States: { [name]: { Type: 'Wait', Seconds: seconds, Next: `${name}Done` }, [`${name}Done`]: { Type: 'Pass', End: true } },
    });
    const definition: Json = { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [branch('A', 2), branch('B', 1), branch('C', 3)], End: true } } };
    const { events } = await execute(definition);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    for (const event of events) expect(event.previousEventId).toBeLessThan(event.id);
  });
});

describe('event timestamps and details', () => {
  it('timestamps come from the execution’s clock', async () => {
    const definition: Json = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, Next: 'P' }, P: { Type: 'Pass', End: true } } };
    const { events } = await execute(definition);
    expect(events.map((event) => event.timestamp - START_MS)).toEqual([0, 0, 5000, 5000, 5000, 5000]);
  });

  it('a task that takes time is recorded at the times it starts and ends', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, async () => {
      await sleep(clock, 2500);
      return 1;
    });
    const { events } = await execute(taskMachine({}), {}, { clock, taskPort: port });
    expect(events.map((event) => [event.type, event.timestamp - START_MS])).toEqual([
      ['ExecutionStarted', 0],
      ['TaskStateEntered', 0],
      ['TaskScheduled', 0],
      ['TaskStarted', 0],
      ['TaskSucceeded', 2500],
      ['TaskStateExited', 2500],
      ['ExecutionSucceeded', 2500],
    ]);
  });

  it('carry inputs and outputs as compact JSON text', async () => {
    const definition: Json = { StartAt: 'P', States: { P: { Type: 'Pass', Result: { out: [1, 'é'] }, End: true } } };
    const { events } = await execute(definition, { in: { a: 'b' } }, { start: { roleArn: 'arn:aws:iam::123456789012:role/r' } });
    expect(events[0]?.['executionStartedEventDetails']).toEqual({
      input: '{"in":{"a":"b"}}',
      inputDetails: { truncated: false },
      roleArn: 'arn:aws:iam::123456789012:role/r',
    });
    expect(events[1]?.['stateEnteredEventDetails']).toEqual({ name: 'P', input: '{"in":{"a":"b"}}', inputDetails: { truncated: false } });
    expect(events[2]?.['stateExitedEventDetails']).toEqual({ name: 'P', output: '{"out":[1,"é"]}', outputDetails: { truncated: false } });
    expect(events[3]?.['executionSucceededEventDetails']).toEqual({ output: '{"out":[1,"é"]}', outputDetails: { truncated: false } });
  });

  it('ExecutionFailed carries error and cause', async () => {
    const { events } = await execute({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } } });
    expect(events.at(-1)?.['executionFailedEventDetails']).toEqual({ error: 'E', cause: 'C' });
  });
});

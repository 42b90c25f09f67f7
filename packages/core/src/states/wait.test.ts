/** The Wait state on a simulated clock: elapsed simulated time proves each wait. */
import { describe, expect, it } from 'vitest';
import type { Json } from '../index.js';
import { START_MS, execute, typesOf } from '../../test/support.js';

const waitState = (fields: Record<string, Json>): Json => ({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', End: true, ...fields } } });
const PREFIX = "An error occurred while executing the state 'Wait' (entered at the event id #2). ";

describe('Seconds', () => {
  it('waits that many seconds and passes its input on', async () => {
    const { result, events, elapsedMs } = await execute(waitState({ Seconds: 42 }), { keep: [1] }, { type: 'STANDARD' });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { keep: [1] } });
    expect(elapsedMs).toBe(42_000);
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'ExecutionSucceeded']);
    expect(events[2]?.timestamp).toBe(START_MS + 42_000);
  });

  it('0 seconds continues at once', async () => {
    const { result, elapsedMs } = await execute(waitState({ Seconds: 0 }), { a: 1 });
    expect(result.output).toEqual({ a: 1 });
    expect(elapsedMs).toBe(0);
  });

  it('applies InputPath and OutputPath', async () => {
    const { result } = await execute(waitState({ Seconds: 1, InputPath: '$.inner', OutputPath: '$.value' }), { inner: { value: 'v' }, other: 1 });
    expect(result.output).toBe('v');
  });

  it('waits in one branch overlap with waits in another', async () => {
    const branch = (name: string, seconds: number): Json => ({ StartAt: name, States: { [name]: { Type: 'Wait', Seconds: seconds, End: true } } });
    const definition: Json = { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [branch('A', 5), branch('B', 3), branch('C', 5)], End: true } } };
    const { result, elapsedMs } = await execute(definition, 'x');
    expect(result.output).toEqual(['x', 'x', 'x']);
    expect(elapsedMs).toBe(5000);
  });

  it('successive waits add up', async () => {
    const definition: Json = {
      StartAt: 'A',
      States: { A: { Type: 'Wait', Seconds: 2, Next: 'B' }, B: { Type: 'Wait', Seconds: 3, End: true } },
    };
    expect((await execute(definition)).elapsedMs).toBe(5000);
  });
});

describe('Timestamp', () => {
  it('waits until a future timestamp', async () => {
    const { result, elapsedMs } = await execute(waitState({ Timestamp: '2026-01-01T00:01:00Z' }), { a: 1 });
    expect(result.output).toEqual({ a: 1 });
    expect(elapsedMs).toBe(60_000);
  });

  it('honours fractions of a second and offsets', async () => {
    expect((await execute(waitState({ Timestamp: '2026-01-01T00:00:01.250Z' }))).elapsedMs).toBe(1250);
    expect((await execute(waitState({ Timestamp: '2026-01-01T01:00:30+01:00' }))).elapsedMs).toBe(30_000);
  });

  it('continues at once when the timestamp is in the past', async () => {
    const { result, elapsedMs } = await execute(waitState({ Timestamp: '2016-08-18T17:33:00Z' }), { a: 1 });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { a: 1 } });
    expect(elapsedMs).toBe(0);
  });
});

describe('SecondsPath', () => {
  it('waits the number of seconds found in the input', async () => {
    const { result, elapsedMs } = await execute(waitState({ SecondsPath: '$.delay' }), { delay: 12 });
    expect(result.output).toEqual({ delay: 12 });
    expect(elapsedMs).toBe(12_000);
  });

  it('reads after InputPath', async () => {
    expect((await execute(waitState({ InputPath: '$.cfg', SecondsPath: '$.delay' }), { cfg: { delay: 4 } })).elapsedMs).toBe(4000);
  });

  it('refuses a value that is not an integer (AWS’s cause)', async () => {
    for (const [value, shown] of [
      [1.5, '1.5'],
      [-1.5, '-1.5'],
      ['5', '5'],
      [null, 'null'],
      [{ a: 1 }, '{"a":1}'],
    ] as const) {
      const { result, events } = await execute(waitState({ SecondsPath: '$.input.waitSeconds' }), { input: { waitSeconds: value } });
      expect(result).toMatchObject({
        status: 'FAILED',
        error: 'States.Runtime',
        cause: `${PREFIX}The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == ${shown}`,
      });
      expect(typesOf(events)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionFailed']);
    }
  });

  it('refuses a negative value (AWS’s cause)', async () => {
    const { result } = await execute(waitState({ SecondsPath: '$.input.waitSeconds' }), { input: { waitSeconds: -1 } });
    expect(result).toMatchObject({
      error: 'States.Runtime',
      cause: `${PREFIX}The SecondsPath parameter references a negative value: $.input.waitSeconds == -1`,
    });
  });

  it('fails with States.Runtime when the path finds nothing', async () => {
    const { result } = await execute(waitState({ SecondsPath: '$.missing' }), {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(result.cause).toMatch(/^An error occurred while executing the state 'Wait' \(entered at the event id #2\)\. /);
  });
});

describe('TimestampPath', () => {
  it('waits until the timestamp found in the input', async () => {
    const { result, elapsedMs } = await execute(waitState({ TimestampPath: '$.at' }), { at: '2026-01-01T00:00:10Z' });
    expect(result.output).toEqual({ at: '2026-01-01T00:00:10Z' });
    expect(elapsedMs).toBe(10_000);
  });

  it('continues at once for a past timestamp', async () => {
    const { result, elapsedMs } = await execute(waitState({ TimestampPath: '$.start_at' }), { start_at: '2024-01-01T00:00:00.00Z' });
    expect(result.status).toBe('SUCCEEDED');
    expect(elapsedMs).toBe(0);
  });

  it('refuses text that is not an ISO-8601 offset date-time (AWS’s cause)', async () => {
    for (const [value, shown] of [
      ['2024-01-01T00:00:00.000000', '2024-01-01T00:00:00.000000'],
      ['2024-01-01 00:00:00Z', '2024-01-01 00:00:00Z'],
      ['2024-13-01T00:00:00Z', '2024-13-01T00:00:00Z'],
      ['2023-02-29T00:00:00Z', '2023-02-29T00:00:00Z'],
      ['tomorrow', 'tomorrow'],
      [12, '12'],
      [null, 'null'],
    ] as const) {
      const { result } = await execute(waitState({ TimestampPath: '$.start_at' }), { start_at: value });
      expect(result, String(value)).toMatchObject({
        status: 'FAILED',
        error: 'States.Runtime',
        cause: `${PREFIX}The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.start_at == ${shown}`,
      });
    }
  });
});

describe('a Wait that is stopped', () => {
  it('by a failing sibling branch ends when the sibling fails', async () => {
    const definition: Json = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Long', States: { Long: { Type: 'Wait', Seconds: 100, Next: 'Never' }, Never: { Type: 'Pass', End: true } } },
            { StartAt: 'Short', States: { Short: { Type: 'Wait', Seconds: 1, Next: 'Fail' }, Fail: { Type: 'Fail', Error: 'Boom' } } },
          ],
          End: true,
        },
      },
    };
    const { result, events, elapsedMs, clock } = await execute(definition);
    expect(result).toMatchObject({ status: 'FAILED', error: 'Boom' });
    expect(elapsedMs).toBe(1000);
    expect(clock.pending()).toBe(0);
    // The long wait never completes and the state after it is never entered.
    const exited = events.filter((event) => event.type === 'WaitStateExited').map((event) => (event['stateExitedEventDetails'] as { name: string }).name);
    expect(exited).toEqual(['Short']);
    expect(events.some((event) => event.type === 'PassStateEntered')).toBe(false);
  });
});

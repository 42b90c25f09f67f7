/**
 * The 256 KiB payload limit: the exact UTF-8 size of compact JSON text, the quick bound that
 * spares most walks, and States.DataLimitExceeded for state outputs and task results.
 */
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { PAYLOAD_LIMIT_BYTES, createSimulatedClock } from './index.js';
import type { Json } from './index.js';
import { QUICK_BOUND, exceedsPayloadLimit, jsonByteSize, quickSize } from './payload-size.js';
import { START_MS, eventsOf, execute, recordingPort, taskMachine, typesOf } from '../test/support.js';

const utf8Size = (value: Json): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

const SAMPLES: Json[] = [
  null,
  true,
  false,
  0,
  -0,
  7,
  -123.5,
  0.1,
  1e21,
  1.5e-7,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_VALUE,
  '',
  'plain ascii',
  'quote " and backslash \\',
  'controls \b\f\n\r\t and \u0001 \u001f and DEL \u007f',
  'latin é ß, euro €, cjk 漢字',
  'astral 😀 𝄞',
  'separators \u2028 \u2029',
  'lone high \ud800 surrogate',
  'lone high at the end \udbff',
  'lone low \udc00 surrogate',
  'reversed pair \udc00\ud800',
  [],
  {},
  [1, 'two', null, [true, {}]],
  { a: 1, 'b "quoted"': [1, 2], 'ключ': { nested: 'é' }, '': '' },
];

describe('jsonByteSize', () => {
  it('is the UTF-8 size of the compact JSON text', () => {
    for (const value of SAMPLES) expect(jsonByteSize(value), JSON.stringify(value)).toBe(utf8Size(value));
  });

  it('is exact for large mixed values', () => {
    const value: Json = { list: Array.from({ length: 500 }, (_, index) => ({ index, text: 'é€😀"\n'.repeat(index % 7), flag: index % 2 === 0 })) };
    expect(jsonByteSize(value)).toBe(utf8Size(value));
  });
});

describe('quickSize', () => {
  it('six times the quick size is never below the exact size', () => {
    for (const value of SAMPLES) expect(quickSize(value, Number.POSITIVE_INFINITY) * 6, JSON.stringify(value)).toBeGreaterThanOrEqual(utf8Size(value));
  });

  it('stops counting once past stopAt', () => {
    const big = Array.from({ length: 100_000 }, () => 'x');
    const counted = quickSize(big, 100);
    expect(counted).toBeGreaterThan(100);
    expect(counted).toBeLessThan(200);
  });
});

describe('exceedsPayloadLimit', () => {
  it('allows exactly 256 KiB and refuses one byte more', () => {
    // {"v":"…"} is 8 bytes around the string.
    expect(exceedsPayloadLimit({ v: 'a'.repeat(PAYLOAD_LIMIT_BYTES - 8) })).toBe(false);
    expect(exceedsPayloadLimit({ v: 'a'.repeat(PAYLOAD_LIMIT_BYTES - 7) })).toBe(true);
  });

  it('counts multi-byte characters and escapes in bytes', () => {
    const half = (PAYLOAD_LIMIT_BYTES - 8) / 2;
    expect(exceedsPayloadLimit({ v: 'é'.repeat(half) })).toBe(false);
    expect(exceedsPayloadLimit({ v: `${'é'.repeat(half)}a` })).toBe(true);
    expect(exceedsPayloadLimit({ v: '"'.repeat(half) })).toBe(false);
    expect(exceedsPayloadLimit({ v: `${'"'.repeat(half)}"` })).toBe(true);
  });

  it('small values are within the limit without an exact walk', () => {
    expect(QUICK_BOUND * 6).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(exceedsPayloadLimit({ v: '\u0001'.repeat(QUICK_BOUND - 8) })).toBe(false);
  });
});

describe('States.DataLimitExceeded', () => {
  const CAUSE = (name: string): string => `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`;

  it('a state output over the limit fails the execution at once, without StateExited', async () => {
    const definition: Json = {
      StartAt: 'State_1',
      States: { State_1: { Type: 'Pass', Parameters: { 'a.$': '$.s', 'b.$': '$.s' }, End: true } },
    };
    const { result, events } = await execute(definition, { s: 'x'.repeat(140_000) });
    expect(result).toEqual(expect.objectContaining({ status: 'FAILED', error: 'States.DataLimitExceeded', cause: CAUSE('State_1') }));
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'PassStateEntered', 'ExecutionFailed']);
  });

  it('a state output of exactly 256 KiB is fine', async () => {
    const definition: Json = { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'v.$': '$.s' }, End: true } } };
    const atLimit = await execute(definition, { s: 'é'.repeat((PAYLOAD_LIMIT_BYTES - 8) / 2) });
    expect(atLimit.result.status).toBe('SUCCEEDED');
    const over = await execute(definition, { s: `${'é'.repeat((PAYLOAD_LIMIT_BYTES - 8) / 2)}a` });
    expect(over.result.error).toBe('States.DataLimitExceeded');
  });

  it('a state output over the limit is not caught, even by States.ALL', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => 'x'.repeat(200_000));
    // The result is within the limit; the state output (input + result) is not.
    const definition = taskMachine({ ResultPath: '$.result', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] }, { Caught: { Type: 'Pass', End: true } });
    const { result } = await execute(definition, { s: 'y'.repeat(100_000) }, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded', cause: CAUSE('Work') });
  });

  it('a task result over the limit fails the task with a TaskFailed event', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => ({ big: 'x'.repeat(PAYLOAD_LIMIT_BYTES) }));
    const { result, events } = await execute(taskMachine({}), {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded', cause: CAUSE('arn:aws:states:::lambda:invoke') });
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed']);
    expect(eventsOf(events, 'TaskFailed')[0]?.['taskFailedEventDetails']).toMatchObject({ error: 'States.DataLimitExceeded' });
  });

  it('a task result over the limit is caught by States.ALL (AWS-observed)', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => ({ big: 'x'.repeat(PAYLOAD_LIMIT_BYTES) }));
    const definition = taskMachine({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] }, { Caught: { Type: 'Pass', End: true } });
    const { result, events } = await execute(definition, {}, { clock, taskPort: port });
    expect(result).toMatchObject({
      status: 'SUCCEEDED',
      output: { Error: 'States.DataLimitExceeded', Cause: CAUSE('arn:aws:states:::lambda:invoke') },
    });
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
  });

  it('a Parallel whose branch outputs add up to more than the limit fails', async () => {
    const branch = (name: string, fields: Record<string, Json>): Json => ({ StartAt: name, States: { [name]: { Type: 'Pass', ...fields, End: true } } });
    const parallel = (...branches: Json[]): Json => ({ StartAt: 'Par', States: { Par: { Type: 'Parallel', Branches: branches, End: true } } });
    const big = 'x'.repeat(100_000);
    const results = await execute(parallel(branch('A', { Result: big }), branch('B', { Result: big }), branch('C', { Result: big })), {});
    expect(results.result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded', cause: CAUSE('Par') });
    // The payload passed on whole by each branch counts once per branch.
    const passedOn = await execute(parallel(branch('A', {}), branch('B', {})), { s: 'y'.repeat(140_000) });
    expect(passedOn.result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    // Branches that shrink a large payload give a small result.
    const shrunk = await execute(parallel(branch('A', { Result: 1 }), branch('B', { InputPath: '$.n' })), { s: 'y'.repeat(200_000), n: 2 });
    expect(shrunk.result).toMatchObject({ status: 'SUCCEEDED', output: [1, 2] });
  });

  it('a Map whose iteration outputs add up to more than the limit fails', async () => {
    const map = (processor: Record<string, Json>): Json => ({
      StartAt: 'M',
      States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', ...processor, End: true } } }, End: true } },
    });
    const grown = await execute(map({ Parameters: { 'v.$': '$.s', 'w.$': '$.s' } }), [{ s: 'x'.repeat(70_000) }, { s: 'y'.repeat(70_000) }, { s: 'z' }]);
    expect(grown.result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded', cause: CAUSE('M') });
    const shrunk = await execute(map({ Result: 1 }), [{ s: 'x'.repeat(100_000) }, { s: 'y'.repeat(100_000) }]);
    expect(shrunk.result).toMatchObject({ status: 'SUCCEEDED', output: [1, 1] });
  });

  it('an output equal to the input is not measured again', async () => {
    // The execution input itself may be at the limit: a Pass that passes it on is fine.
    const { result } = await execute({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, { v: 'a'.repeat(PAYLOAD_LIMIT_BYTES - 8) });
    expect(result.status).toBe('SUCCEEDED');
  });
});

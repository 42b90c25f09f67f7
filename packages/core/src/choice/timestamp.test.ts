import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../json.js';
import type { ValueSources } from '../sources.js';
import { compileChoiceRules } from './index.js';
import { compareTimestamps, createTimestampParts, parseTimestamp } from './timestamp.js';
import type { TimestampParts } from './timestamp.js';

function parsed(text: string): TimestampParts | undefined {
  const parts = createTimestampParts();
  return parseTimestamp(text, parts) ? parts : undefined;
}

function ruleOf(rule: JsonObject): (input: Json) => boolean {
  const { rules, diagnostics } = compileChoiceRules([{ ...rule, Next: 'Yes' }], '/States/C/Choices');
  expect(diagnostics).toEqual([]);
  const test = rules[0]?.test;
  if (!test) throw new Error('no rule compiled');
  return (input) => test({ input, context: () => ({}), variable: () => undefined } satisfies ValueSources);
}

describe('parseTimestamp', () => {
  it('reads instants as epoch seconds, taking the offset into account', () => {
    expect(parsed('1970-01-01T00:00:00Z')).toEqual({ seconds: 0, nanos: 0 });
    expect(parsed('2012-10-09T19:00:55Z')).toEqual({ seconds: Date.UTC(2012, 9, 9, 19, 0, 55) / 1000, nanos: 0 });
    expect(parsed('2012-10-09T20:00:55+01:00')).toEqual(parsed('2012-10-09T19:00:55Z'));
    expect(parsed('2012-10-09T18:30:55-00:30')).toEqual(parsed('2012-10-09T19:00:55Z'));
    expect(parsed('2012-10-10T13:00:55+18:00')).toEqual(parsed('2012-10-09T19:00:55Z'));
    expect(parsed('1969-12-31T23:59:59Z')).toEqual({ seconds: -1, nanos: 0 });
    expect(parsed('2000-02-29T00:00:00Z')).toEqual({ seconds: Date.UTC(2000, 1, 29) / 1000, nanos: 0 });
  });

  it('keeps fractions of 1 to 9 digits (AWS accepts nanoseconds)', () => {
    expect(parsed('2016-03-05T21:29:29.243167252Z')?.nanos).toBe(243_167_252);
    expect(parsed('2024-01-01T00:00:00.00Z')?.nanos).toBe(0);
    expect(parsed('2024-01-01T00:00:00.5Z')?.nanos).toBe(500_000_000);
    expect(parsed('2024-01-01T00:00:00.1234567891Z')).toBeUndefined();
    expect(parsed('2024-01-01T00:00:00.Z')).toBeUndefined();
  });

  it('rejects what the RFC 3339 profile excludes', () => {
    for (const text of [
      '2012-10-09T19:00:55', // no offset (AWS: not an "offset date-time")
      '2024-01-01T00:00:00.000000',
      '2016-12-05 21:29:29Z', // space instead of T (rejected by AWS at creation)
      '05-12-2016T21:29:29Z', // rejected by AWS at creation
      '2016-12-05T25:29:29Z', // hour 25, rejected by AWS at creation
      '2012-10-09t19:00:55Z', // the documentation requires an uppercase T and Z
      '2012-10-09T19:00:55z',
      '2023-02-24',
      '2023-02-24 12:15:56.832957',
      '2023-02-29T00:00:00Z',
      '2023-04-31T00:00:00Z',
      '2023-13-01T00:00:00Z',
      '2023-01-01T00:60:00Z',
      '2023-01-01T00:00:60Z',
      '2023-01-01T00:00:00+0100',
      '2023-01-01T00:00:00+01',
      '2023-01-01T00:00:00+18:01',
      '2023-01-01T00:00:00+01:00 ',
      '+2023-01-01T00:00:00Z',
      '',
    ]) {
      expect(parsed(text), text).toBeUndefined();
    }
  });

  it('compares instants to the nanosecond', () => {
    const a = parsed('2012-10-09T19:00:55.000000001Z') as TimestampParts;
    const b = parsed('2012-10-09T19:00:55Z') as TimestampParts;
    expect(compareTimestamps(a, b)).toBe(1);
    expect(compareTimestamps(b, a)).toBe(-1);
    expect(compareTimestamps(b, parsed('2012-10-09T21:00:55+02:00') as TimestampParts)).toBe(0);
  });
});

describe('Timestamp comparisons', () => {
  const T0 = '2012-10-09T19:00:55Z';
  const T1 = '2012-10-09T19:00:56Z';

  it('compare instants (recorded: T0 vs T1 for every ordering)', () => {
    expect(ruleOf({ Variable: '$.v', TimestampEquals: T0 })({ v: T0 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', TimestampEquals: T1 })({ v: T0 })).toBe(false);
    expect(ruleOf({ Variable: '$.v', TimestampEquals: T0 })({ v: '2012-10-09T20:00:55+01:00' })).toBe(true);
    expect(ruleOf({ Variable: '$.v', TimestampLessThan: T1 })({ v: T0 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', TimestampLessThan: T0 })({ v: T0 })).toBe(false);
    expect(ruleOf({ Variable: '$.v', TimestampGreaterThan: T0 })({ v: T1 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', TimestampGreaterThanEquals: T1 })({ v: T0 })).toBe(false);
    expect(ruleOf({ Variable: '$.v', TimestampLessThanEquals: T0 })({ v: T1 })).toBe(false);
    expect(ruleOf({ Variable: '$.v', TimestampLessThanEquals: T1 })({ v: T0 })).toBe(true);
  });

  it('are false for non-timestamps', () => {
    const test = ruleOf({ Variable: '$.v', TimestampEquals: T0 });
    for (const v of [null, 0, 1.1, '', ' ', '2023-02-24 12:15:56.832957', [], [''], {}, false, true]) expect(test({ v })).toBe(false);
  });

  it('…Path twins parse both sides', () => {
    expect(ruleOf({ Variable: '$.v', TimestampEqualsPath: '$.w' })({ v: T0, w: T0 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', TimestampGreaterThanPath: '$.w' })({ v: T0, w: T1 })).toBe(false);
    expect(ruleOf({ Variable: '$.v', TimestampLessThanPath: '$.w' })({ v: T1, w: T0 })).toBe(false);
    expect(ruleOf({ Variable: '$.v', TimestampLessThanEqualsPath: '$.w' })({ v: T0, w: T1 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', TimestampGreaterThanEqualsPath: '$.w' })({ v: T1, w: 'soon' })).toBe(false);
  });
});

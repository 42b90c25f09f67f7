/**
 * Timestamps as Choice rules read them.
 *
 * AWS documents Choice timestamps as the RFC 3339 profile of ISO 8601, further restricted
 * to an uppercase `T` between date and time and an uppercase `Z` when there is no numeric
 * offset (e.g. `2016-08-18T17:33:00Z`). So: `YYYY-MM-DDTHH:MM:SS`, an optional fraction
 * of 1–9 digits (AWS accepts nanosecond timestamps, see the Wait case
 * `test_wait_timestamp[NANOSECONDS]`), then `Z` or `±HH:MM` (at most ±18:00). Strings without an offset
 * (`2012-10-09T19:00:55`), with a space instead of `T`, or with impossible fields
 * (`2016-12-05T25:29:29Z`, rejected by AWS in `test_wait_timestamp_invalid[INVALID_TIME]`)
 * are not timestamps.
 *
 * Parsing is hand-written over char codes and writes into a caller-owned record, so the
 * per-evaluation cost is a few integer operations and no allocation.
 */

/** An instant: whole seconds since 1970-01-01T00:00:00Z and nanoseconds within that second. */
export interface TimestampParts {
  seconds: number;
  nanos: number;
}

export function createTimestampParts(): TimestampParts {
  return { seconds: 0, nanos: 0 };
}

const DIGIT_0 = 48;
const SCALE = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

/** Reads `count` decimal digits at `start`; -1 when any of them is not a digit. */
function readDigits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - DIGIT_0;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to the given civil date (proleptic Gregorian calendar). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Parses `text` into `out`; false (and `out` unspecified) when it is not a timestamp. */
export function parseTimestamp(text: string, out: TimestampParts): boolean {
  const length = text.length;
  if (length < 20) return false;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false; // '-'
  if (text.charCodeAt(10) !== 84) return false; // 'T'
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false; // ':'
  const year = readDigits(text, 0, 4);
  const month = readDigits(text, 5, 2);
  const day = readDigits(text, 8, 2);
  const hour = readDigits(text, 11, 2);
  const minute = readDigits(text, 14, 2);
  const second = readDigits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;

  let index = 19;
  let nanos = 0;
  if (text.charCodeAt(index) === 46) {
    // '.' then 1–9 digits
    const start = ++index;
    while (index < length && index - start < 10) {
      const digit = text.charCodeAt(index) - DIGIT_0;
      if (digit < 0 || digit > 9) break;
      nanos = nanos * 10 + digit;
      index++;
    }
    const count = index - start;
    if (count === 0 || count > 9) return false;
    nanos *= SCALE[9 - count] as number;
  }

  let offsetSeconds = 0;
  const designator = text.charCodeAt(index);
  if (designator === 90) {
    // 'Z'
    index++;
  } else if (designator === 43 || designator === 45) {
    // '+' or '-', then HH:MM
    if (index + 6 !== length || text.charCodeAt(index + 3) !== 58) return false;
    const offsetHour = readDigits(text, index + 1, 2);
    const offsetMinute = readDigits(text, index + 4, 2);
    // Offsets are capped at ±18:00 as Java's time API does, like the definition-time check
    // in validate/rfc3339.ts, so that a literal accepted there parses here.
    if (offsetHour < 0 || offsetMinute < 0 || offsetMinute > 59 || offsetHour * 60 + offsetMinute > 18 * 60) return false;
    offsetSeconds = (offsetHour * 3600 + offsetMinute * 60) * (designator === 43 ? 1 : -1);
    index += 6;
  } else {
    return false;
  }
  if (index !== length) return false;

  out.seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds;
  out.nanos = nanos;
  return true;
}

/** -1, 0 or 1 as `a` is before, at, or after `b` (instants: offsets are taken into account). */
export function compareTimestamps(a: TimestampParts, b: TimestampParts): number {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  if (a.nanos !== b.nanos) return a.nanos < b.nanos ? -1 : 1;
  return 0;
}

/** parseOffsetDateTime: the ISO-8601 offset date-times AWS accepts for Wait timestamps. */
import { describe, expect, it } from 'vitest';
import { parseOffsetDateTime } from './timestamp.js';

describe('parseOffsetDateTime', () => {
  it('reads UTC times, with or without seconds and fractions', () => {
    expect(parseOffsetDateTime('2016-08-18T17:33:00Z')).toBe(Date.UTC(2016, 7, 18, 17, 33, 0));
    expect(parseOffsetDateTime('2016-08-18T17:33Z')).toBe(Date.UTC(2016, 7, 18, 17, 33, 0));
    expect(parseOffsetDateTime('2016-08-18T17:33:05.5Z')).toBe(Date.UTC(2016, 7, 18, 17, 33, 5, 500));
    expect(parseOffsetDateTime('2016-08-18T17:33:05.123Z')).toBe(Date.UTC(2016, 7, 18, 17, 33, 5, 123));
  });

  it('keeps milliseconds exact and drops digits beyond them', () => {
    for (let ms = 0; ms < 1000; ms += 37) {
      const fraction = String(ms).padStart(3, '0');
      expect(parseOffsetDateTime(`2024-01-01T00:00:00.${fraction}Z`), fraction).toBe(Date.UTC(2024, 0, 1, 0, 0, 0, ms));
      expect(parseOffsetDateTime(`2024-01-01T00:00:00.${fraction}999999Z`), fraction).toBe(Date.UTC(2024, 0, 1, 0, 0, 0, ms));
    }
  });

  it('applies ±HH:MM offsets', () => {
    const utc = Date.UTC(2024, 5, 1, 12, 0, 0);
    expect(parseOffsetDateTime('2024-06-01T14:00:00+02:00')).toBe(utc);
    expect(parseOffsetDateTime('2024-06-01T06:30:00-05:30')).toBe(utc);
    expect(parseOffsetDateTime('2024-06-01T12:00:00+00:00')).toBe(utc);
    expect(parseOffsetDateTime('2024-06-02T06:00:00+18:00')).toBe(utc);
  });

  it('applies the seconds of a ±HH:MM:SS offset', () => {
    expect(parseOffsetDateTime('2024-06-01T12:00:30+00:00:30')).toBe(Date.UTC(2024, 5, 1, 12, 0, 0));
    expect(parseOffsetDateTime('2024-06-01T11:58:45-00:01:15')).toBe(Date.UTC(2024, 5, 1, 12, 0, 0));
  });

  it('crosses day, month and year boundaries through the offset', () => {
    expect(parseOffsetDateTime('2024-01-01T00:30:00+01:00')).toBe(Date.UTC(2023, 11, 31, 23, 30, 0));
  });

  it('knows leap years', () => {
    expect(parseOffsetDateTime('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseOffsetDateTime('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(parseOffsetDateTime('2023-02-29T00:00:00Z')).toBeUndefined();
    expect(parseOffsetDateTime('1900-02-29T00:00:00Z')).toBeUndefined();
  });

  it('reads years before 100 as themselves', () => {
    const expected = new Date(0);
    expected.setUTCFullYear(50, 0, 1);
    expect(parseOffsetDateTime('0050-01-01T00:00:00Z')).toBe(expected.getTime());
  });

  it('refuses impossible dates and times', () => {
    for (const text of [
      '2024-00-10T00:00:00Z',
      '2024-13-10T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-01-00T00:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T23:60:00Z',
      '2024-01-01T23:59:60Z',
      '2024-01-01T00:00:00+19:00',
      '2024-01-01T00:00:00+18:01',
      '2024-01-01T00:00:00+01:60',
    ]) {
      expect(parseOffsetDateTime(text), text).toBeUndefined();
    }
  });

  it('refuses text that is not an offset date-time', () => {
    for (const text of [
      '',
      'now',
      '2024-01-01',
      '2024-01-01T00:00:00',
      '2024-01-01T00:00:00.000000',
      '2024-01-01 00:00:00Z',
      '05-12-2016T21:29:29Z',
      '2024-1-01T00:00:00Z',
      '2024-01-01T00:00:00.Z',
      '2024-01-01T00:00:00.1234567890Z',
      '2024-01-01T00:00:00+0100',
      '2024-01-01T00:00:00+01',
      ' 2024-01-01T00:00:00Z',
      '2024-01-01T00:00:00Z ',
    ]) {
      expect(parseOffsetDateTime(text), text).toBeUndefined();
    }
  });
});

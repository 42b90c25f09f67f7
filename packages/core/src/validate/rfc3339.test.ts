import { describe, expect, it } from 'vitest';
import { isRfc3339Timestamp } from './rfc3339.js';

describe('isRfc3339Timestamp', () => {
  it('accepts what AWS accepted', () => {
    expect(isRfc3339Timestamp('2016-03-14T01:59:00Z')).toBe(true);
    expect(isRfc3339Timestamp('2016-03-05T21:29:29.243167252Z')).toBe(true);
  });

  it('refuses what AWS refused', () => {
    expect(isRfc3339Timestamp('05-12-2016T21:29:29Z')).toBe(false);
    expect(isRfc3339Timestamp('2016-12-05T25:29:29Z')).toBe(false);
    expect(isRfc3339Timestamp('2016-12-05 21:29:29Z')).toBe(false);
    expect(isRfc3339Timestamp("{% '2016-03-14T01:59:00Z' %}")).toBe(false);
  });

  it('accepts numeric offsets', () => {
    expect(isRfc3339Timestamp('2016-03-14T01:59:00+05:30')).toBe(true);
    expect(isRfc3339Timestamp('2016-03-14T01:59:00-18:00')).toBe(true);
  });

  it('needs uppercase T and Z, seconds, and a zone', () => {
    expect(isRfc3339Timestamp('2016-03-14t01:59:00Z')).toBe(false);
    expect(isRfc3339Timestamp('2016-03-14T01:59:00z')).toBe(false);
    expect(isRfc3339Timestamp('2016-03-14T01:59Z')).toBe(false);
    expect(isRfc3339Timestamp('2016-03-14T01:59:00')).toBe(false);
  });

  it('checks calendar ranges, leap years included', () => {
    expect(isRfc3339Timestamp('2016-02-29T00:00:00Z')).toBe(true);
    expect(isRfc3339Timestamp('2015-02-29T00:00:00Z')).toBe(false);
    expect(isRfc3339Timestamp('1900-02-29T00:00:00Z')).toBe(false);
    expect(isRfc3339Timestamp('2000-02-29T00:00:00Z')).toBe(true);
    expect(isRfc3339Timestamp('2016-04-31T00:00:00Z')).toBe(false);
    expect(isRfc3339Timestamp('2016-13-01T00:00:00Z')).toBe(false);
    expect(isRfc3339Timestamp('2016-00-01T00:00:00Z')).toBe(false);
    expect(isRfc3339Timestamp('2016-01-01T00:60:00Z')).toBe(false);
    expect(isRfc3339Timestamp('2016-01-01T00:00:60Z')).toBe(false);
    expect(isRfc3339Timestamp('2016-01-01T00:00:00+19:00')).toBe(false);
  });

  it('caps fractions at nine digits', () => {
    expect(isRfc3339Timestamp('2016-01-01T00:00:00.1234567890Z')).toBe(false);
    expect(isRfc3339Timestamp('2016-01-01T00:00:00.Z')).toBe(false);
  });
});

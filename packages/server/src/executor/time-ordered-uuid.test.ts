import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from './time-ordered-uuid.js';

describe('timeOrderedUuid', () => {
  it('is a version 7 UUID of the RFC 9562 variant', () => {
    expect(timeOrderedUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('starts with the time in milliseconds', () => {
    const now = Date.UTC(2026, 10, 28, 3, 0, 0, 123);
    const uuid = timeOrderedUuid(now);
    expect(Number.parseInt(uuid.slice(0, 8) + uuid.slice(9, 13), 16)).toBe(now);
  });

  it('sorts by creation time across milliseconds and differs within one', () => {
    const earlier = timeOrderedUuid(1_000);
    const later = timeOrderedUuid(1_001);
    expect(earlier < later).toBe(true);
    expect(timeOrderedUuid(5)).not.toBe(timeOrderedUuid(5));
  });
});

/** randomUuid: version 4 UUIDs drawn from the execution's randomness. */
import { describe, expect, it } from 'vitest';
import { randomUuid } from './ids.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Returns the given values in turn, forever. */
function sequence(...values: number[]): () => number {
  let index = 0;
  return () => values[index++ % values.length] as number;
}

describe('randomUuid', () => {
  it('has the version 4 shape, whatever the randomness', () => {
    for (const value of [0, 0.1, 0.25, 0.5, 0.75, 0.999999999]) expect(randomUuid(() => value), String(value)).toMatch(V4);
    for (let i = 0; i < 200; i++) expect(randomUuid(Math.random)).toMatch(V4);
  });

  it('sets the version and variant bits and keeps every other bit from the randomness', () => {
    expect(randomUuid(() => 0)).toBe('00000000-0000-4000-8000-000000000000');
    expect(randomUuid(() => 0.9999999999)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('uses four 32-bit words, in order', () => {
    const words = [0x01234567, 0x89abcdef, 0x0badcafe, 0xdeadbeef].map((word) => word / 0x100000000);
    expect(randomUuid(sequence(...words))).toBe('01234567-89ab-4def-8bad-cafedeadbeef');
  });

  it('is repeatable with the same randomness and differs with other randomness', () => {
    expect(randomUuid(sequence(0.1, 0.2, 0.3, 0.4))).toBe(randomUuid(sequence(0.1, 0.2, 0.3, 0.4)));
    expect(randomUuid(sequence(0.1, 0.2, 0.3, 0.4))).not.toBe(randomUuid(sequence(0.1, 0.2, 0.3, 0.5)));
  });

  it('draws exactly four numbers', () => {
    let calls = 0;
    randomUuid(() => {
      calls++;
      return 0.5;
    });
    expect(calls).toBe(4);
  });
});

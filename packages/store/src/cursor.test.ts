import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageLimit, toPage } from './cursor.js';
import { InvalidCursorError } from './store.js';

describe('cursors', () => {
  it('round-trips a keyset as an opaque base64url string', () => {
    const cursor = encodeCursor('machines', ['name with ✓ and "quotes"', 'arn:x']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('machines', cursor)).toStrictEqual(['name with ✓ and "quotes"', 'arn:x']);
    expect(decodeCursor('executions', encodeCursor('executions', [1_700_000_000_000, 42]))).toStrictEqual([
      1_700_000_000_000, 42,
    ]);
  });

  it('rejects a cursor of another listing, a wrong shape or garbage', () => {
    const history = encodeCursor('history', [3]);
    expect(() => decodeCursor('reverseHistory', history)).toThrow(InvalidCursorError);
    expect(() => decodeCursor('versions', history)).toThrow(InvalidCursorError);
    const encoded = (text: string): string => Buffer.from(text).toString('base64url');
    for (const bad of ['', '!!', 'eyJ', encoded('[]'), encoded('["versions","1"]'), encoded('["versions",1e300]')]) {
      expect(() => decodeCursor('versions', bad), bad).toThrow(InvalidCursorError);
    }
  });

  it('pages rows fetched one beyond the limit', () => {
    const rows = [1, 2, 3];
    expect(toPage(rows, 3, 'versions', (n) => [n], String)).toStrictEqual({ items: ['1', '2', '3'] });
    const page = toPage(rows, 2, 'versions', (n) => [n], String);
    expect(page.items).toStrictEqual(['1', '2']);
    expect(decodeCursor('versions', page.nextCursor ?? '')).toStrictEqual([2]);
  });

  it('bounds the limit', () => {
    expect(pageLimit(0)).toBe(1);
    expect(pageLimit(Number.NaN)).toBe(1);
    expect(pageLimit(2.7)).toBe(2);
    expect(pageLimit(1e9)).toBe(10_000);
  });
});

/**
 * Page cursors: base64url of a JSON array `[listing, ...keyset]`, where the keyset is the
 * sort key of the last item returned. A keyset cursor stays valid while rows are inserted or
 * deleted (no offsets to drift), and the listing tag makes a cursor from one listing fail in
 * another instead of silently starting somewhere odd.
 */
import { InvalidCursorError } from './store.js';

/** The listings and their keysets. */
interface Keysets {
  machines: [name: string, arn: string];
  activities: [name: string, arn: string];
  versions: [number: number];
  aliases: [ord: number];
  executions: [startDate: number, id: number];
  history: [eventId: number];
  reverseHistory: [eventId: number];
}

export type Listing = keyof Keysets;
export type Keyset<L extends Listing> = Keysets[L];

/** The keyset member types, checked when a cursor comes back. */
const shapes: { readonly [L in Listing]: readonly ('string' | 'number')[] } = {
  machines: ['string', 'string'],
  activities: ['string', 'string'],
  versions: ['number'],
  aliases: ['number'],
  executions: ['number', 'number'],
  history: ['number'],
  reverseHistory: ['number'],
};

export function encodeCursor<L extends Listing>(listing: L, keyset: Keyset<L>): string {
  return Buffer.from(JSON.stringify([listing, ...keyset]), 'utf8').toString('base64url');
}

/** The keyset of a cursor issued for `listing`; InvalidCursorError for anything else. */
export function decodeCursor<L extends Listing>(listing: L, cursor: string): Keyset<L> {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const types = shapes[listing];
  if (!Array.isArray(parsed) || parsed.length !== types.length + 1 || parsed[0] !== listing) {
    throw new InvalidCursorError();
  }
  const keyset = parsed.slice(1);
  types.forEach((type, index) => {
    const value: unknown = keyset[index];
    const valid = type === 'number' ? Number.isSafeInteger(value) : typeof value === 'string';
    if (!valid) throw new InvalidCursorError();
  });
  return keyset as Keyset<L>;
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only proves there is more, and
 * the cursor is the keyset of the last row kept.
 */
export function toPage<R, T, L extends Listing>(
  rows: readonly R[],
  limit: number,
  listing: L,
  keysetOf: (row: R) => Keyset<L>,
  toItem: (row: R) => T,
): { items: T[]; nextCursor?: string } {
  const kept = rows.slice(0, limit);
  const items = kept.map(toItem);
  const last = kept[kept.length - 1];
  if (rows.length <= limit || last === undefined) return { items };
  return { items, nextCursor: encodeCursor(listing, keysetOf(last)) };
}

/** Bounds one query's memory whatever the caller asks; the API never asks beyond 1000. */
const maxPageLimit = 10_000;

/** How many rows a page request may return: at least one, whatever the caller passed. */
export function pageLimit(limit: number): number {
  if (!(limit >= 1)) return 1;
  return Math.min(Math.floor(limit), maxPageLimit);
}

/**
 * How history is stored: the events one call hands over (an insert, a completion, an
 * append) become one row holding them as a JSON array, sorted by id, with the first and the
 * last id beside it. A synchronous execution's dozen events are then one row and one string
 * instead of a dozen of each, which is most of what recording it costs.
 *
 * Invariant: the id ranges [first, last] of one execution's chunks never overlap, so that
 * ordering chunks by `first` orders their events, and one id is in at most one chunk. A
 * write whose range overlaps stored chunks (events appended out of order, or an id written
 * twice) is the rare case: the overlapping events are merged and split again, or the write is
 * refused if an id repeats.
 *
 * A very long batch is split, so that reading one page never parses an unbounded row.
 */
import { DuplicateEventError, type StoredHistoryEvent } from './store.js';

export interface HistoryChunk {
  readonly first: number;
  readonly last: number;
  /** Sorted by id. */
  readonly events: readonly StoredHistoryEvent[];
  /** The events as a JSON array, as stored. */
  readonly text: string;
}

/** At most this many events in one chunk… */
export const maxChunkEvents = 128;
/** …and no more JSON text than this, unless a single event is longer. */
export const maxChunkChars = 64 * 1024;

/**
 * The chunks for one call's events. Throws DuplicateEventError if an id repeats within
 * them, and a TypeError for an id that is not an integer (the column is an integer).
 */
export function toChunks(events: readonly StoredHistoryEvent[]): HistoryChunk[] {
  if (events.length === 0) return [];
  let sorted = true;
  let previous = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    if (!Number.isSafeInteger(event.id)) throw new TypeError(`History event id is not an integer: ${String(event.id)}`);
    if (event.id <= previous) sorted = false;
    previous = event.id;
  }
  const ordered = sorted ? events : [...events].sort((a, b) => a.id - b.id);
  if (!sorted) {
    for (let index = 1; index < ordered.length; index += 1) {
      const id = ordered[index]?.id;
      if (id === ordered[index - 1]?.id) throw new DuplicateEventError(id ?? 0);
    }
  }
  return split(ordered);
}

function split(ordered: readonly StoredHistoryEvent[]): HistoryChunk[] {
  // The usual batch is one chunk: one JSON.stringify of the array costs about two thirds of
  // one per event.
  if (ordered.length <= maxChunkEvents) {
    const text = JSON.stringify(ordered);
    const first = ordered[0];
    const last = ordered[ordered.length - 1];
    if (first === undefined || last === undefined) return [];
    if (text.length <= maxChunkChars) return [{ first: first.id, last: last.id, events: ordered, text }];
  }
  const chunks: HistoryChunk[] = [];
  let start = 0;
  let parts: string[] = [];
  let chars = 0;
  const close = (end: number): void => {
    const events = ordered.slice(start, end);
    const first = events[0];
    const last = events[events.length - 1];
    if (first === undefined || last === undefined) return;
    chunks.push({ first: first.id, last: last.id, events, text: `[${parts.join(',')}]` });
    start = end;
    parts = [];
    chars = 0;
  };
  ordered.forEach((event, index) => {
    const text = JSON.stringify(event);
    if (parts.length > 0 && (parts.length >= maxChunkEvents || chars + text.length > maxChunkChars)) close(index);
    parts.push(text);
    chars += text.length;
  });
  close(ordered.length);
  return chunks;
}

export function parseChunk(text: string): StoredHistoryEvent[] {
  return JSON.parse(text) as StoredHistoryEvent[];
}

/**
 * Merges chunks of one execution into chunks again, sorted and split as toChunks would;
 * throws DuplicateEventError if an id is in two of them.
 */
export function mergeChunks(chunks: readonly HistoryChunk[]): HistoryChunk[] {
  const events = chunks.flatMap((chunk) => chunk.events).sort((a, b) => a.id - b.id);
  for (let index = 1; index < events.length; index += 1) {
    const id = events[index]?.id;
    if (id === events[index - 1]?.id) throw new DuplicateEventError(id ?? 0);
  }
  return split(events);
}

/** A stored chunk read back, for merging. */
export function chunkFromText(text: string): HistoryChunk {
  const events = parseChunk(text);
  return { first: events[0]?.id ?? 0, last: events[events.length - 1]?.id ?? 0, events, text };
}

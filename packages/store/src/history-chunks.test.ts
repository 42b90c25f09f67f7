import { describe, expect, it } from 'vitest';
import { chunkFromText, maxChunkChars, maxChunkEvents, mergeChunks, parseChunk, toChunks } from './history-chunks.js';
import { DuplicateEventError, type StoredHistoryEvent } from './store.js';

function event(id: number, size = 10): StoredHistoryEvent {
  return { id, type: 'PassStateEntered', details: { input: 'x'.repeat(size) } };
}

function ids(events: readonly StoredHistoryEvent[]): number[] {
  return events.map((e) => e.id);
}

describe('history chunks', () => {
  it('makes one chunk of a usual batch, sorted, its text the JSON array', () => {
    const [chunk, ...rest] = toChunks([event(3), event(1), event(2)]);
    expect(rest).toStrictEqual([]);
    expect(chunk?.first).toBe(1);
    expect(chunk?.last).toBe(3);
    expect(parseChunk(chunk?.text ?? '')).toStrictEqual([event(1), event(2), event(3)]);
    expect(toChunks([])).toStrictEqual([]);
  });

  it('splits a batch by event count and by text length, keeping every event once', () => {
    const many = Array.from({ length: maxChunkEvents * 2 + 5 }, (_, i) => event(i + 1));
    const byCount = toChunks(many);
    expect(byCount.map((c) => c.events.length)).toStrictEqual([maxChunkEvents, maxChunkEvents, 5]);
    expect(byCount.flatMap((c) => parseChunk(c.text))).toStrictEqual(many);

    const large = [event(1, maxChunkChars / 2), event(2, maxChunkChars / 2), event(3, maxChunkChars * 2), event(4)];
    const byLength = toChunks(large);
    expect(byLength.map((c) => ids(c.events))).toStrictEqual([[1], [2], [3], [4]]);
    expect(byLength.every((c) => c.first === c.last)).toBe(true);
  });

  it('refuses a repeated id and an id that is not an integer', () => {
    expect(() => toChunks([event(1), event(2), event(1)])).toThrow(DuplicateEventError);
    expect(() => toChunks([event(1.5)])).toThrow(TypeError);
    expect(() => toChunks([{ id: '1' } as unknown as StoredHistoryEvent])).toThrow(TypeError);
  });

  it('merges chunks into sorted chunks, refusing an id present in two', () => {
    const stored = chunkFromText(JSON.stringify([event(1), event(4)]));
    expect(stored.first).toBe(1);
    expect(stored.last).toBe(4);
    const merged = mergeChunks([stored, ...toChunks([event(3), event(2)])]);
    expect(merged.flatMap((c) => parseChunk(c.text))).toStrictEqual([event(1), event(2), event(3), event(4)]);
    expect(() => mergeChunks([stored, ...toChunks([event(4)])])).toThrow(DuplicateEventError);
  });
});

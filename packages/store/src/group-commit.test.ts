import { describe, expect, it } from 'vitest';
import { createGroupCommit, type Outcome } from './group-commit.js';

/** A commit function that records its batches and commits when told to. */
function recorder() {
  const batches: number[][] = [];
  let release: (() => void) | undefined;
  let hold = false;
  const commit = async (writes: readonly number[]): Promise<Outcome<number>[]> => {
    batches.push([...writes]);
    if (hold) await new Promise<void>((resolve) => (release = resolve));
    return writes.map((value) =>
      value < 0 ? { kind: 'failed', error: new Error(`bad ${value}`) } : { kind: 'committed', value: value * 10 },
    );
  };
  return {
    batches,
    commit,
    holdCommits: () => (hold = true),
    releaseCommit: () => {
      hold = false;
      release?.();
    },
  };
}

describe('group commit', () => {
  it('commits the writes of one event-loop turn together, in order', async () => {
    const r = recorder();
    const group = createGroupCommit(r.commit);
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => group.submit(i)));
    expect(results).toStrictEqual(Array.from({ length: 300 }, (_, i) => i * 10));
    expect(r.batches).toHaveLength(1);
    expect(r.batches[0]).toStrictEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('settles a write only after its batch committed', async () => {
    const r = recorder();
    r.holdCommits();
    const group = createGroupCommit(r.commit);
    let settled = false;
    const write = group.submit(1).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(r.batches).toHaveLength(1);
    expect(settled).toBe(false);
    r.releaseCommit();
    await write;
    expect(settled).toBe(true);
  });

  it('queues writes made during a commit as the next batch', async () => {
    const r = recorder();
    r.holdCommits();
    const group = createGroupCommit(r.commit);
    const first = group.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [group.submit(2), group.submit(3)];
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(r.batches).toStrictEqual([[1]]);
    r.releaseCommit();
    expect(await Promise.all([first, ...later])).toStrictEqual([10, 20, 30]);
    expect(r.batches).toStrictEqual([[1], [2, 3]]);
  });

  it('splits a large queue at maxBatch', async () => {
    const r = recorder();
    const group = createGroupCommit(r.commit, { maxBatch: 4 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => group.submit(i)));
    expect(r.batches.map((batch) => batch.length)).toStrictEqual([4, 4, 2]);
  });

  it('waits for the window before committing, gathering writes from several turns', async () => {
    const r = recorder();
    const group = createGroupCommit(r.commit, { windowMs: 20 });
    const first = group.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const second = group.submit(2);
    await Promise.all([first, second]);
    expect(r.batches).toStrictEqual([[1, 2]]);
  });

  it('fails a write alone when its outcome failed, and the whole batch when the commit threw', async () => {
    const r = recorder();
    const group = createGroupCommit(r.commit);
    const settled = await Promise.allSettled([group.submit(1), group.submit(-1), group.submit(2)]);
    expect(settled.map((s) => s.status)).toStrictEqual(['fulfilled', 'rejected', 'fulfilled']);

    const broken = createGroupCommit<number, number>(async () => {
      throw new Error('disk full');
    });
    const all = await Promise.allSettled([broken.submit(1), broken.submit(2)]);
    expect(all).toStrictEqual([
      { status: 'rejected', reason: new Error('disk full') },
      { status: 'rejected', reason: new Error('disk full') },
    ]);
  });

  it('drains: resolves once everything submitted has settled', async () => {
    const r = recorder();
    const group = createGroupCommit(r.commit, { windowMs: 5 });
    const settled: number[] = [];
    for (let i = 0; i < 5; i += 1) void group.submit(i).then((value) => settled.push(value));
    await group.drain();
    expect(settled).toHaveLength(5);
    await group.drain();
  });
});

/** The system clock's long timers and the simulated clock the tests run on. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulatedClock, systemClock } from './index.js';
import { sleep } from './clock.js';

describe('createSimulatedClock', () => {
  it('starts at the given time (2026-01-01 by default) and stands still without timers', async () => {
    expect(createSimulatedClock().now()).toBe(Date.UTC(2026, 0, 1));
    const clock = createSimulatedClock(1000);
    expect(clock.now()).toBe(1000);
    await Promise.resolve();
    expect(clock.now()).toBe(1000);
    expect(clock.pending()).toBe(0);
  });

  it('jumps straight to each due timer, in due order', async () => {
    const clock = createSimulatedClock(0);
    const fired: [string, number][] = [];
    clock.setTimer(3000, () => fired.push(['c', clock.now()]));
    clock.setTimer(1000, () => fired.push(['a', clock.now()]));
    clock.setTimer(2000, () => fired.push(['b', clock.now()]));
    expect(clock.pending()).toBe(3);
    await sleep(clock, 5000);
    expect(fired).toEqual([
      ['a', 1000],
      ['b', 2000],
      ['c', 3000],
    ]);
    expect(clock.now()).toBe(5000);
    expect(clock.pending()).toBe(0);
  });

  it('fires timers due at the same time in the order they were set', async () => {
    const clock = createSimulatedClock(0);
    const fired: number[] = [];
    for (const label of [1, 2, 3]) clock.setTimer(500, () => fired.push(label));
    clock.setTimer(0, () => fired.push(0));
    await sleep(clock, 500);
    expect(fired).toEqual([0, 1, 2, 3]);
  });

  it('overlaps concurrent waits as real time would', async () => {
    const clock = createSimulatedClock(0);
    await Promise.all([sleep(clock, 5000), sleep(clock, 5000), sleep(clock, 2000)]);
    expect(clock.now()).toBe(5000);
  });

  it('lets a waiter set its next timer before time moves on', async () => {
    const clock = createSimulatedClock(0);
    const times: number[] = [];
    const loop = async (): Promise<void> => {
      for (let i = 0; i < 3; i++) {
        await sleep(clock, 1000);
        times.push(clock.now());
      }
    };
    await Promise.all([loop(), sleep(clock, 2500).then(() => times.push(-clock.now()))]);
    expect(times).toEqual([1000, 2000, -2500, 3000]);
  });

  it('a cancelled timer never fires and no longer counts as pending', async () => {
    const clock = createSimulatedClock(0);
    let fired = false;
    const cancel = clock.setTimer(1000, () => {
      fired = true;
    });
    expect(clock.pending()).toBe(1);
    cancel();
    cancel();
    expect(clock.pending()).toBe(0);
    await sleep(clock, 2000);
    expect(fired).toBe(false);
  });

  it('treats a negative delay as zero and never goes back in time', async () => {
    const clock = createSimulatedClock(10_000);
    await sleep(clock, -5000);
    expect(clock.now()).toBe(10_000);
  });
});

describe('systemClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads Date.now()', () => {
    vi.useFakeTimers({ now: 123_456 });
    expect(systemClock.now()).toBe(123_456);
  });

  it('fires a timer after its delay, and not when cancelled', async () => {
    vi.useFakeTimers();
    let fired = 0;
    systemClock.setTimer(1000, () => fired++);
    const cancel = systemClock.setTimer(1000, () => fired++);
    cancel();
    await vi.advanceTimersByTimeAsync(999);
    expect(fired).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fired).toBe(1);
  });

  it('waits the whole delay of timers longer than setTimeout allows (2^31-1 ms)', async () => {
    vi.useFakeTimers();
    const long = 99_999_999 * 1000;
    let fired = false;
    systemClock.setTimer(long, () => {
      fired = true;
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(fired).toBe(false);
    await vi.advanceTimersByTimeAsync(2 ** 31);
    expect(fired).toBe(false);
    await vi.advanceTimersByTimeAsync(long - 10 - 2 ** 31 - 1);
    expect(fired).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(fired).toBe(true);
  });

  it('cancels a long timer after it was re-armed', async () => {
    vi.useFakeTimers();
    let fired = false;
    const cancel = systemClock.setTimer(3 * 2 ** 31, () => {
      fired = true;
    });
    await vi.advanceTimersByTimeAsync(2 ** 31 + 5);
    cancel();
    await vi.advanceTimersByTimeAsync(3 * 2 ** 31);
    expect(fired).toBe(false);
  });
});

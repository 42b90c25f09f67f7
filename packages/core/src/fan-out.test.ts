/** fanOut: the concurrency of Parallel branches and Map iterations. */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock } from './index.js';
import type { Json, SimulatedClock } from './index.js';
import { sleep } from './clock.js';
import { fanOut } from './fan-out.js';

/** Units that each wait `durations[i]` ms of simulated time and record how many run at once. */
function timedUnits(clock: SimulatedClock, durations: readonly number[]) {
  let inFlight = 0;
  let maxInFlight = 0;
  const starts: number[] = [];
  const start = async (index: number): Promise<Json> => {
    starts[index] = clock.now();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await sleep(clock, durations[index] as number);
    inFlight--;
    return index;
  };
  return { start, starts, maxInFlight: () => maxInFlight };
}

describe('fanOut', () => {
  it('returns synchronous results synchronously, in order', () => {
    const results = fanOut(4, 0, (index) => index * 10);
    expect(results).toEqual([0, 10, 20, 30]);
  });

  it('returns [] for no units', () => {
    expect(fanOut(0, 0, () => 1)).toEqual([]);
  });

  it('keeps the units’ order whatever order they finish in', async () => {
    const clock = createSimulatedClock(0);
    const units = timedUnits(clock, [300, 100, 200]);
    expect(await fanOut(3, 0, units.start)).toEqual([0, 1, 2]);
  });

  it('limit 0 runs every unit at once', async () => {
    const clock = createSimulatedClock(0);
    const units = timedUnits(clock, [100, 100, 100, 100, 100]);
    await fanOut(5, 0, units.start);
    expect(units.maxInFlight()).toBe(5);
    expect(clock.now()).toBe(100);
  });

  it('limit 1 runs the units one after the other', async () => {
    const clock = createSimulatedClock(0);
    const units = timedUnits(clock, [100, 100, 100]);
    await fanOut(3, 1, units.start);
    expect(units.maxInFlight()).toBe(1);
    expect(units.starts).toEqual([0, 100, 200]);
  });

  it('a limit starts the next unit as soon as a slot frees up', async () => {
    const clock = createSimulatedClock(0);
    const units = timedUnits(clock, [300, 100, 100, 100]);
    await fanOut(4, 2, units.start);
    expect(units.maxInFlight()).toBe(2);
    expect(units.starts).toEqual([0, 0, 100, 200]);
    expect(clock.now()).toBe(300);
  });

  it('mixes synchronous and asynchronous units', async () => {
    const clock = createSimulatedClock(0);
    const results = await fanOut(4, 2, (index) => (index % 2 === 0 ? index : sleep(clock, 10).then(() => -index)));
    expect(results).toEqual([0, -1, 2, -3]);
  });

  it('a synchronous failure is thrown at once', () => {
    const started: number[] = [];
    expect(() =>
      fanOut(3, 0, (index) => {
        started.push(index);
        if (index === 1) throw new Error('unit 1');
        return index;
      }),
    ).toThrow('unit 1');
    expect(started).toEqual([0, 1]);
  });

  it('the first asynchronous failure rejects at once, without waiting for the others', async () => {
    const clock = createSimulatedClock(0);
    const failing = fanOut(3, 0, async (index) => {
      await sleep(clock, index === 1 ? 10 : 1000);
      if (index === 1) throw new Error('unit 1');
      return index;
    });
    await expect(failing).rejects.toThrow('unit 1');
    expect(clock.now()).toBe(10);
  });

  it('starts no more units after a failure', async () => {
    const clock = createSimulatedClock(0);
    const started: number[] = [];
    const failing = fanOut(5, 1, async (index) => {
      started.push(index);
      await sleep(clock, 10);
      if (index === 1) throw new Error('unit 1');
      return index;
    });
    await expect(failing).rejects.toThrow('unit 1');
    await sleep(clock, 100);
    expect(started).toEqual([0, 1]);
  });

  it('a tolerated failure takes the unit’s place in the results', async () => {
    const clock = createSimulatedClock(0);
    const results = await fanOut(
      3,
      0,
      async (index) => {
        await sleep(clock, 10);
        if (index !== 1) throw new Error(`unit ${index}`);
        return index;
      },
      (_index, error) => ({ failed: (error as Error).message }),
    );
    expect(results).toEqual([{ failed: 'unit 0' }, 1, { failed: 'unit 2' }]);
  });

  it('a synchronous failure can be tolerated too', () => {
    const results = fanOut(
      2,
      0,
      (index) => {
        if (index === 0) throw new Error('sync');
        return index;
      },
      () => 'tolerated',
    );
    expect(results).toEqual(['tolerated', 1]);
  });

  it('a failure the caller does not tolerate rejects with that failure', async () => {
    const clock = createSimulatedClock(0);
    const seen: number[] = [];
    const failing = fanOut(
      3,
      1,
      async (index) => {
        await sleep(clock, 10);
        throw new Error(`unit ${index}`);
      },
      (index) => {
        seen.push(index);
        return index < 1 ? 'ok' : undefined;
      },
    );
    await expect(failing).rejects.toThrow('unit 1');
    expect(seen).toEqual([0, 1]);
  });
});

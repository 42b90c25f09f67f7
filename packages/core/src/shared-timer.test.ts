/** SharedTimer: one clock timer for every waiter due at the same instant. */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock, systemClock } from './index.js';
import { SharedTimer } from './shared-timer.js';
import { StopScope } from './stop-scope.js';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('SharedTimer', () => {
  it('is one timer per due time, waking its waiters in the order they joined', async () => {
    const clock = createSimulatedClock(0);
    const woken: string[] = [];
    const waiter = (name: string) => ({ wake: () => woken.push(`${name}@${clock.now()}`) });
    const first = SharedTimer.dueIn(clock, 100);
    first.join(waiter('a'));
    expect(SharedTimer.dueIn(clock, 100)).toBe(first);
    first.join(waiter('b'));
    SharedTimer.dueIn(clock, 50).join(waiter('c'));
    expect(clock.pending()).toBe(2);
    await new Promise<void>((resolve) => clock.setTimer(200, resolve));
    expect(woken).toEqual(['c@50', 'a@100', 'b@100']);
    expect(clock.pending()).toBe(0);
  });

  it('is cancelled when its last waiter leaves, and only then', async () => {
    const clock = createSimulatedClock(0);
    const woken: string[] = [];
    const timer = SharedTimer.dueIn(clock, 100);
    const a = timer.join({ wake: () => woken.push('a') });
    const b = timer.join({ wake: () => woken.push('b') });
    timer.leave(a);
    timer.leave(a);
    expect(clock.pending()).toBe(1);
    timer.leave(b);
    expect(clock.pending()).toBe(0);
    // A new waiter due at the same time gets a new timer.
    const again = SharedTimer.dueIn(clock, 100);
    expect(again).not.toBe(timer);
    again.join({ wake: () => woken.push('c') });
    await new Promise<void>((resolve) => clock.setTimer(150, resolve));
    expect(woken).toEqual(['c']);
  });

  it('once fired, is no longer joined', async () => {
    const clock = createSimulatedClock(0);
    const woken: string[] = [];
    const timer = SharedTimer.dueIn(clock, 10);
    timer.join({
      wake: () => {
        woken.push('first');
        // Due now, while the timer wakes its waiters: a timer of its own.
        const next = SharedTimer.dueIn(clock, 0);
        expect(next).not.toBe(timer);
        next.join({ wake: () => woken.push('second') });
      },
    });
    await new Promise<void>((resolve) => clock.setTimer(20, resolve));
    expect(woken).toEqual(['first', 'second']);
  });
});

describe('sleeps of top-level scopes on the real clock', () => {
  it('share a timer, wake with their values, and a stopped one leaves it', async () => {
    const scopes = [new StopScope(), new StopScope(), new StopScope()];
    const sleeps = scopes.map((scope, index) => scope.sleep(systemClock, 30, index));
    scopes[1]?.stop('stopped');
    await expect(sleeps[1]).rejects.toBe('stopped');
    expect(await Promise.all([sleeps[0], sleeps[2]])).toEqual([0, 2]);
  });

  it('stopping every one cancels the timer (nothing keeps the process waiting)', async () => {
    const scope = new StopScope();
    const started = Date.now();
    const sleeping = scope.sleep(systemClock, 60_000);
    scope.stop('gone');
    await expect(sleeping).rejects.toBe('gone');
    await settle();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

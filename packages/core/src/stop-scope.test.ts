/** StopScope: cancellation of a thread of control and everything under it. */
import { describe, expect, it } from 'vitest';
import { createSimulatedClock } from './index.js';
import { ExecutionStopped, StopScope } from './stop-scope.js';

describe('StopScope', () => {
  it('starts running and remembers the first stop reason', () => {
    const scope = new StopScope();
    expect(scope.stopped).toBe(false);
    expect(scope.stopReason).toBeUndefined();
    const first = new ExecutionStopped('TIMED_OUT');
    scope.stop(first);
    scope.stop(new ExecutionStopped('ABORTED'));
    expect(scope.stopped).toBe(true);
    expect(scope.stopReason).toBe(first);
  });

  it('a stopped parent stops its children, not the other way round', () => {
    const parent = new StopScope();
    const child = new StopScope(parent);
    const grandchild = new StopScope(child);
    grandchild.stop('own');
    expect(child.stopped).toBe(false);
    parent.stop('parent');
    expect(child.stopped).toBe(true);
    expect(child.stopReason).toBe('parent');
    expect(grandchild.stopReason).toBe('own');
  });

  it('calls every stop listener once, with the reason, including through parents', () => {
    const parent = new StopScope();
    const child = new StopScope(parent);
    const heard: string[] = [];
    child.onStop((reason) => heard.push(`a:${String(reason)}`));
    child.onStop((reason) => heard.push(`b:${String(reason)}`));
    const unsubscribe = child.onStop((reason) => heard.push(`c:${String(reason)}`));
    unsubscribe();
    parent.stop('why');
    parent.stop('again');
    expect(heard).toEqual(['a:why', 'b:why']);
  });

  it('a listener added after the stop is called at once', () => {
    const scope = new StopScope();
    scope.stop('done');
    const heard: unknown[] = [];
    scope.onStop((reason) => heard.push(reason));
    expect(heard).toEqual(['done']);
  });

  it('a released child no longer hears its parent', () => {
    const parent = new StopScope();
    const child = new StopScope(parent);
    const heard: unknown[] = [];
    child.onStop((reason) => heard.push(reason));
    child.release();
    parent.stop('late');
    expect(heard).toEqual([]);
  });

  it('signal is aborted with the stop reason, also when made after the stop', () => {
    const scope = new StopScope();
    const signal = scope.signal;
    expect(signal.aborted).toBe(false);
    scope.stop('reason');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('reason');
    const stopped = new StopScope();
    stopped.stop('early');
    expect(stopped.signal.reason).toBe('early');
    expect(scope.signal).toBe(signal);
  });

  it('stopPending stops only a scope that something waits on', () => {
    const idle = new StopScope();
    let made = 0;
    idle.stopPending(() => ++made);
    expect(idle.stopped).toBe(false);
    expect(made).toBe(0);
    const busy = new StopScope();
    busy.onStop(() => undefined);
    busy.stopPending(() => 'stop');
    expect(busy.stopped).toBe(true);
    expect(busy.stopReason).toBe('stop');
  });

  describe('sleep', () => {
    it('resolves after the clock’s time and leaves no listener behind', async () => {
      const clock = createSimulatedClock(0);
      const scope = new StopScope();
      await scope.sleep(clock, 1500);
      expect(clock.now()).toBe(1500);
      let stopped = false;
      scope.stopPending(() => {
        stopped = true;
        return 'x';
      });
      expect(stopped).toBe(false);
    });

    it('rejects with the stop reason and cancels its timer', async () => {
      const clock = createSimulatedClock(0);
      const parent = new StopScope();
      const scope = new StopScope(parent);
      const sleeping = scope.sleep(clock, 60_000);
      clock.setTimer(2000, () => parent.stop(new ExecutionStopped('ABORTED')));
      await expect(sleeping).rejects.toEqual(new ExecutionStopped('ABORTED'));
      expect(clock.now()).toBe(2000);
      expect(clock.pending()).toBe(0);
    });

    it('resolves with the value it was given', async () => {
      const clock = createSimulatedClock(0);
      const value = { v: 1 };
      await expect(new StopScope().sleep(clock, 10, value)).resolves.toBe(value);
    });

    it('stops every sleep of the scope and of its children, cancelling their timers', async () => {
      const clock = createSimulatedClock(0);
      const parent = new StopScope();
      const child = new StopScope(parent);
      const sleeps = [parent.sleep(clock, 5000), parent.sleep(clock, 6000, 'x'), child.sleep(clock, 7000)];
      const listened: unknown[] = [];
      parent.onStop((reason) => listened.push(reason));
      clock.setTimer(1000, () => parent.stop('halt'));
      for (const sleeping of sleeps) await expect(sleeping).rejects.toBe('halt');
      expect(listened).toEqual(['halt']);
      expect(clock.now()).toBe(1000);
      expect(clock.pending()).toBe(0);
    });

    it('a sleep that ended no longer waits on the scope, the others still do', async () => {
      const clock = createSimulatedClock(0);
      const scope = new StopScope();
      const short = scope.sleep(clock, 10, 'short');
      const long = scope.sleep(clock, 5000);
      await expect(short).resolves.toBe('short');
      scope.stopPending(() => 'late');
      await expect(long).rejects.toBe('late');
      expect(clock.pending()).toBe(0);
    });

    it('rejects at once in a stopped scope', async () => {
      const clock = createSimulatedClock(0);
      const scope = new StopScope();
      scope.stop('gone');
      await expect(scope.sleep(clock, 10)).rejects.toBe('gone');
      expect(clock.pending()).toBe(0);
    });
  });
});

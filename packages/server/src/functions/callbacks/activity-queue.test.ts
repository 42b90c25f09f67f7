import { describe, expect, it } from 'vitest';
import type { ActivityTask } from './activity-queue.js';
import { ActivityQueue, ActivityWorkerLimitExceeded } from './activity-queue.js';

const ARN = 'arn:aws:states:us-east-1:123456789012:activity:review';

function task(name: string, takenBy: (string | undefined)[] = []): ActivityTask {
  return { taskToken: name, input: '{}', take: (workerName) => takenBy.push(workerName) };
}

const stays = (): void => undefined;

describe('the activity queue', () => {
  it('gives waiting tasks to pollers oldest first, each once, naming the worker', async () => {
    const queue = new ActivityQueue();
    const takenBy: (string | undefined)[] = [];
    queue.offer(ARN, task('a', takenBy));
    queue.offer(ARN, task('b', takenBy));
    expect((await queue.poll(ARN, 'w1', 1000, stays))?.taskToken).toBe('a');
    expect((await queue.poll(ARN, undefined, 1000, stays))?.taskToken).toBe('b');
    expect(takenBy).toEqual(['w1', undefined]);
    expect(await queue.poll(ARN, 'w1', 0, stays)).toBeUndefined();
  });

  it('hands a new task to the poller waiting longest', async () => {
    const queue = new ActivityQueue();
    const first = queue.poll(ARN, 'first', 5000, stays);
    const second = queue.poll(ARN, 'second', 5000, stays);
    const takenBy: (string | undefined)[] = [];
    queue.offer(ARN, task('t', takenBy));
    expect((await first)?.taskToken).toBe('t');
    expect(takenBy).toEqual(['first']);
    expect(queue.pollersOf(ARN)).toBe(1);
    queue.close();
    expect(await second).toBeUndefined();
  });

  it('answers a poll with no task when the wait is over', async () => {
    const queue = new ActivityQueue();
    const started = Date.now();
    expect(await queue.poll(ARN, 'w', 50, stays)).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(queue.pollersOf(ARN)).toBe(0);
  });

  it('drops a poller whose client went away, so that it takes no task', async () => {
    const queue = new ActivityQueue();
    let hangUp = stays;
    const gone = queue.poll(ARN, 'gone', 5000, (leave) => {
      hangUp = leave;
    });
    hangUp();
    expect(await gone).toBeUndefined();
    const takenBy: (string | undefined)[] = [];
    queue.offer(ARN, task('t', takenBy));
    expect(takenBy).toEqual([]);
    expect((await queue.poll(ARN, 'next', 5000, stays))?.taskToken).toBe('t');
  });

  it('withdraws a task the execution gave up on', async () => {
    const queue = new ActivityQueue();
    const withdraw = queue.offer(ARN, task('t'));
    withdraw();
    expect(await queue.poll(ARN, 'w', 0, stays)).toBeUndefined();
  });

  it('refuses pollers beyond the limit per activity', async () => {
    const queue = new ActivityQueue(2);
    const polls = [queue.poll(ARN, 'a', 5000, stays), queue.poll(ARN, 'b', 5000, stays)];
    await expect(queue.poll(ARN, 'c', 5000, stays)).rejects.toBeInstanceOf(ActivityWorkerLimitExceeded);
    // Another activity has pollers of its own.
    const other = queue.poll(`${ARN}-2`, 'd', 5000, stays);
    queue.close();
    expect(await Promise.all([...polls, other])).toEqual([undefined, undefined, undefined]);
    expect(await queue.poll(ARN, 'late', 5000, stays)).toBeUndefined();
  });
});

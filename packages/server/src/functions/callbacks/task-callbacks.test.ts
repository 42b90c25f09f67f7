import type { Json, TaskRequest } from '@flowgate/core';
import { TaskFailure } from '@flowgate/core';
import { describe, expect, it } from 'vitest';
import { TaskCallbacks } from './task-callbacks.js';
import { readTaskToken } from './task-token.js';

const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:orders:first';
const ACTIVITY = 'arn:aws:states:us-east-1:123456789012:activity:review';

function request(fields: Partial<TaskRequest> & { controller?: AbortController } = {}) {
  const controller = fields.controller ?? new AbortController();
  const reports = { heartbeats: 0, submitted: [] as Json[], started: [] as (string | undefined)[] };
  const task: TaskRequest = {
    resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    payload: { a: 1 },
    stateName: 'Wait',
    signal: controller.signal,
    timeoutMs: undefined,
    heartbeatMs: undefined,
    heartbeat: () => {
      reports.heartbeats += 1;
    },
    credentials: undefined,
    context: {},
    taskToken: 'token-1',
    submitted: (output) => reports.submitted.push(output),
    started: (workerName) => reports.started.push(workerName),
    ...fields,
  };
  return { task, controller, reports };
}

const callbacks = (known: string[] = []) => new TaskCallbacks({ activityExists: (arn) => Promise.resolve(known.includes(arn)) });

describe('task callbacks', () => {
  it('issue tokens naming the execution and state; refuse activities that do not exist', async () => {
    const service = callbacks([ACTIVITY]);
    const token = service.issueToken(EXECUTION, { resource: 'r.waitForTaskToken', stateName: 'Wait', pattern: 'callback' });
    expect(typeof token === 'string' && readTaskToken(token)).toEqual({ executionArn: EXECUTION, stateName: 'Wait' });
    await expect(service.issueToken(EXECUTION, { resource: ACTIVITY, stateName: 'Review', pattern: 'activity' })).resolves.toEqual(expect.any(String));
    const missing = `${ACTIVITY}-gone`;
    await expect(service.issueToken(EXECUTION, { resource: missing, stateName: 'Review', pattern: 'activity' })).rejects.toEqual(
      new TaskFailure('States.Runtime', `The activity ${missing} does not exist.`),
    );
  });

  it('report the submit answer, then resolve with the callback output; heartbeats reach the task', async () => {
    const service = callbacks();
    const { task, reports } = request();
    const waiting = service.waitForCallback(task, () => Promise.resolve({ MessageId: 'm' }));
    await Promise.resolve();
    expect(service.tokens.heartbeat('token-1')).toBe(true);
    expect(service.tokens.succeed('token-1', { ok: true })).toBe(true);
    await expect(waiting).resolves.toEqual({ ok: true });
    expect(reports).toEqual({ heartbeats: 1, submitted: [{ MessageId: 'm' }], started: [] });
    expect(service.tokens.succeed('token-1', 'again')).toBe(false);
  });

  it('take an answer that comes before the service call returned', async () => {
    const service = callbacks();
    const { task } = request();
    const waiting = service.waitForCallback(task, () => {
      service.tokens.fail('token-1', 'Rejected', 'by the function itself');
      return Promise.resolve(null);
    });
    await expect(waiting).rejects.toEqual(new TaskFailure('Rejected', 'by the function itself'));
  });

  it('forget a token when the engine gives up on its task', async () => {
    const service = callbacks();
    const { task, controller } = request();
    const waiting = service.waitForCallback(task, () => Promise.resolve(null));
    await Promise.resolve();
    controller.abort(new Error('timed out'));
    await expect(waiting).rejects.toThrow('timed out');
    expect(service.tokens.size).toBe(0);
    expect(service.tokens.heartbeat('token-1')).toBe(false);
  });

  it('run an activity task: queued, taken by a worker, answered with its token', async () => {
    const service = callbacks([ACTIVITY]);
    const { task, reports } = request({ resource: ACTIVITY, taskToken: 'activity-token' });
    const running = service.runActivity(task);
    expect(service.tokens.isWaiting('activity-token')).toBe(false);
    const taken = await service.activities.poll(ACTIVITY, 'worker-1', 1000, () => undefined);
    expect(taken).toMatchObject({ taskToken: 'activity-token', input: '{"a":1}' });
    expect(reports.started).toEqual(['worker-1']);
    service.tokens.succeed('activity-token', 'done');
    await expect(running).resolves.toBe('done');
  });

  it('withdraw an activity task nobody took when the engine gives up on it', async () => {
    const service = callbacks([ACTIVITY]);
    const { task, controller } = request({ resource: ACTIVITY, taskToken: 'activity-token' });
    const running = service.runActivity(task);
    controller.abort(new Error('stopped'));
    await expect(running).rejects.toThrow('stopped');
    expect(await service.activities.poll(ACTIVITY, 'w', 0, () => undefined)).toBeUndefined();
  });
});

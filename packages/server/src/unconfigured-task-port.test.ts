import { TaskFailure } from '@flowgate/core';
import type { TaskRequest } from '@flowgate/core';
import { describe, expect, it } from 'vitest';
import { createUnconfiguredTaskPort } from './unconfigured-task-port.js';

describe('createUnconfiguredTaskPort', () => {
  it('fails every task with States.TaskFailed naming the resource and the state', async () => {
    const request = {
      resource: 'arn:aws:states:::lambda:invoke',
      stateName: 'Price',
      payload: {},
    } as unknown as TaskRequest;
    const failure = await createUnconfiguredTaskPort().invoke(request).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TaskFailure);
    expect(failure).toMatchObject({ error: 'States.TaskFailed' });
    expect((failure as TaskFailure).cause).toMatch(/^No function runner is configured for arn:aws:states:::lambda:invoke \(state 'Price'\)/);
  });
});

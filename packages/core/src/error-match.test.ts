/** The ErrorEquals matching rules shared by Retry and Catch. */
import { describe, expect, it } from 'vitest';
import { HeartbeatTimeout, asFailure, errorMatches } from './error-match.js';
import { StatesFailure } from './errors.js';

const failure = (error: string | undefined): StatesFailure => new StatesFailure(error, 'cause');

describe('errorMatches', () => {
  it('matches a name exactly, case-sensitively', () => {
    expect(errorMatches(['Boom'], failure('Boom'))).toBe(true);
    expect(errorMatches(['boom'], failure('Boom'))).toBe(false);
    expect(errorMatches(['Boo'], failure('Boom'))).toBe(false);
    expect(errorMatches(['Other', 'Boom'], failure('Boom'))).toBe(true);
    expect(errorMatches([], failure('Boom'))).toBe(false);
  });

  it('States.ALL matches every error except States.Runtime', () => {
    for (const name of ['Boom', 'States.Timeout', 'States.TaskFailed', 'States.DataLimitExceeded', 'States.QueryEvaluationError']) {
      expect(errorMatches(['States.ALL'], failure(name)), name).toBe(true);
    }
    expect(errorMatches(['States.ALL'], failure('States.Runtime'))).toBe(false);
  });

  it('States.Runtime is never matched, even by its own name', () => {
    expect(errorMatches(['States.Runtime'], failure('States.Runtime'))).toBe(false);
    expect(errorMatches(['States.Runtime', 'States.ALL'], failure('States.Runtime'))).toBe(false);
  });

  it('States.TaskFailed matches every error but States.Timeout and States.QueryEvaluationError', () => {
    expect(errorMatches(['States.TaskFailed'], failure('States.TaskFailed'))).toBe(true);
    expect(errorMatches(['States.TaskFailed'], failure('Lambda.ServiceException'))).toBe(true);
    expect(errorMatches(['States.TaskFailed'], failure('States.Permissions'))).toBe(true);
    expect(errorMatches(['States.TaskFailed'], failure('States.Timeout'))).toBe(false);
    expect(errorMatches(['States.TaskFailed'], new HeartbeatTimeout())).toBe(false);
    expect(errorMatches(['States.TaskFailed'], failure('States.QueryEvaluationError'))).toBe(false);
  });

  it('States.HeartbeatTimeout matches only a timeout caused by a missed heartbeat', () => {
    expect(errorMatches(['States.HeartbeatTimeout'], new HeartbeatTimeout())).toBe(true);
    expect(errorMatches(['States.HeartbeatTimeout'], failure('States.Timeout'))).toBe(false);
    // A heartbeat timeout is a States.Timeout too.
    expect(new HeartbeatTimeout().error).toBe('States.Timeout');
    expect(errorMatches(['States.Timeout'], new HeartbeatTimeout())).toBe(true);
  });

  it('an error without a name (a bare Fail state) is matched only by States.ALL', () => {
    expect(errorMatches(['States.ALL'], failure(undefined))).toBe(true);
    expect(errorMatches(['States.TaskFailed'], failure(undefined))).toBe(false);
    expect(errorMatches([''], failure(undefined))).toBe(false);
  });
});

describe('asFailure', () => {
  it('keeps a StatesFailure as it is', () => {
    const original = failure('Boom');
    expect(asFailure(original)).toBe(original);
  });

  it('turns anything else into States.Runtime with its message', () => {
    expect(asFailure(new TypeError('bad thing'))).toMatchObject({ error: 'States.Runtime', cause: 'bad thing' });
    expect(asFailure('text')).toMatchObject({ error: 'States.Runtime', cause: 'text' });
  });
});

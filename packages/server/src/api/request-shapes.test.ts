import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { checkRequest } from './request-shapes.js';

function failure(action: string, input: Record<string, unknown>): ApiError {
  try {
    checkRequest(action, input);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('request checks against the service model', () => {
  it('reports a missing required member as AWS does', () => {
    expect(failure('DescribeStateMachine', {}).message).toBe(
      "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
    );
  });

  it('reports ranges, lengths and enums', () => {
    expect(failure('ListStateMachines', { maxResults: 1001 }).message).toBe(
      "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    expect(failure('ListExecutions', { stateMachineArn: 'a', statusFilter: 'DONE' }).message).toBe(
      "1 validation error detected: Value 'DONE' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]",
    );
    expect(failure('CreateStateMachine', { name: 'x'.repeat(81), definition: '{}', roleArn: 'r' }).message).toContain(
      'Member must have length less than or equal to 80',
    );
  });

  it('never echoes sensitive members', () => {
    const error = failure('StopExecution', { executionArn: 'a', cause: 'secret'.repeat(10_000) });
    expect(error.message).toBe(
      "1 validation error detected: Value '*** Sensitive Data Redacted ***' at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768",
    );
  });

  it('counts every violation', () => {
    expect(failure('ListStateMachines', { maxResults: -1, nextToken: '' }).message).toMatch(/^2 validation errors detected: /);
  });

  it('refuses a member of the wrong JSON type as unreadable', () => {
    const error = failure('ListStateMachines', { maxResults: '10' });
    expect(error.code).toBe('SerializationException');
  });

  it('accepts a well-formed request and ignores unknown members', () => {
    expect(() => checkRequest('StartSyncExecution', { stateMachineArn: 'a', input: '{}', extra: 1 })).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { formatAwsCliTimestamp, toHistoryEventOutput, toStartSyncExecutionOutput } from './execution-report.js';

const base = {
  executionArn: 'arn:aws:states:us-east-1:123456789012:express:m:e:1',
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
  name: 'e',
  startDate: Date.UTC(2026, 0, 2, 3, 4, 5, 67),
  stopDate: Date.UTC(2026, 0, 2, 3, 4, 6, 0),
  input: { a: [1, 2] },
};

describe('execution report', () => {
  it('prints timestamps as AWS CLI v2 does, in UTC with microseconds', () => {
    expect(formatAwsCliTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5, 67))).toBe('2026-01-02T03:04:05.067000+00:00');
  });

  it('shapes a success like StartSyncExecution, with input and output as JSON text', () => {
    const out = toStartSyncExecutionOutput({ ...base, status: 'SUCCEEDED', output: { ok: true } });
    expect(out).toEqual({
      executionArn: base.executionArn,
      stateMachineArn: base.stateMachineArn,
      name: 'e',
      startDate: '2026-01-02T03:04:05.067000+00:00',
      stopDate: '2026-01-02T03:04:06.000000+00:00',
      status: 'SUCCEEDED',
      input: '{"a":[1,2]}',
      inputDetails: { included: true },
      output: '{"ok":true}',
      outputDetails: { included: true },
    });
  });

  it('shapes a failure with error and cause, and no output', () => {
    const out = toStartSyncExecutionOutput({ ...base, status: 'FAILED', error: 'E', cause: 'C' });
    expect(Object.keys(out)).toEqual(['executionArn', 'stateMachineArn', 'name', 'startDate', 'stopDate', 'status', 'error', 'cause', 'input', 'inputDetails']);
  });

  it('prints a history event with its timestamp as text', () => {
    const event = { id: 1, previousEventId: 0, timestamp: base.startDate, type: 'ExecutionStarted', executionStartedEventDetails: { input: '{}' } };
    expect(toHistoryEventOutput(event)).toEqual({ ...event, timestamp: '2026-01-02T03:04:05.067000+00:00' });
  });
});

import type { HistoryEvent } from '@flowgate/core';
import { describe, expect, it } from 'vitest';
import { createJsonLinesLogSink, levelLets, toLogRecord } from './execution-log.js';

const ARN = 'arn:aws:states:us-east-1:123456789012:express:m:n:u';
const started: HistoryEvent = {
  id: 1,
  previousEventId: 0,
  timestamp: 1_700_000_000_123,
  type: 'ExecutionStarted',
  executionStartedEventDetails: { input: '{"a":1}', inputDetails: { truncated: false }, roleArn: 'arn:aws:iam::1:role/r' },
};
const failed: HistoryEvent = {
  id: 3,
  previousEventId: 2,
  timestamp: 1_700_000_000_456,
  type: 'ExecutionFailed',
  executionFailedEventDetails: { error: 'E', cause: 'C' },
};

describe('CloudWatch log events', () => {
  it('uses AWS envelope with string scalars and unwrapped details', () => {
    const record = toLogRecord(started, ARN, { level: 'ALL', includeExecutionData: true, logGroupArn: 'arn:aws:logs:us-east-1:1:log-group:g:*' });
    expect(record?.message).toEqual({
      id: '1',
      type: 'ExecutionStarted',
      details: { input: '{"a":1}', inputDetails: { truncated: false }, roleArn: 'arn:aws:iam::1:role/r' },
      previous_event_id: '0',
      event_timestamp: '1700000000123',
      execution_arn: ARN,
      redrive_count: '0',
    });
    expect(record?.timestamp).toBe(1_700_000_000_123);
  });

  it('drops only execution data when includeExecutionData is false', () => {
    const record = toLogRecord(started, ARN, { level: 'ALL', includeExecutionData: false });
    expect(record?.message.details).toEqual({ roleArn: 'arn:aws:iam::1:role/r' });
  });

  it('filters by level and keeps the history ids', () => {
    expect(toLogRecord(started, ARN, { level: 'ERROR', includeExecutionData: false })).toBeUndefined();
    expect(toLogRecord(failed, ARN, { level: 'FATAL', includeExecutionData: false })?.message.id).toBe('3');
    expect(levelLets('ERROR', 'FailStateEntered')).toBe(true);
    expect(levelLets('FATAL', 'FailStateEntered')).toBe(false);
    expect(levelLets('OFF', 'ExecutionFailed')).toBe(false);
  });

  it('writes one JSON object per line', () => {
    const lines: string[] = [];
    const sink = createJsonLinesLogSink((line) => lines.push(line));
    const record = toLogRecord(failed, ARN, { level: 'ALL', includeExecutionData: true, logGroupArn: 'g' });
    if (record !== undefined) sink(record);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ logGroup: 'g', type: 'ExecutionFailed', details: { error: 'E', cause: 'C' } });
  });
});

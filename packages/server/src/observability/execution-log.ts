import { appendFileSync } from 'node:fs';
import type { HistoryEvent } from '@flowgate/core';

export type LogLevel = 'ALL' | 'ERROR' | 'FATAL' | 'OFF';

/** A state machine's `loggingConfiguration`, with AWS's defaults applied. */
export interface LoggingSettings {
  readonly level: LogLevel;
  readonly includeExecutionData: boolean;
  /** The CloudWatch Logs group ARN the events are meant for (`…:log-group:<name>:*`). */
  readonly logGroupArn?: string;
}

/** One CloudWatch Logs record: the group it belongs to and its message (a JSON object). */
export interface LogRecord {
  readonly logGroupArn?: string;
  readonly timestamp: number;
  readonly message: ExecutionLogMessage;
}

/** AWS's envelope for a Step Functions log event: every scalar is a string. */
export interface ExecutionLogMessage {
  readonly id: string;
  readonly type: string;
  readonly details: Record<string, unknown>;
  readonly previous_event_id: string;
  readonly event_timestamp: string;
  readonly execution_arn: string;
  readonly redrive_count: string;
}

export type LogSink = (record: LogRecord) => void;

// start-sync-execution.md §7: the history event types each level lets through.
const FATAL_TYPES = new Set(['ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);
const ERROR_TYPES = new Set([
  ...FATAL_TYPES,
  'FailStateEntered',
  'LambdaFunctionFailed',
  'LambdaFunctionScheduleFailed',
  'LambdaFunctionStartFailed',
  'LambdaFunctionTimedOut',
  'MapStateAborted',
  'MapStateFailed',
  'MapIterationAborted',
  'MapIterationFailed',
  'MapRunAborted',
  'MapRunFailed',
  'ParallelStateAborted',
  'ParallelStateFailed',
  'TaskFailed',
  'TaskStartFailed',
  'TaskStateAborted',
  'TaskSubmitFailed',
  'TaskTimedOut',
  'WaitStateAborted',
  'ActivityFailed',
  'ActivityScheduleFailed',
  'ActivityTimedOut',
  'EvaluationFailed',
]);

export function levelLets(level: LogLevel, type: string): boolean {
  switch (level) {
    case 'ALL':
      return true;
    case 'ERROR':
      return ERROR_TYPES.has(type);
    case 'FATAL':
      return FATAL_TYPES.has(type);
    case 'OFF':
      return false;
  }
}

// Without includeExecutionData AWS drops exactly these members; error, cause, name, roleArn… stay.
const EXECUTION_DATA_MEMBERS = ['input', 'inputDetails', 'output', 'outputDetails'];

/** The log record for one history event, or undefined when the level filters it out. */
export function toLogRecord(event: HistoryEvent, executionArn: string, settings: LoggingSettings): LogRecord | undefined {
  if (!levelLets(settings.level, event.type)) return undefined;
  let details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null) details = { ...(value as Record<string, unknown>) };
  }
  if (!settings.includeExecutionData) for (const member of EXECUTION_DATA_MEMBERS) delete details[member];
  const message: ExecutionLogMessage = {
    id: String(event.id),
    type: event.type,
    details,
    previous_event_id: String(event.previousEventId),
    event_timestamp: String(event.timestamp),
    execution_arn: executionArn,
    redrive_count: '0',
  };
  return settings.logGroupArn === undefined
    ? { timestamp: event.timestamp, message }
    : { logGroupArn: settings.logGroupArn, timestamp: event.timestamp, message };
}

/** Writes each record as one JSON line (the CloudWatch message, plus the group it targets). */
export function createJsonLinesLogSink(write: (line: string) => void): LogSink {
  return (record) => write(`${JSON.stringify({ logGroup: record.logGroupArn, ...record.message })}\n`);
}

export function createFileLogSink(path: string): LogSink {
  return createJsonLinesLogSink((line) => appendFileSync(path, line));
}

export function createStdoutLogSink(): LogSink {
  return createJsonLinesLogSink((line) => process.stdout.write(line));
}

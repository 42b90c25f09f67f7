// What `flowgate run` prints: the execution in the shape of AWS's StartSyncExecution response,
// as the AWS CLI prints it, so that scripts written against `aws stepfunctions
// start-sync-execution` read Flowgate's output unchanged.
import { toJsonText } from '@flowgate/core';
import type { ExecutionResult, HistoryEvent } from '@flowgate/core';

/**
 * AWS CLI v2's default timestamp form (`cli_timestamp_format = iso8601`), in UTC:
 * `2026-01-01T12:00:00.123000+00:00`. The API itself sends epoch seconds; the CLI renders
 * them like this, and so do we.
 */
export function formatAwsCliTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/Z$/, '000+00:00');
}

/** Members in the order AWS returns them; input and output are JSON text, as in the API. */
export function toStartSyncExecutionOutput(result: ExecutionResult): Record<string, unknown> {
  return {
    executionArn: result.executionArn,
    stateMachineArn: result.stateMachineArn,
    name: result.name,
    startDate: formatAwsCliTimestamp(result.startDate),
    stopDate: formatAwsCliTimestamp(result.stopDate),
    status: result.status,
    ...(result.error === undefined ? {} : { error: result.error }),
    ...(result.cause === undefined ? {} : { cause: result.cause }),
    input: toJsonText(result.input),
    inputDetails: { included: true },
    ...(result.output === undefined ? {} : { output: toJsonText(result.output), outputDetails: { included: true } }),
  };
}

/** A history event as `aws stepfunctions get-execution-history` prints one (timestamp as text). */
export function toHistoryEventOutput(event: HistoryEvent): Record<string, unknown> {
  return { ...event, timestamp: formatAwsCliTimestamp(event.timestamp) };
}

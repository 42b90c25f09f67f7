import { validateStateMachine } from '@flowgate/core';
import type { WorkflowConfig } from '../app/application.js';
import { type At, child, configError } from './config-error.js';
import { checkKeys, expectBoolean, expectOneOf, expectRecord, expectString, isRecord } from './document-checks.js';

/**
 * The last step of every workflow, whichever file declared it: the definition (substitutions
 * already applied) is checked with the engine's own validator, so a broken state machine is
 * reported at load time with its file, instead of at the first request.
 */
export function checkedDefinition(name: string, definition: unknown, type: WorkflowConfig['type'], at: At): string {
  if (!isRecord(definition)) throw configError('InvalidType', at, { expected: 'a state machine definition (an object)', got: typeof definition });
  const text = JSON.stringify(definition);
  const diagnostics = validateStateMachine(text, { type });
  const first = diagnostics[0];
  if (first !== undefined) {
    // The error points at the first problem; the message lists them all, by JSON pointer.
    const problems = diagnostics.map((d) => `${d.pointer === '' ? '/' : d.pointer}: ${d.code}: ${d.message}`).join('; ');
    throw configError('InvalidDefinition', child(at, ...pointerSegments(first.pointer)), { workflow: name, problems });
  }
  return text;
}

/** `/States/Retry~1Later/Catch/0` → `['States', 'Retry/Later', 'Catch', 0]` (RFC 6901 escapes). */
function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

export const LOG_LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF'] as const;

/** Flowgate's camelCase logging options: `{ level, includeExecutionData, logGroupArn }`. */
export function readLogging(value: unknown, at: At): NonNullable<WorkflowConfig['logging']> {
  const record = expectRecord(value, at);
  checkKeys(record, ['level', 'includeExecutionData', 'logGroupArn'], at);
  if (record.level === undefined) throw configError('MissingField', at, { field: 'level' });
  return {
    level: expectOneOf(record.level, LOG_LEVELS, child(at, 'level')),
    includeExecutionData: record.includeExecutionData === undefined ? false : expectBoolean(record.includeExecutionData, child(at, 'includeExecutionData')),
    ...(record.logGroupArn === undefined ? {} : { logGroupArn: expectString(record.logGroupArn, child(at, 'logGroupArn')) }),
  };
}

/**
 * AWS's LoggingConfiguration (`Level`, `IncludeExecutionData`, `Destinations[0]
 * .CloudWatchLogsLogGroup.LogGroupArn`), as SAM's `Logging` and CloudFormation write it.
 */
export function readAwsLogging(value: unknown, at: At): NonNullable<WorkflowConfig['logging']> {
  const record = expectRecord(value, at);
  const level = record.Level === undefined ? 'OFF' : expectOneOf(record.Level, LOG_LEVELS, child(at, 'Level'));
  const destinations = Array.isArray(record.Destinations) ? record.Destinations : [];
  const first: unknown = destinations[0];
  const group = isRecord(first) && isRecord(first.CloudWatchLogsLogGroup) ? first.CloudWatchLogsLogGroup.LogGroupArn : undefined;
  return {
    level,
    includeExecutionData: record.IncludeExecutionData === undefined ? false : expectBoolean(record.IncludeExecutionData, child(at, 'IncludeExecutionData')),
    ...(typeof group === 'string' ? { logGroupArn: group } : {}),
  };
}

import { formatDefinitionMessage, validateStateMachine } from '@flowgate/core';
import type { LoggingSettings, LogLevel } from '../observability/execution-log.js';
import { apiError } from './errors.js';

type MachineType = 'STANDARD' | 'EXPRESS';

/** Refuses an invalid definition with AWS's InvalidDefinition, naming every problem. */
export function checkDefinition(definition: string, type: MachineType, expressCallbacks = false): void {
  const diagnostics = validateStateMachine(definition, { type, expressCallbacks });
  if (diagnostics.length > 0) throw apiError('InvalidDefinition', formatDefinitionMessage(diagnostics));
}

const LOG_LEVELS: readonly LogLevel[] = ['ALL', 'ERROR', 'FATAL', 'OFF'];

/**
 * The LoggingConfiguration as DescribeStateMachine shows it, as JSON text: AWS fills in
 * `level: OFF` and `includeExecutionData: false` when they are not given.
 */
export function normaliseLogging(value: unknown): string {
  const given = (value ?? {}) as Record<string, unknown>;
  const level = given.level ?? 'OFF';
  if (typeof level !== 'string' || !LOG_LEVELS.includes(level as LogLevel)) {
    throw apiError(
      'ValidationException',
      `1 validation error detected: Value '${String(level)}' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]`,
    );
  }
  const destinations = Array.isArray(given.destinations) ? (given.destinations as unknown[]) : [];
  if ((level !== 'OFF' && destinations.length !== 1) || destinations.length > 1) {
    throw apiError('InvalidLoggingConfiguration', 'Invalid Logging Configuration: Must specify exactly one Log Destination.');
  }
  const logging: Record<string, unknown> = { level, includeExecutionData: given.includeExecutionData === true };
  if (destinations.length > 0) {
    const group = (destinations[0] as { cloudWatchLogsLogGroup?: { logGroupArn?: unknown } } | null)?.cloudWatchLogsLogGroup?.logGroupArn;
    if (typeof group !== 'string' || !group.startsWith('arn:')) {
      throw apiError('InvalidLoggingConfiguration', 'Invalid Logging Configuration: Log Destination not found.');
    }
    logging.destinations = [{ cloudWatchLogsLogGroup: { logGroupArn: group } }];
  }
  return JSON.stringify(logging);
}

export function normaliseTracing(value: unknown): string {
  const given = (value ?? {}) as Record<string, unknown>;
  return JSON.stringify({ enabled: given.enabled === true });
}

export function normaliseEncryption(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const given = value as Record<string, unknown>;
  if (given.type !== 'AWS_OWNED_KEY' && given.type !== 'CUSTOMER_MANAGED_KMS_KEY') {
    throw apiError('InvalidEncryptionConfiguration', 'Invalid Encryption Configuration: type must be AWS_OWNED_KEY or CUSTOMER_MANAGED_KMS_KEY.');
  }
  return JSON.stringify(given);
}

// Every start needs its machine's settings; the stored texts are few, so each is parsed once.
const parsedLogging = new Map<string, LoggingSettings>();

/** What the executor needs of the stored logging configuration. */
export function loggingSettingsOf(text: string): LoggingSettings {
  let settings = parsedLogging.get(text);
  if (settings === undefined) {
    if (parsedLogging.size >= 1000) parsedLogging.clear();
    settings = parseLoggingSettings(text);
    parsedLogging.set(text, settings);
  }
  return settings;
}

function parseLoggingSettings(text: string): LoggingSettings {
  const logging = JSON.parse(text) as {
    level: LogLevel;
    includeExecutionData: boolean;
    destinations?: { cloudWatchLogsLogGroup: { logGroupArn: string } }[];
  };
  const group = logging.destinations?.[0]?.cloudWatchLogsLogGroup.logGroupArn;
  return group === undefined
    ? { level: logging.level, includeExecutionData: logging.includeExecutionData }
    : { level: logging.level, includeExecutionData: logging.includeExecutionData, logGroupArn: group };
}

/**
 * Translation between records and rows, in one place. Optional record members are stored as
 * NULL and read back as absent (never as `undefined` members), so a record read back is
 * deep-equal to the one written.
 */
import { decodeText, encodeOptionalText } from './free-text.js';
import type {
  ExecutionCompletion,
  ExecutionRecord,
  ExecutionStatus,
  ExecutionSummary,
  RevisionRecord,
  StateMachineType,
} from './store.js';
import type { ExecutionsTable, RevisionsTable } from './tables.js';

/** The revision columns that revisions and machine snapshots share. */
export type RevisionColumns = Omit<RevisionsTable, 'state_machine_arn'>;

export function revisionColumns(revision: RevisionRecord): RevisionColumns {
  return {
    seq: revision.seq,
    revision_id: revision.revisionId ?? null,
    definition: revision.definition,
    role_arn: revision.roleArn,
    logging_configuration: revision.loggingConfiguration,
    tracing_configuration: revision.tracingConfiguration,
    encryption_configuration: revision.encryptionConfiguration ?? null,
    update_date: revision.updateDate,
  };
}

export function revisionFromRow(row: RevisionColumns): RevisionRecord {
  return {
    seq: row.seq,
    ...(row.revision_id !== null && { revisionId: row.revision_id }),
    definition: row.definition,
    roleArn: row.role_arn,
    loggingConfiguration: row.logging_configuration,
    tracingConfiguration: row.tracing_configuration,
    ...(row.encryption_configuration !== null && { encryptionConfiguration: row.encryption_configuration }),
    updateDate: row.update_date,
  };
}

/** The columns of a revision row, for selects that join revisions under their own names. */
export const revisionSelection = [
  'revisions.seq',
  'revisions.revision_id',
  'revisions.definition',
  'revisions.role_arn',
  'revisions.logging_configuration',
  'revisions.tracing_configuration',
  'revisions.encryption_configuration',
  'revisions.update_date',
] as const;

export type ExecutionColumns = Omit<ExecutionsTable, 'id'>;
export type ExecutionRow = ExecutionColumns & { readonly id: number };

/**
 * The columns of a row type as a list, for statements compiled once with a slot per column
 * (hot-statements.ts); the Record makes the compiler check that none is missing.
 */
function columnList<T>(set: Record<keyof T & string, true>): (keyof T & string)[] {
  return Object.keys(set) as (keyof T & string)[];
}

export const executionColumnNames = columnList<ExecutionColumns>({
  arn: true,
  state_machine_arn: true,
  name: true,
  type: true,
  status: true,
  start_date: true,
  stop_date: true,
  input: true,
  output: true,
  error: true,
  cause: true,
  trace_header: true,
  version_arn: true,
  alias_arn: true,
  snapshot_key: true,
});

export function executionColumns(record: ExecutionRecord): ExecutionColumns {
  return {
    arn: record.arn,
    state_machine_arn: record.stateMachineArn,
    name: record.name,
    type: record.type,
    status: record.status,
    start_date: record.startDate,
    stop_date: record.stopDate ?? null,
    input: record.input,
    output: record.output ?? null,
    error: encodeOptionalText(record.error),
    cause: encodeOptionalText(record.cause),
    trace_header: encodeOptionalText(record.traceHeader),
    version_arn: record.stateMachineVersionArn ?? null,
    alias_arn: record.stateMachineAliasArn ?? null,
    snapshot_key: record.snapshotKey,
  };
}

export function executionFromRow(row: ExecutionColumns): ExecutionRecord {
  return {
    ...executionSummaryFromRow(row),
    input: row.input,
    ...(row.output !== null && { output: row.output }),
  };
}

export type ExecutionSummaryColumns = Omit<ExecutionColumns, 'input' | 'output'>;

/** Every execution column but the payloads, which may be 256 KiB each. */
export const executionSummaryColumnNames = executionColumnNames.filter(
  (column): column is keyof ExecutionSummaryColumns & string => column !== 'input' && column !== 'output',
);

export function executionSummaryFromRow(row: ExecutionSummaryColumns): ExecutionSummary {
  return {
    arn: row.arn,
    stateMachineArn: row.state_machine_arn,
    name: row.name,
    type: row.type as StateMachineType,
    status: row.status as ExecutionStatus,
    startDate: row.start_date,
    ...(row.stop_date !== null && { stopDate: row.stop_date }),
    ...(row.error !== null && { error: decodeText(row.error) }),
    ...(row.cause !== null && { cause: decodeText(row.cause) }),
    ...(row.trace_header !== null && { traceHeader: decodeText(row.trace_header) }),
    ...(row.version_arn !== null && { stateMachineVersionArn: row.version_arn }),
    ...(row.alias_arn !== null && { stateMachineAliasArn: row.alias_arn }),
    snapshotKey: row.snapshot_key,
  };
}

export type CompletionColumns = Pick<ExecutionsTable, 'status' | 'stop_date' | 'output' | 'error' | 'cause'>;

/** The columns a completion sets. */
export function completionColumns(completion: ExecutionCompletion): CompletionColumns {
  return {
    status: completion.status,
    stop_date: completion.stopDate,
    output: completion.output ?? null,
    error: encodeOptionalText(completion.error),
    cause: encodeOptionalText(completion.cause),
  };
}

export const completionColumnNames = columnList<CompletionColumns>({
  status: true,
  stop_date: true,
  output: true,
  error: true,
  cause: true,
});

/**
 * The tables both backends share, as Kysely sees them. Column types are what a query reads
 * back: integers come back as numbers on both backends (PostgreSQL's int8 parser is set to
 * Number in postgres-connection.ts; epoch milliseconds stay far below 2^53).
 */
import type { Generated, Kysely } from 'kysely';

export interface StateMachinesTable {
  arn: string;
  name: string;
  type: string;
  status: string;
  creation_date: number;
  /** The current revision. */
  revision_seq: number;
  last_version_number: number;
}

export interface RevisionsTable {
  state_machine_arn: string;
  seq: number;
  revision_id: string | null;
  definition: string;
  role_arn: string;
  logging_configuration: string;
  tracing_configuration: string;
  encryption_configuration: string | null;
  update_date: number;
}

export interface VersionsTable {
  arn: string;
  state_machine_arn: string;
  number: number;
  description: string | null;
  creation_date: number;
  /** Revisions are kept as long as the machine, so a version points at one, not a copy. */
  revision_seq: number;
}

export interface AliasesTable {
  /** Insertion order, which is creation order: a replaced alias keeps its place. */
  ord: Generated<number>;
  arn: string;
  state_machine_arn: string;
  name: string;
  description: string | null;
  /** JSON text of the routing entries. */
  routing_configuration: string;
  creation_date: number;
  update_date: number;
}

export interface TagsTable {
  /** Order in which keys were first set; replacing a value keeps it. */
  ord: Generated<number>;
  resource_arn: string;
  key: string;
  value: string;
}

export interface MachineSnapshotsTable {
  key: string;
  state_machine_arn: string;
  name: string;
  seq: number;
  revision_id: string | null;
  definition: string;
  role_arn: string;
  logging_configuration: string;
  tracing_configuration: string;
  encryption_configuration: string | null;
  update_date: number;
}

export interface ExecutionsTable {
  /** Surrogate key: keeps history rows small and breaks start-date ties in listings. */
  id: Generated<number>;
  arn: string;
  state_machine_arn: string;
  name: string;
  type: string;
  status: string;
  start_date: number;
  stop_date: number | null;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  trace_header: string | null;
  version_arn: string | null;
  alias_arn: string | null;
  snapshot_key: string;
}

/** One call's history events (see history-chunks.ts). */
export interface HistoryChunksTable {
  execution_id: number;
  first_event_id: number;
  last_event_id: number;
  /** The events as a JSON array, sorted by id. */
  events: string;
}

export interface ActivitiesTable {
  arn: string;
  name: string;
  creation_date: number;
  encryption_configuration: string | null;
}

export interface MigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface Tables {
  state_machines: StateMachinesTable;
  revisions: RevisionsTable;
  versions: VersionsTable;
  aliases: AliasesTable;
  tags: TagsTable;
  machine_snapshots: MachineSnapshotsTable;
  executions: ExecutionsTable;
  history_chunks: HistoryChunksTable;
  activities: ActivitiesTable;
  flowgate_migrations: MigrationsTable;
}

export type BackendKind = 'sqlite' | 'postgres';

/** An open database and which backend it is, for the few statements that differ. */
export interface Backend {
  readonly kind: BackendKind;
  readonly db: Kysely<Tables>;
  /** Runs write transactions one at a time where the database cannot queue them itself. */
  readonly serializeWrites?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Releases the connection(s) and whatever else the backend started. */
  close(): Promise<void>;
}

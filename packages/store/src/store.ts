/**
 * The records Flowgate keeps, and the one interface every storage backend implements.
 *
 * The store holds records, not semantics: it never validates a definition, never decides
 * whether a request is idempotent and never formats an AWS error. What it does guarantee is
 * atomicity where two requests could race (a name taken twice, a version number handed out
 * twice) and durability: once a write method's promise resolves, the record survives a
 * crash of the process.
 *
 * Times are milliseconds since the Unix epoch. JSON payloads (definitions, execution input
 * and output, configuration objects) are kept as the exact text they arrived as.
 */

export type StateMachineType = 'STANDARD' | 'EXPRESS';
export type StateMachineStatus = 'ACTIVE' | 'DELETING';
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One configuration of a state machine. Every effective update creates a new revision. */
export interface RevisionRecord {
  /** 1 for the configuration given at creation, then 2, 3… per machine. Internal. */
  readonly seq: number;
  /** The id shown to clients; absent for the revision made at creation, as on AWS. */
  readonly revisionId?: string;
  readonly definition: string;
  readonly roleArn: string;
  /** JSON text of the LoggingConfiguration as stored (defaults applied by the caller). */
  readonly loggingConfiguration: string;
  readonly tracingConfiguration: string;
  readonly encryptionConfiguration?: string;
  /** When this revision was made (creation date for seq 1). */
  readonly updateDate: number;
}

export interface StateMachineRecord {
  readonly arn: string;
  readonly name: string;
  readonly type: StateMachineType;
  readonly status: StateMachineStatus;
  readonly creationDate: number;
  readonly revision: RevisionRecord;
  /** The highest version number ever published, 0 if none. Numbers are never reused. */
  readonly lastVersionNumber: number;
}

export interface VersionRecord {
  /** `<state machine arn>:<number>` */
  readonly arn: string;
  readonly stateMachineArn: string;
  readonly number: number;
  readonly description?: string;
  readonly creationDate: number;
  /** The revision the version was published from, copied so it outlives later updates. */
  readonly revision: RevisionRecord;
}

export interface RoutingEntry {
  readonly stateMachineVersionArn: string;
  readonly weight: number;
}

export interface AliasRecord {
  /** `<state machine arn>:<alias name>` */
  readonly arn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly description?: string;
  readonly routingConfiguration: readonly RoutingEntry[];
  readonly creationDate: number;
  readonly updateDate: number;
}

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** An activity (CreateActivity): the name its workers poll for tasks under. */
export interface ActivityRecord {
  /** `arn:<partition>:states:<region>:<account>:activity:<name>` */
  readonly arn: string;
  readonly name: string;
  readonly creationDate: number;
  /** JSON text of the EncryptionConfiguration, when one was given. */
  readonly encryptionConfiguration?: string;
}

/**
 * What an execution ran with, kept apart from the machine so that
 * DescribeStateMachineForExecution answers after later updates or a deletion.
 * Keyed by a caller-chosen key (one per machine revision), written once.
 */
export interface MachineSnapshot {
  readonly key: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly revision: RevisionRecord;
}

export interface ExecutionRecord {
  readonly arn: string;
  /** Always the unqualified state machine ARN. */
  readonly stateMachineArn: string;
  readonly name: string;
  readonly type: StateMachineType;
  readonly status: ExecutionStatus;
  readonly startDate: number;
  readonly stopDate?: number;
  /** JSON text. */
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly traceHeader?: string;
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
  readonly snapshotKey: string;
}

/** An execution without its input and output, as listings show it. */
export type ExecutionSummary = Omit<ExecutionRecord, 'input' | 'output'>;

export interface ExecutionCompletion {
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  readonly stopDate: number;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** A history event in AWS's shape; `id` numbers the execution's events from 1. */
export interface StoredHistoryEvent {
  readonly id: number;
  readonly [member: string]: unknown;
}

/** A page of results. `nextCursor` is opaque; pass it back as `after` for the next page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

export interface PageRequest {
  /** At least 1. */
  readonly limit: number;
  readonly after?: string;
}

export interface ExecutionQuery extends PageRequest {
  readonly stateMachineArn: string;
  /** Only executions started through this version (or alias) ARN. */
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
  readonly status?: ExecutionStatus;
}

export interface HistoryQuery extends PageRequest {
  readonly reverse?: boolean;
}

export interface RetentionPolicy {
  /** Keep at most this many finished executions (the newest by stop date). */
  readonly maxExecutions?: number;
  /** Delete finished executions that stopped before this time. */
  readonly stoppedBefore?: number;
}

/** Thrown by a store when a cursor it did not issue (or that is malformed) is passed back. */
export class InvalidCursorError extends Error {
  readonly code = 'InvalidCursor';
  constructor() {
    super('Invalid cursor');
  }
}

/**
 * Thrown by `insertExecution`, `completeExecution` or `appendHistory` when a history event id
 * is already stored for the execution, or given twice in one call. That write is not applied;
 * writes committed alongside it are unaffected.
 */
export class DuplicateEventError extends Error {
  readonly code = 'DuplicateHistoryEvent';
  constructor(readonly eventId: number) {
    super(`History event ${eventId} is already recorded for this execution`);
  }
}

export interface Store {
  // --- state machines -------------------------------------------------------------
  /** Inserts a machine with its first revision (seq 1). False if the ARN is taken. */
  createStateMachine(record: StateMachineRecord): Promise<boolean>;
  getStateMachine(arn: string): Promise<StateMachineRecord | undefined>;
  /** Ordered by name. */
  listStateMachines(page: PageRequest): Promise<Page<StateMachineRecord>>;
  /**
   * Makes `revision` (whose seq must be the current seq + 1) the current one.
   * False if the machine does not exist or its current seq is not `revision.seq - 1`.
   */
  updateStateMachine(arn: string, revision: RevisionRecord): Promise<boolean>;
  setStateMachineStatus(arn: string, status: StateMachineStatus): Promise<void>;
  /** Removes the machine, its revisions, versions, aliases and tags. Executions stay. */
  deleteStateMachine(arn: string): Promise<void>;

  // --- versions ---------------------------------------------------------------------
  /**
   * Publishes the machine's current revision as version `lastVersionNumber + 1`, atomically.
   * Undefined if the machine does not exist.
   */
  publishVersion(
    stateMachineArn: string,
    options: { readonly description?: string; readonly creationDate: number },
  ): Promise<VersionRecord | undefined>;
  getVersion(arn: string): Promise<VersionRecord | undefined>;
  /** The version published from the given revision, if any. */
  findVersionByRevision(stateMachineArn: string, revisionSeq: number): Promise<VersionRecord | undefined>;
  /** Highest number first. */
  listVersions(stateMachineArn: string, page: PageRequest): Promise<Page<VersionRecord>>;
  deleteVersion(arn: string): Promise<void>;

  // --- aliases ----------------------------------------------------------------------
  /** Inserts or replaces the alias with this ARN. */
  putAlias(record: AliasRecord): Promise<void>;
  getAlias(arn: string): Promise<AliasRecord | undefined>;
  /** In creation order. */
  listAliases(stateMachineArn: string, page: PageRequest): Promise<Page<AliasRecord>>;
  deleteAlias(arn: string): Promise<void>;

  // --- tags -------------------------------------------------------------------------
  /** In the order keys were first set. */
  getTags(resourceArn: string): Promise<readonly Tag[]>;
  /** Sets these keys (replacing values of existing keys), keeping the others. */
  putTags(resourceArn: string, tags: readonly Tag[]): Promise<void>;
  removeTags(resourceArn: string, keys: readonly string[]): Promise<void>;

  // --- activities -------------------------------------------------------------------
  /** Inserts an activity. False if the ARN is taken. */
  createActivity(record: ActivityRecord): Promise<boolean>;
  getActivity(arn: string): Promise<ActivityRecord | undefined>;
  /** Ordered by name. */
  listActivities(page: PageRequest): Promise<Page<ActivityRecord>>;
  /** Removes the activity and its tags; nothing if it does not exist. */
  deleteActivity(arn: string): Promise<void>;

  // --- executions -------------------------------------------------------------------
  /** Written once per key; later calls with the same key are no-ops. */
  putMachineSnapshot(snapshot: MachineSnapshot): Promise<void>;
  getMachineSnapshot(key: string): Promise<MachineSnapshot | undefined>;
  /**
   * Inserts an execution (running, or already finished when it ran synchronously), with the
   * history events known so far. False if an execution with this ARN exists.
   */
  insertExecution(record: ExecutionRecord, history?: readonly StoredHistoryEvent[]): Promise<boolean>;
  /** Marks a running execution finished and appends its remaining history events. */
  completeExecution(
    arn: string,
    completion: ExecutionCompletion,
    history?: readonly StoredHistoryEvent[],
  ): Promise<void>;
  appendHistory(arn: string, events: readonly StoredHistoryEvent[]): Promise<void>;
  getExecution(arn: string): Promise<ExecutionRecord | undefined>;
  /** Newest start date first. */
  listExecutions(query: ExecutionQuery): Promise<Page<ExecutionRecord>>;
  /**
   * listExecutions without input and output, which it then never reads: for listings that
   * show neither (AWS's ListExecutions). Its cursors and listExecutions' are interchangeable.
   */
  listExecutionSummaries(query: ExecutionQuery): Promise<Page<ExecutionSummary>>;
  /** By event id, ascending unless `reverse`. */
  getHistory(executionArn: string, query: HistoryQuery): Promise<Page<StoredHistoryEvent>>;
  /**
   * Executions still RUNNING when the store was last closed cannot resume (their state was
   * in memory): marks them finished with the given completion and returns their ARNs.
   */
  closeInterruptedExecutions(completion: ExecutionCompletion): Promise<readonly string[]>;
  /** Deletes finished executions (and their history) outside the policy; returns how many. */
  pruneExecutions(policy: RetentionPolicy): Promise<number>;

  /** Waits for pending writes, then releases the connection(s). */
  close(): Promise<void>;
}

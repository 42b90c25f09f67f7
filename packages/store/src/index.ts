export type {
  ActivityRecord,
  AliasRecord,
  ExecutionCompletion,
  ExecutionQuery,
  ExecutionRecord,
  ExecutionStatus,
  ExecutionSummary,
  HistoryQuery,
  MachineSnapshot,
  Page,
  PageRequest,
  RetentionPolicy,
  RevisionRecord,
  RoutingEntry,
  StateMachineRecord,
  StateMachineStatus,
  StateMachineType,
  Store,
  StoredHistoryEvent,
  Tag,
  VersionRecord,
} from './store.js';
export { DuplicateEventError, InvalidCursorError } from './store.js';
export { openStore, parseStoreLocation, InvalidStoreLocationError } from './open-store.js';
export type { StoreLocation, StoreOptions } from './open-store.js';
export type { GroupCommitOptions } from './group-commit.js';
export { InvalidSchemaNameError } from './postgres-connection.js';
export type { PostgresOptions } from './postgres-connection.js';
export type { SqliteOptions } from './sqlite-connection.js';
export { StoreVersionError } from './migrate.js';
export { StoreClosedError } from './sql-store.js';

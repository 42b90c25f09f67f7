/**
 * The Store over either backend: every query is written once, against Kysely. Execution
 * writes go through group commit; everything else is rare enough to commit on its own.
 */
import * as activities from './activities.js';
import * as aliases from './aliases.js';
import { commitExecutionWrites, type ExecutionWrite, type ExecutionWriteResult } from './execution-writes.js';
import * as executions from './executions.js';
import { createGroupCommit, type GroupCommit, type GroupCommitOptions } from './group-commit.js';
import { getHistory } from './history.js';
import { toChunks } from './history-chunks.js';
import { compileHotStatements } from './hot-statements.js';
import * as snapshots from './machine-snapshots.js';
import { pruneExecutions } from './retention.js';
import * as machines from './state-machines.js';
import type {
  ExecutionCompletion,
  ExecutionRecord,
  RetentionPolicy,
  RevisionRecord,
  StateMachineRecord,
  StoredHistoryEvent,
  Store,
} from './store.js';
import type { Backend } from './tables.js';
import * as tags from './tags.js';
import * as versions from './versions.js';

export class StoreClosedError extends Error {
  readonly code = 'StoreClosed';
  constructor() {
    super('The store is closed');
  }
}

export function createSqlStore(backend: Backend, groupCommit: GroupCommitOptions = {}): Store {
  const { db } = backend;
  const statements = compileHotStatements(db, backend.kind);
  const writes: GroupCommit<ExecutionWrite, ExecutionWriteResult> = createGroupCommit(
    (batch) => commitExecutionWrites(backend, statements, batch),
    groupCommit,
  );
  const inFlight = new Set<Promise<unknown>>();
  let closing: Promise<void> | undefined;

  /** Every method goes through here, so that close() can wait for what was started. */
  function run<T>(operation: () => Promise<T>): Promise<T> {
    if (closing !== undefined) return Promise.reject(new StoreClosedError());
    const promise = operation();
    inFlight.add(promise);
    const settled = (): void => void inFlight.delete(promise);
    promise.then(settled, settled);
    return promise;
  }

  return {
    createStateMachine: (record: StateMachineRecord) => run(() => machines.createStateMachine(backend, record)),
    getStateMachine: (arn) => run(() => machines.getStateMachine(db, arn)),
    listStateMachines: (page) => run(() => machines.listStateMachines(db, page)),
    updateStateMachine: (arn, revision: RevisionRecord) =>
      run(() => machines.updateStateMachine(backend, arn, revision)),
    setStateMachineStatus: (arn, status) => run(() => machines.setStateMachineStatus(backend, arn, status)),
    deleteStateMachine: (arn) => run(() => machines.deleteStateMachine(backend, arn)),

    publishVersion: (stateMachineArn, options) => run(() => versions.publishVersion(backend, stateMachineArn, options)),
    getVersion: (arn) => run(() => versions.getVersion(db, arn)),
    findVersionByRevision: (stateMachineArn, revisionSeq) =>
      run(() => versions.findVersionByRevision(db, stateMachineArn, revisionSeq)),
    listVersions: (stateMachineArn, page) => run(() => versions.listVersions(db, stateMachineArn, page)),
    deleteVersion: (arn) => run(() => versions.deleteVersion(backend, arn)),

    putAlias: (record) => run(() => aliases.putAlias(backend, record)),
    getAlias: (arn) => run(() => aliases.getAlias(db, arn)),
    listAliases: (stateMachineArn, page) => run(() => aliases.listAliases(db, stateMachineArn, page)),
    deleteAlias: (arn) => run(() => aliases.deleteAlias(backend, arn)),

    getTags: (resourceArn) => run(() => tags.getTags(db, resourceArn)),
    putTags: (resourceArn, list) => run(() => tags.putTags(backend, resourceArn, list)),
    removeTags: (resourceArn, keys) => run(() => tags.removeTags(backend, resourceArn, keys)),

    createActivity: (record) => run(() => activities.createActivity(backend, record)),
    getActivity: (arn) => run(() => activities.getActivity(db, arn)),
    listActivities: (page) => run(() => activities.listActivities(db, page)),
    deleteActivity: (arn) => run(() => activities.deleteActivity(backend, arn)),

    putMachineSnapshot: (snapshot) => run(() => snapshots.putMachineSnapshot(backend, snapshot)),
    getMachineSnapshot: (key) => run(() => snapshots.getMachineSnapshot(db, key)),

    // History becomes chunks in the caller's turn, not in the batch: a write with a repeated
    // or malformed event id fails before it could fail the batch.
    insertExecution: (record: ExecutionRecord, history: readonly StoredHistoryEvent[] = []) =>
      run(async () => (await writes.submit({ kind: 'insert', record, chunks: toChunks(history) })) === true),
    completeExecution: (arn: string, completion: ExecutionCompletion, history: readonly StoredHistoryEvent[] = []) =>
      run(async () => void (await writes.submit({ kind: 'complete', arn, completion, chunks: toChunks(history) }))),
    appendHistory: (arn, events) =>
      run(async () => void (await writes.submit({ kind: 'append', arn, chunks: toChunks(events) }))),
    getExecution: (arn) => run(() => executions.getExecution(db, arn)),
    listExecutions: (query) => run(() => executions.listExecutions(db, query)),
    listExecutionSummaries: (query) => run(() => executions.listExecutionSummaries(db, query)),
    getHistory: (executionArn, query) => run(() => getHistory(backend, executionArn, query)),
    // Queued writes first: an execution inserted just before must be seen, and one completed
    // just before must not be closed a second time.
    closeInterruptedExecutions: (completion) =>
      run(async () => {
        await writes.drain();
        return executions.closeInterruptedExecutions(backend, completion);
      }),
    pruneExecutions: (policy: RetentionPolicy) =>
      run(async () => {
        await writes.drain();
        return pruneExecutions(backend, policy);
      }),

    close() {
      closing ??= (async () => {
        await Promise.allSettled([...inFlight]);
        await writes.drain();
        await backend.close();
      })();
      return closing;
    },
  };
}

/**
 * Records for the shared store suite, built with defaults so that a test spells out only
 * what it is about.
 */
import type {
  AliasRecord,
  ExecutionRecord,
  MachineSnapshot,
  RevisionRecord,
  StateMachineRecord,
  Store,
  StoredHistoryEvent,
} from '../store.js';

/** Storage for one test, and the way to open it (each call opens the same storage). */
export interface StoreTarget {
  open(): Promise<Store>;
  /** False for in-memory storage, where each open gets storage of its own. */
  readonly persistent: boolean;
}

/** What each test gets: a store on storage no other test uses. */
export interface SuiteContext {
  /** Opened for this test on fresh storage; closed after it. */
  readonly store: Store;
  /** Opens the same storage once more (closed after the test too). */
  reopen(): Promise<Store>;
  /** False for in-memory storage, where a second open sees other storage. */
  readonly persistent: boolean;
  /** More fresh storage; stores opened on it are closed after the test too. */
  newTarget(): Promise<StoreTarget>;
}

export const region = 'arn:aws:states:us-east-1:123456789012';

export function machineArn(name: string): string {
  return `${region}:stateMachine:${name}`;
}

export function revision(seq: number, overrides: Partial<RevisionRecord> = {}): RevisionRecord {
  return {
    seq,
    ...(seq > 1 && { revisionId: `rev-${seq}` }),
    definition: JSON.stringify({ StartAt: 'S', States: { S: { Type: 'Pass', Result: seq, End: true } } }),
    roleArn: 'arn:aws:iam::123456789012:role/flowgate',
    loggingConfiguration: '{"level":"OFF","includeExecutionData":false}',
    tracingConfiguration: '{"enabled":false}',
    updateDate: 1_700_000_000_000 + seq,
    ...overrides,
  };
}

export function machine(name: string, overrides: Partial<StateMachineRecord> = {}): StateMachineRecord {
  return {
    arn: machineArn(name),
    name,
    type: 'STANDARD',
    status: 'ACTIVE',
    creationDate: 1_700_000_000_000,
    revision: revision(1),
    lastVersionNumber: 0,
    ...overrides,
  };
}

export function alias(machineName: string, name: string, overrides: Partial<AliasRecord> = {}): AliasRecord {
  const arn = machineArn(machineName);
  return {
    arn: `${arn}:${name}`,
    stateMachineArn: arn,
    name,
    routingConfiguration: [{ stateMachineVersionArn: `${arn}:1`, weight: 100 }],
    creationDate: 1_700_000_000_100,
    updateDate: 1_700_000_000_100,
    ...overrides,
  };
}

export function snapshot(key: string, machineName = 'orders'): MachineSnapshot {
  return { key, stateMachineArn: machineArn(machineName), name: machineName, revision: revision(1) };
}

export function execution(machineName: string, name: string, overrides: Partial<ExecutionRecord> = {}): ExecutionRecord {
  return {
    arn: `${region}:execution:${machineName}:${name}`,
    stateMachineArn: machineArn(machineName),
    name,
    type: 'STANDARD',
    status: 'RUNNING',
    startDate: 1_700_000_001_000,
    input: '{"orderId":"o-1"}',
    snapshotKey: `${machineName}#1`,
    ...overrides,
  };
}

/** A finished execution: status, stop date and output set. */
export function finished(
  machineName: string,
  name: string,
  stopDate: number,
  overrides: Partial<ExecutionRecord> = {},
): ExecutionRecord {
  return execution(machineName, name, {
    status: 'SUCCEEDED',
    startDate: stopDate - 10,
    stopDate,
    output: '{"ok":true}',
    ...overrides,
  });
}

/** Events `from`..`to` (inclusive), shaped like AWS history events. */
export function events(from: number, to: number): StoredHistoryEvent[] {
  const list: StoredHistoryEvent[] = [];
  for (let id = from; id <= to; id += 1) {
    list.push({
      id,
      previousEventId: id - 1,
      timestamp: 1_700_000_001_000 + id,
      type: id === 1 ? 'ExecutionStarted' : 'PassStateEntered',
      stateEnteredEventDetails: { name: 'S', input: '{}' },
    });
  }
  return list;
}

/** Every item of a paged listing, fetching `limit` at a time; also returns the page count. */
export async function collectPages<T>(
  fetch: (after: string | undefined) => Promise<{ readonly items: readonly T[]; readonly nextCursor?: string }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await fetch(after);
    pages += 1;
    items.push(...page.items);
    after = page.nextCursor;
  } while (after !== undefined && pages < 10_000);
  return { items, pages };
}

/** Cursors no store issued: not base64url, not JSON, the wrong shape. */
export const badCursors = [
  'not a cursor!',
  '%%%',
  Buffer.from('{"not":"an array"}').toString('base64url'),
  Buffer.from('not json').toString('base64url'),
  Buffer.from('["machines"]').toString('base64url'),
  Buffer.from('["nonsense",1]').toString('base64url'),
  Buffer.from('["executions","x",1]').toString('base64url'),
  Buffer.from('["versions",1.5]').toString('base64url'),
];

import type { Store } from '@flowgate/store';
import { InvalidCursorError } from '@flowgate/store';
import type { CompiledMachines } from '../executor/compiled-machines.js';
import type { Executor } from '../executor/executor.js';
import type { TaskCallbacks } from '../functions/callbacks/task-callbacks.js';
import type { MockTestCases } from '../functions/mocks/mock-test-cases.js';
import type { RecordCache } from './record-cache.js';
import type { ArnScope } from './arn.js';
import { invalidToken } from './errors.js';

/** What every action handler works with. */
export interface ServiceContext {
  readonly store: Store;
  readonly executor: Executor;
  readonly machines: CompiledMachines;
  /** Read-through cache of the records a start needs; cleared by every write action. */
  readonly records: RecordCache;
  readonly scope: ArnScope;
  readonly now: () => number;
  /** Snapshot keys already written to the store by this process. */
  readonly knownSnapshots: Set<string>;
  /** Flowgate extension: EXPRESS machines may use `.waitForTaskToken` and activities. */
  readonly expressCallbacks?: boolean;
  /** Task tokens waited on and activity tasks waiting for workers (SendTask*, GetActivityTask). */
  readonly callbacks: TaskCallbacks;
  /** Step Functions Local's mock test cases (`StartExecution` on `<ARN>#<TestCase>`), when configured. */
  readonly mocks?: MockTestCases;
}

/** AWS's JSON protocol carries timestamps as epoch seconds with fractional milliseconds. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** `maxResults` 0 or absent means AWS's default page of 100. */
export function pageSizeOf(input: Record<string, unknown>): number {
  const requested = input.maxResults;
  return typeof requested === 'number' && requested > 0 ? requested : 100;
}

/** Store cursors travel as `nextToken`; a token the store did not issue is AWS's InvalidToken. */
export async function withPageToken<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof InvalidCursorError) throw invalidToken();
    throw error;
  }
}

export function optionalString(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  return typeof value === 'string' ? value : undefined;
}

export function requiredString(input: Record<string, unknown>, member: string): string {
  // Presence and type were checked against the service model before the action ran.
  return input[member] as string;
}

/** Builds an output object without the members whose value is undefined (AWS omits them). */
export function compact(members: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(members)) if (value !== undefined) out[key] = value;
  return out;
}

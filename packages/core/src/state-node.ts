import type { Json } from './json.js';
import type { Frame } from './run.js';

export type StateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

/**
 * A compiled state. `execute` returns the state's output (synchronously when it can, so that
 * chains of Pass and Choice states run without a promise per state) and leaves the chosen
 * transition in `frame.next` (pre-set to the state's `Next`; null ends the branch).
 * A failure is thrown as a StatesFailure and routed by the driver and by Retry/Catch.
 */
export interface StateNode {
  readonly name: string;
  readonly type: StateType;
  /** Whether the state reads the context object, so its entry time must be recorded. */
  readonly readsContext: boolean;
  next: StateNode | null;
  execute(input: Json, frame: Frame): Json | Promise<Json>;
  /** Resolves transition names to nodes once every state of the scope is compiled. */
  link(resolve: (name: string) => StateNode | null): void;
}

export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

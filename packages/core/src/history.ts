/**
 * Execution history events in AWS's shape (`GetExecutionHistory`): `id` numbers every event
 * of the execution from 1, `previousEventId` points at the causing event, and exactly one
 * `*EventDetails` member carries the details.
 */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** Milliseconds since the Unix epoch. */
  readonly timestamp: number;
  readonly type: string;
  readonly [detailsKey: string]: unknown;
}

/** Receives every event as it happens. When no sink is attached, no event object is built. */
export type HistorySink = (event: HistoryEvent) => void;

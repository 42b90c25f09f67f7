import { StatesFailure } from './errors.js';

/**
 * Whether an `ErrorEquals` list matches an error.
 * - `States.Runtime` is never caught nor retried, even when named (AWS-observed).
 * - `States.ALL` matches every other error.
 * - `States.TaskFailed` matches every error except `States.Timeout` (docs) and
 *   `States.QueryEvaluationError` (observed).
 * - `States.HeartbeatTimeout` matches a timeout caused by a missed heartbeat.
 */
export function errorMatches(errorEquals: readonly string[], failure: StatesFailure): boolean {
  const error = failure.error;
  if (error === 'States.Runtime') return false;
  if (error === undefined) return errorEquals.includes('States.ALL');
  for (const name of errorEquals) {
    if (name === error || name === 'States.ALL') return true;
    if (name === 'States.TaskFailed' && error !== 'States.Timeout' && error !== 'States.QueryEvaluationError') return true;
    if (name === 'States.HeartbeatTimeout' && failure instanceof HeartbeatTimeout) return true;
  }
  return false;
}

/** A `States.Timeout` caused by a missed heartbeat (matchable as `States.HeartbeatTimeout` too). */
export class HeartbeatTimeout extends StatesFailure {
  constructor() {
    super('States.Timeout');
  }
}

/** Anything thrown inside a state becomes a StatesFailure; engine bugs surface as States.Runtime. */
export function asFailure(thrown: unknown): StatesFailure {
  if (thrown instanceof StatesFailure) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new StatesFailure('States.Runtime', message);
}

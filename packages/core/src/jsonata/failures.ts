/**
 * States.QueryEvaluationError in AWS's words. Every failure also records the
 * `EvaluationFailed` history event AWS writes (error, cause, the field as `location`, the
 * state); its previousEventId is 0 (AWS-observed).
 */
import type { StatesFailure } from '../errors.js';
import { queryEvaluationFailure } from '../errors.js';
import type { Json } from '../json.js';
import { toJsonText } from '../json.js';
import type { Frame } from '../run.js';

/** What a failure needs of the evaluation: the frame of the state being evaluated. */
export interface FailureSite {
  readonly frame: Frame;
}

/** Raises States.QueryEvaluationError for `field`, recording the history event. */
export function fieldFailure(site: FailureSite, field: string, detail: string): StatesFailure {
  const failure = queryEvaluationFailure(detail);
  const frame = site.frame;
  frame.run.emit('EvaluationFailed', 0, 'evaluationFailedEventDetails', () => ({
    error: 'States.QueryEvaluationError',
    cause: `An error occurred while executing the state '${frame.stateName}' (entered at the event id #${frame.enteredEventId}). ${detail}`,
    location: field,
    state: frame.stateName,
  }));
  return failure;
}

export function evaluationFailure(site: FailureSite, source: string, field: string, message: string): StatesFailure {
  return fieldFailure(site, field, `The JSONata expression '${source}' specified for the field '${field}' threw an error during evaluation. ${message}`);
}

/** AWS-observed: an expression must produce a value wherever it is written. */
export function returnedNothing(site: FailureSite, source: string, field: string): StatesFailure {
  return fieldFailure(site, field, `The JSONata expression '${source}' specified for the field '${field}' returned nothing (undefined).`);
}

/** AWS-observed for a function result (`$fn := function($x){$x}`). */
export function unsupportedResult(site: FailureSite, source: string, field: string): StatesFailure {
  return fieldFailure(site, field, `The JSONata expression '${source}' specified for the field '${field}' returned an unsupported result type.`);
}

/** The type names AWS uses in its causes: `Expected 'array', but was 'number' for value: 1`. */
export function typeName(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** AWS-observed for Map `Items`: `… returned an unexpected result type. Expected 'array', but was 'null' for value: null`. */
export function unexpectedType(site: FailureSite, source: string, field: string, expected: string, value: Json): StatesFailure {
  return fieldFailure(
    site,
    field,
    `The JSONata expression '${source}' specified for the field '${field}' returned an unexpected result type. Expected '${expected}', but was '${typeName(value)}' for value: ${toJsonText(value)}`,
  );
}

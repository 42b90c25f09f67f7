import type { CompileContext } from './compile-context.js';
import { pointerTo } from './compile-context.js';
import type { StatesFailure } from './errors.js';
import { errorMatches } from './error-match.js';
import type { Json, JsonObject } from './json.js';
import { isJsonObject } from './json.js';

export interface Retrier {
  readonly errorEquals: readonly string[];
  readonly intervalSeconds: number;
  readonly maxAttempts: number;
  readonly backoffRate: number;
  readonly maxDelaySeconds: number | undefined;
  readonly fullJitter: boolean;
}

export function compileRetriers(value: Json | undefined, pointer: string, cx: CompileContext): readonly Retrier[] {
  if (!Array.isArray(value)) return [];
  const retriers: Retrier[] = [];
  value.forEach((raw, index) => {
    if (!isJsonObject(raw)) return;
    const at = pointerTo(pointer, index);
    const errorEquals = stringList(raw, 'ErrorEquals', at, cx);
    retriers.push({
      errorEquals,
      intervalSeconds: numberField(raw, 'IntervalSeconds', 1),
      maxAttempts: numberField(raw, 'MaxAttempts', 3),
      backoffRate: numberField(raw, 'BackoffRate', 2),
      maxDelaySeconds: typeof raw.MaxDelaySeconds === 'number' ? raw.MaxDelaySeconds : undefined,
      fullJitter: raw.JitterStrategy === 'FULL',
    });
  });
  return retriers;
}

/**
 * The retry policy of one state execution: the first retrier whose ErrorEquals matches
 * decides; when its own attempts are used up, retrying stops (later retriers are not tried)
 * and the error goes to Catch. Counters live as long as the state execution.
 * Returns the delay in milliseconds, or undefined when the error is not retried.
 */
export class RetryCounters {
  private readonly attempts: number[];
  constructor(private readonly retriers: readonly Retrier[]) {
    this.attempts = retriers.map(() => 0);
  }

  nextDelayMs(failure: StatesFailure, random: () => number): number | undefined {
    for (let i = 0; i < this.retriers.length; i++) {
      const retrier = this.retriers[i] as Retrier;
      if (!errorMatches(retrier.errorEquals, failure)) continue;
      const attempt = this.attempts[i] as number;
      if (attempt >= retrier.maxAttempts) return undefined;
      this.attempts[i] = attempt + 1;
      let seconds = retrier.intervalSeconds * Math.pow(retrier.backoffRate, attempt);
      if (retrier.maxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.maxDelaySeconds);
      if (retrier.fullJitter) seconds = random() * seconds;
      return Math.round(seconds * 1000);
    }
    return undefined;
  }
}

export function stringList(raw: JsonObject, field: string, pointer: string, cx: CompileContext): string[] {
  const value = raw[field];
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  value.forEach((item, index) => {
    if (typeof item === 'string') names.push(item);
    else cx.report(pointerTo(pointerTo(pointer, field), index), `The value for the field '${field}' must be a list of STRING`);
  });
  return names;
}

function numberField(raw: JsonObject, field: string, fallback: number): number {
  const value = raw[field];
  return typeof value === 'number' ? value : fallback;
}

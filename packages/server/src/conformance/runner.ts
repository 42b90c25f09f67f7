// Runs conformance cases in-process against @flowgate/core: no HTTP, no AWS SDK. Each case
// gets its own simulated clock, so Wait states and Retry back-off cost no real time, and a
// real-time limit, so that one hanging case cannot stall the run.
import { compileStateMachine, createSimulatedClock, parseExecutionInput, toJsonText } from '@flowgate/core';
import type { CompileOptions, ExecutionMode, ExecutionResult, Json, StateMachine, StateMachineType } from '@flowgate/core';
import { createUnconfiguredTaskPort } from '../unconfigured-task-port.js';
import type { ConformanceCase } from './case-file.js';
import { compareApiError, compareOutcome } from './matcher.js';
import type { ActualOutcome, Mismatch } from './matcher.js';
import { findSkipReason } from './skip-rules.js';

export interface RunnerOptions {
  /** How cases whose `runAs` is `ANY` run: EXPRESS (StartSyncExecution, the default) or STANDARD. */
  readonly type?: StateMachineType;
  /** Names of skip rules to ignore (`task`). */
  readonly include?: ReadonlySet<string>;
  /** Cases in flight at once; default 4. */
  readonly concurrency?: number;
  /** Real milliseconds after which a case fails as hung; default 30 000. */
  readonly timeoutMs?: number;
  /** The engine; tests replace it with a fake. */
  readonly compile?: (definition: string, options: CompileOptions) => StateMachine;
}

export type Verdict = 'pass' | 'fail' | 'skip';

export interface CaseResult {
  readonly id: string;
  readonly category: string;
  readonly result: Verdict;
  readonly mode?: ExecutionMode;
  /** Why the case was skipped. */
  readonly reason?: string;
  readonly diffs: readonly Mismatch[];
  /** What Flowgate produced: the outcome, the API error, or `created`. */
  readonly actual?: unknown;
  /** Real time the case took. */
  readonly ms: number;
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_TIMEOUT_MS = 30_000;

/** How to start a case, with the same rule as the shared runner (shared/conformance/run.mjs). */
export function runModeOf(c: ConformanceCase, type: StateMachineType = 'EXPRESS'): ExecutionMode {
  const pinned = c.execution.runAs;
  if (pinned !== 'ANY') return pinned;
  return type === 'STANDARD' ? 'STANDARD' : 'EXPRESS_SYNC';
}

interface ApiError {
  code: string;
  message: string;
}

/** An engine error (DefinitionError, EngineError) carries the AWS exception name as `code`. */
function asApiError(error: unknown): ApiError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? { code, message: error.message } : undefined;
}

function toActualOutcome(result: ExecutionResult): ActualOutcome {
  // Output goes through JSON text, as the API returns it, so that the comparison sees what
  // an AWS client would (e.g. -0 printed as 0).
  return {
    status: result.status,
    ...(result.output === undefined ? {} : { output: toJsonText(result.output) }),
    ...(result.error === undefined ? {} : { error: result.error }),
    ...(result.cause === undefined ? {} : { cause: result.cause }),
  };
}

interface Execution {
  readonly actual: unknown;
  readonly diffs: Mismatch[];
}

let machineCount = 0;

async function executeCase(c: ConformanceCase, mode: ExecutionMode, options: RunnerOptions, signal: AbortSignal): Promise<Execution> {
  const compile = options.compile ?? compileStateMachine;
  const placeholders = c.expected.placeholders ?? {};
  const compileOptions: CompileOptions = {
    type: mode === 'STANDARD' ? 'STANDARD' : 'EXPRESS',
    name: `conformance-${(machineCount++).toString(36)}`,
  };
  // The definition goes in as text, as CreateStateMachine receives it.
  const definition = JSON.stringify(c.definition);

  if (c.expected.createError !== undefined) {
    let error: ApiError | undefined;
    try {
      compile(definition, compileOptions);
    } catch (thrown) {
      error = asApiError(thrown);
      if (error === undefined) throw thrown;
    }
    return { actual: error ?? 'created', diffs: compareApiError(c.expected.createError, error, placeholders) };
  }

  const machine = compile(definition, compileOptions);
  let result: ExecutionResult;
  try {
    const input: Json = parseExecutionInput(c.input);
    result = await machine.start(input, {
      mode,
      // Starting at the real time keeps `$$.Execution.StartTime` and timestamps plausible.
      clock: createSimulatedClock(Date.now()),
      taskPort: createUnconfiguredTaskPort(),
      signal,
    });
  } catch (thrown) {
    const error = asApiError(thrown);
    if (c.expected.startError === undefined || error === undefined) throw thrown;
    return { actual: error, diffs: compareApiError(c.expected.startError, error, placeholders) };
  }
  if (c.expected.startError !== undefined) {
    return { actual: toActualOutcome(result), diffs: compareApiError(c.expected.startError, undefined, placeholders) };
  }
  const actual = toActualOutcome(result);
  return { actual, diffs: compareOutcome(c.expected, actual) };
}

class CaseTimeout extends Error {
  constructor(ms: number) {
    super(`no result after ${ms / 1000} s of real time`);
    this.name = 'CaseTimeout';
  }
}

/**
 * Runs `task` with a real-time limit: when it passes, the task's signal is aborted (the
 * engine then stops the execution) and the case fails without waiting for the task. A task
 * that blocks the event loop synchronously cannot be interrupted in-process.
 */
async function withTimeout<T>(ms: number, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const timeout = new CaseTimeout(ms);
      controller.abort(timeout);
      reject(timeout);
    }, ms);
  });
  try {
    return await Promise.race([task(controller.signal), expiry]);
  } finally {
    clearTimeout(timer);
  }
}

function describeThrown(thrown: unknown): string {
  if (!(thrown instanceof Error)) return String(thrown);
  const code = (thrown as { code?: unknown }).code;
  return `${thrown.name}${typeof code === 'string' ? ` ${code}` : ''}: ${thrown.message}`;
}

/** Runs one case (or skips it) and compares the outcome with what AWS recorded. */
export async function runCase(c: ConformanceCase, options: RunnerOptions = {}): Promise<CaseResult> {
  const base = { id: c.id, category: c.category };
  const reason = findSkipReason(c, options.include);
  if (reason !== undefined) return { ...base, result: 'skip', reason, diffs: [], ms: 0 };
  const mode = runModeOf(c, options.type);
  const started = Date.now();
  try {
    const { actual, diffs } = await withTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, (signal) => executeCase(c, mode, options, signal));
    return { ...base, result: diffs.length === 0 ? 'pass' : 'fail', mode, diffs, actual, ms: Date.now() - started };
  } catch (thrown) {
    const diffs = [{ path: 'run', expected: 'no error', actual: describeThrown(thrown) }];
    return { ...base, result: 'fail', mode, diffs, ms: Date.now() - started };
  }
}

/**
 * Runs cases with bounded concurrency. `onResult` sees each result as soon as it is known
 * (in completion order); the returned list is in the order of `cases`.
 */
export async function runCases(
  cases: readonly ConformanceCase[],
  options: RunnerOptions = {},
  onResult: (result: CaseResult) => void = () => {},
): Promise<CaseResult[]> {
  const results = new Array<CaseResult>(cases.length);
  let next = 0;
  const work = async (): Promise<void> => {
    for (let index = next++; index < cases.length; index = next++) {
      const result = await runCase(cases[index] as ConformanceCase, options);
      results[index] = result;
      onResult(result);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, cases.length));
  await Promise.all(Array.from({ length: workers }, work));
  return results;
}

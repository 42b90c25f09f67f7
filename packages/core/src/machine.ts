import { systemClock } from './clock.js';
import type { QueryLanguage } from './compile-context.js';
import { CompileContext } from './compile-context.js';
import type { Plan } from './compile.js';
import { compilePlan } from './compile.js';
import type { ExecutionEnd } from './drive.js';
import { ExecutionStopped, runExecution } from './drive.js';
import type { Diagnostic } from './errors.js';
import { DefinitionError, StatesFailure } from './errors.js';
import type { ExecutionMode, ExecutionResult, ExecutionStatus, StartOptions, StateMachineType } from './execution.js';
import type { ExecutionStopper } from './execution-stopper.js';
import { randomUuid } from './ids.js';
import type { Json, JsonObject } from './json.js';
import { isJsonObject, toJsonText } from './json.js';
import type { JsonataLimits } from './jsonata/index.js';
import { DEFAULT_LIMITS } from './jsonata/index.js';
import { ExecutionRun, Frame } from './run.js';
import { isPromise } from './state-node.js';
import { StopScope } from './stop-scope.js';
import { validateDefinition } from './validate/index.js';

export interface CompileOptions {
  /** Default EXPRESS. */
  readonly type?: StateMachineType;
  /** Default `flowgate`. */
  readonly name?: string;
  /** Default `arn:aws:states:us-east-1:123456789012:stateMachine:<name>`. */
  readonly arn?: string;
  /**
   * Guard rails for the definition's JSONata expressions (time, depth and size of one
   * evaluation); default AWS's bounds (jsonata/limits.ts).
   */
  readonly jsonataLimits?: Partial<JsonataLimits>;
  /** Flowgate extension: EXPRESS machines may use `.waitForTaskToken` and activities. */
  readonly expressCallbacks?: boolean;
}

/** A validated, compiled definition: compile once, start many executions. */
export interface StateMachine {
  readonly name: string;
  readonly arn: string;
  readonly type: StateMachineType;
  readonly definition: JsonObject;
  start(input: Json, options?: StartOptions): Promise<ExecutionResult>;
}

/** AWS ends an express execution that runs longer than five minutes. */
const EXPRESS_LIMIT_SECONDS = 300;
const DEFAULT_ROLE_ARN = 'arn:aws:iam::123456789012:role/flowgate';

/** Throws DefinitionError (every problem, each with a JSON Pointer) when the definition is invalid. */
export function compileStateMachine(definition: string | Json, options: CompileOptions = {}): StateMachine {
  const { plan, diagnostics, raw } = analyse(definition, options);
  if (plan === undefined || diagnostics.length > 0) throw new DefinitionError(diagnostics);
  return new CompiledStateMachine(raw as JsonObject, plan, options);
}

/** Every problem of a definition (empty when valid). Never throws. */
export function validateStateMachine(definition: string | Json, options: CompileOptions = {}): Diagnostic[] {
  return analyse(definition, options).diagnostics;
}

function analyse(definition: string | Json, options: CompileOptions): { plan: Plan | undefined; diagnostics: Diagnostic[]; raw: Json } {
  let raw: Json;
  try {
    // A private copy: compiled literals are frozen and must not freeze the caller's object.
    raw = JSON.parse(typeof definition === 'string' ? definition : JSON.stringify(definition)) as Json;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { plan: undefined, raw: null, diagnostics: [{ pointer: '', code: 'INVALID_JSON_DESCRIPTION', message: detail }] };
  }
  const diagnostics = validateDefinition(raw, { type: options.type ?? 'EXPRESS', expressCallbacks: options.expressCallbacks === true });
  if (!isJsonObject(raw)) return { plan: undefined, raw, diagnostics };
  const language: QueryLanguage = raw.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  const cx = new CompileContext(language, { ...DEFAULT_LIMITS, ...options.jsonataLimits });
  let plan: Plan | undefined;
  try {
    plan = compilePlan(raw, cx);
  } catch (error) {
    // A definition the validator let through but the compiler cannot handle is still a definition problem.
    if (diagnostics.length === 0) {
      cx.report('', error instanceof Error ? error.message : String(error));
    }
  }
  for (const diagnostic of cx.diagnostics) {
    if (!diagnostics.some((d: Diagnostic) => d.pointer === diagnostic.pointer && d.message === diagnostic.message)) diagnostics.push(diagnostic);
  }
  if (plan === undefined && diagnostics.length === 0) {
    diagnostics.push({ pointer: '', code: 'SCHEMA_VALIDATION_FAILED', message: 'The definition has no runnable start state' });
  }
  return { plan, diagnostics, raw };
}

class CompiledStateMachine implements StateMachine {
  readonly name: string;
  readonly arn: string;
  readonly type: StateMachineType;
  /** `…:execution:<machine>:` and `…:express:<machine>:`, made once per machine. */
  private readonly standardArnPrefix: string;
  private readonly expressArnPrefix: string;

  constructor(
    readonly definition: JsonObject,
    private readonly plan: Plan,
    options: CompileOptions,
  ) {
    this.type = options.type ?? 'EXPRESS';
    this.name = options.name ?? 'flowgate';
    this.arn = options.arn ?? `arn:aws:states:us-east-1:123456789012:stateMachine:${this.name}`;
    const parts = this.arn.split(':');
    const arnPrefix = parts.slice(0, 5).join(':');
    const arnMachineName = parts[6] ?? this.name;
    this.standardArnPrefix = `${arnPrefix}:execution:${arnMachineName}:`;
    this.expressArnPrefix = `${arnPrefix}:express:${arnMachineName}:`;
  }

  /**
   * STANDARD: `…:execution:<machine>:<name>`; EXPRESS: `…:express:<machine>:<name>:<uuid>`.
   * The fixed part is made once per machine: a pending execution holds few string pieces.
   */
  private executionArnOf(name: string, mode: ExecutionMode, random: () => number): string {
    if (mode === 'STANDARD') return this.standardArnPrefix + name;
    return this.expressArnPrefix + name + ':' + randomUuid(random);
  }

  start(input: Json, options: StartOptions = {}): Promise<ExecutionResult> {
    const mode: ExecutionMode = options.mode ?? (this.type === 'STANDARD' ? 'STANDARD' : 'EXPRESS_SYNC');
    const clock = options.clock ?? systemClock;
    const random = options.random ?? Math.random;
    const name = options.executionName ?? randomUuid(random);
    const executionArn = options.executionArn ?? this.executionArnOf(name, mode, random);
    const stopper = new StopScope();
    const detachSignal = options.signal === undefined ? undefined : abortOnSignal(options.signal, stopper);
    options.stopper?.bind(stopper);
    const startDate = clock.now();
    const roleArn = options.roleArn ?? DEFAULT_ROLE_ARN;
    const run = new ExecutionRun(mode, executionArn, name, this.arn, this.name, roleArn, input, startDate, clock, random, options.taskPort, options.history, stopper);
    // Sleeps and tasks never wait past the deadline; reaching it times the execution out.
    const limitSeconds = mode === 'STANDARD' ? this.plan.timeoutSeconds : Math.min(this.plan.timeoutSeconds ?? EXPRESS_LIMIT_SECONDS, EXPRESS_LIMIT_SECONDS);
    if (limitSeconds !== undefined) run.deadline = startDate + limitSeconds * 1000;
    if (run.sink === undefined) run.lastEventId++;
    else emitStart(run);

    const result = runExecution(this.plan.start, input, new Frame(run, stopper), new Ending(run, detachSignal, options.stopper));
    return isPromise(result) ? result : Promise.resolve(result);
  }
}

/**
 * Ends the execution: stops what is still in flight, records the end, shapes the result. One
 * small object per execution (rather than closures over `start`'s variables), since thousands
 * of executions may be pending at once.
 */
class Ending implements ExecutionEnd<ExecutionResult> {
  constructor(
    private readonly run: ExecutionRun,
    private readonly detachSignal: (() => void) | undefined,
    private readonly stopper: ExecutionStopper | undefined,
  ) {}

  succeeded(output: Json): ExecutionResult {
    return this.finish({ status: 'SUCCEEDED', output });
  }

  failed(error: unknown): ExecutionResult {
    return this.finish(outcomeOf(error));
  }

  private finish(outcome: Outcome): ExecutionResult {
    const run = this.run;
    this.detachSignal?.();
    this.stopper?.release();
    // Work still in flight (a branch's timer, a task) is stopped once the outcome is known.
    run.rootScope.stopPending(() => new ExecutionStopped('ABORTED'));
    emitEnd(run, outcome);
    const result: Mutable<ExecutionResult> = {
      executionArn: run.executionArn,
      stateMachineArn: run.machineArn,
      name: run.executionName,
      status: outcome.status,
      startDate: run.startTime,
      stopDate: run.clock.now(),
      input: run.input,
    };
    if (outcome.output !== undefined) result.output = outcome.output;
    if (outcome.error !== undefined) result.error = outcome.error;
    if (outcome.cause !== undefined) result.cause = outcome.cause;
    return result;
  }
}

/** Aborting `signal` stops the execution; returns what detaches the listener at the end. */
function abortOnSignal(signal: AbortSignal, stopper: StopScope): () => void {
  const abort = (): void => stopper.stop(new ExecutionStopped('ABORTED'));
  if (signal.aborted) abort();
  else signal.addEventListener('abort', abort, { once: true });
  return () => signal.removeEventListener('abort', abort);
}

function emitStart(run: ExecutionRun): void {
  run.emit('ExecutionStarted', 0, 'executionStartedEventDetails', () => ({
    input: toJsonText(run.input),
    inputDetails: { truncated: false },
    roleArn: run.roleArn,
  }));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

type Outcome = { status: ExecutionStatus; output?: Json; error?: string; cause?: string };

function outcomeOf(error: unknown): Outcome {
  if (error instanceof ExecutionStopped) {
    return error.reason === 'TIMED_OUT' ? { status: 'TIMED_OUT', error: 'States.Timeout' } : { status: 'ABORTED' };
  }
  if (error instanceof StatesFailure) {
    const outcome: Outcome = { status: 'FAILED' };
    if (error.error !== undefined) outcome.error = error.error;
    if (error.cause !== undefined) outcome.cause = error.cause;
    return outcome;
  }
  return { status: 'FAILED', error: 'States.Runtime', cause: error instanceof Error ? error.message : String(error) };
}

function emitEnd(run: ExecutionRun, outcome: Outcome): void {
  if (run.sink === undefined) {
    run.lastEventId++;
    return;
  }
  const errorDetails = (): Json => {
    const details: JsonObject = {};
    if (outcome.error !== undefined) details.error = outcome.error;
    if (outcome.cause !== undefined) details.cause = outcome.cause;
    return details;
  };
  switch (outcome.status) {
    case 'SUCCEEDED':
      run.emit('ExecutionSucceeded', run.lastEventId, 'executionSucceededEventDetails', () => ({
        output: toJsonText(outcome.output),
        outputDetails: { truncated: false },
      }));
      break;
    case 'FAILED':
      run.emit('ExecutionFailed', run.lastEventId, 'executionFailedEventDetails', errorDetails);
      break;
    case 'TIMED_OUT':
      run.emit('ExecutionTimedOut', 0, 'executionTimedOutEventDetails', errorDetails);
      break;
    case 'ABORTED':
      run.emit('ExecutionAborted', run.lastEventId, 'executionAbortedEventDetails', errorDetails);
      break;
  }
}


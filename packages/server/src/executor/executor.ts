import type { ExecutionMode, ExecutionResult, HistoryEvent, Json, StartOptions, StateMachine, TaskPort } from '@flowgate/core';
import { ExecutionStopper, toJsonText } from '@flowgate/core';
import type { ExecutionRecord, Store, StoredHistoryEvent } from '@flowgate/store';
import type { LoggingSettings, LogSink } from '../observability/execution-log.js';
import { toLogRecord } from '../observability/execution-log.js';
import { ExecutionThrottled, ServerShuttingDown } from './executor-errors.js';
import { timeOrderedUuid } from './time-ordered-uuid.js';

/** Everything needed to run one execution of a resolved machine revision. */
export interface ExecutionRequest {
  readonly machine: StateMachine;
  /** The unqualified ARN and name of the machine. */
  readonly stateMachineArn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly mode: ExecutionMode;
  readonly name?: string;
  readonly input: Json;
  /** The input as the client sent it, kept verbatim in the record. */
  readonly inputText: string;
  readonly roleArn: string;
  readonly snapshotKey: string;
  readonly logging: LoggingSettings;
  readonly traceHeader?: string;
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
  /** Given the means to stop the execution, e.g. when a synchronous caller goes away. */
  readonly watchCaller?: (stop: () => void) => void;
  /** Replaces this execution's task port, given the one it would have had (mock test cases fall back to it). */
  readonly taskPortOverride?: (standard: TaskPort) => TaskPort;
}

export interface ExecutorOptions {
  readonly store: Store;
  /** The task port of each execution (it carries the execution's trace header to functions). */
  readonly taskPortFor: (caller: { readonly executionArn: string; readonly traceHeader?: string }) => TaskPort;
  readonly logSink?: LogSink;
  /** Executions in flight at once; a start beyond it is refused, never queued. */
  readonly maxConcurrentExecutions: number;
  /** Keep records and history of EXPRESS executions (AWS keeps none). */
  readonly recordExpressExecutions: boolean;
}

/** What the executor holds of an execution while it runs here. */
class RunningExecution {
  readonly stopper = new ExecutionStopper();
  /** StopExecution's or a shutdown's error and cause, which the record and last event carry. */
  stopReason: { error?: string; cause?: string } | undefined = undefined;
  done!: Promise<ExecutionRecord>;

  constructor(readonly events: HistoryEvent[]) {}
}

/**
 * Runs executions: owns their concurrency, cancellation, history and records. The engine
 * decides what happens; this is the one place that performs the I/O around it.
 */
export class Executor {
  private readonly running = new Map<string, RunningExecution>();
  private readonly arns = new ExecutionArns();
  private inFlight = 0;
  private closing = false;

  constructor(private readonly options: ExecutorOptions) {}

  get activeExecutions(): number {
    return this.inFlight;
  }

  /** Whether executions of this type leave a record (STANDARD always do). */
  records(type: 'STANDARD' | 'EXPRESS'): boolean {
    return type === 'STANDARD' || this.options.recordExpressExecutions;
  }

  /** Runs to the end and returns the finished record (written to the store first when kept). */
  async runSync(request: ExecutionRequest): Promise<ExecutionRecord> {
    const started = this.begin(request);
    return started.done;
  }

  /** Starts in the background; resolves once the RUNNING record is durable. */
  async startAsync(request: ExecutionRequest): Promise<ExecutionRecord> {
    const started = this.begin(request, true);
    await started.recorded;
    return started.record;
  }

  /** Stops a running execution; false if it is not running here. */
  async stop(executionArn: string, reason: { error?: string; cause?: string }): Promise<ExecutionRecord | undefined> {
    const execution = this.running.get(executionArn);
    if (execution === undefined) return undefined;
    execution.stopReason = reason;
    execution.stopper.stop();
    return execution.done;
  }

  /** The task port TestState uses: the same integrations, outside any execution. */
  taskPortForTesting(): TaskPort {
    return this.options.taskPortFor({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:TestState:test' });
  }

  /** The finished record of an execution running here, once it ends; undefined if not running. */
  completionOf(executionArn: string): Promise<ExecutionRecord> | undefined {
    return this.running.get(executionArn)?.done;
  }

  /** History so far of an execution still running here. */
  historyOf(executionArn: string): readonly HistoryEvent[] | undefined {
    return this.running.get(executionArn)?.events;
  }

  isRunning(executionArn: string): boolean {
    return this.running.has(executionArn);
  }

  /**
   * Refuses new executions, lets those in flight finish for up to `graceMs`, then stops the
   * rest (recorded as ABORTED with the reason) and waits until every record is written.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.closing = true;
    const pending = [...this.running.values()].map((execution) => execution.done.catch(() => undefined));
    if (pending.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.all(pending), graceOver]);
    clearTimeout(timer);
    for (const execution of this.running.values()) {
      execution.stopReason = { error: 'Flowgate.ServerShutdown', cause: 'The server shut down while the execution was running.' };
      execution.stopper.stop();
    }
    await Promise.all(pending);
  }

  private begin(
    request: ExecutionRequest,
    recordStart = false,
  ): { record: ExecutionRecord; recorded: Promise<unknown>; done: Promise<ExecutionRecord> } {
    if (this.closing) throw new ServerShuttingDown();
    if (this.inFlight >= this.options.maxConcurrentExecutions) throw new ExecutionThrottled();
    const keep = this.records(request.type);
    const name = request.name ?? timeOrderedUuid();
    const executionArn = this.arns.executionArn(request.stateMachineArn, request.type, name);
    const events: HistoryEvent[] = [];
    const running = new RunningExecution(events);
    if (request.watchCaller !== undefined) request.watchCaller(() => running.stopper.stop());

    const { logSink } = this.options;
    const logging = request.logging;
    const logs = logSink !== undefined && logging.level !== 'OFF';
    const history = logs
      ? (event: HistoryEvent): void => {
          if (keep) events.push(event);
          const line = toLogRecord(event, executionArn, logging);
          if (line !== undefined) logSink(line);
        }
      : keep
        ? (event: HistoryEvent): void => void events.push(event)
        : undefined;

    const record = startedRecord(request, executionArn, name);
    const recorded: Promise<unknown> = keep && recordStart ? this.options.store.insertExecution(record) : RESOLVED;
    const options: StartOptions = {
      mode: request.mode,
      executionName: name,
      executionArn,
      roleArn: request.roleArn,
      taskPort: taskPortOf(request, this.options.taskPortFor(request.traceHeader === undefined ? { executionArn } : { executionArn, traceHeader: request.traceHeader })),
      stopper: running.stopper,
      ...(history === undefined ? {} : { history }),
    };

    this.inFlight++;
    // Without a start record to wait for, the execution starts in this turn.
    const result = recorded === RESOLVED ? request.machine.start(request.input, options) : recorded.then(() => request.machine.start(request.input, options));
    const done = result
      .then((outcome) => {
        const finished = finishedRecord(record, outcome, running.stopReason);
        if (running.stopReason !== undefined) patchAbortEvent(events, running.stopReason);
        if (!keep) return finished;
        const stored = events as unknown as StoredHistoryEvent[];
        const written = recordStart
          ? this.options.store.completeExecution(executionArn, completionOf(finished), stored)
          : this.options.store.insertExecution(finished, stored);
        return written.then(() => finished);
      })
      .finally(() => {
        this.inFlight--;
        this.running.delete(executionArn);
      });
    running.done = done;
    this.running.set(executionArn, running);
    return { record, recorded, done };
  }
}

const RESOLVED: Promise<unknown> = Promise.resolve();

function startedRecord(request: ExecutionRequest, executionArn: string, name: string): ExecutionRecord {
  const record: { -readonly [K in keyof ExecutionRecord]: ExecutionRecord[K] } = {
    arn: executionArn,
    stateMachineArn: request.stateMachineArn,
    name,
    type: request.type,
    status: 'RUNNING',
    startDate: Date.now(),
    input: request.inputText,
    snapshotKey: request.snapshotKey,
  };
  if (request.traceHeader !== undefined) record.traceHeader = request.traceHeader;
  if (request.stateMachineVersionArn !== undefined) record.stateMachineVersionArn = request.stateMachineVersionArn;
  if (request.stateMachineAliasArn !== undefined) record.stateMachineAliasArn = request.stateMachineAliasArn;
  return record;
}

function taskPortOf(request: ExecutionRequest, standard: TaskPort): TaskPort {
  return request.taskPortOverride === undefined ? standard : request.taskPortOverride(standard);
}

function arnPrefixesOf(stateMachineArn: string): { readonly standard: string; readonly express: string } {
  const parts = stateMachineArn.split(':');
  const prefix = parts.slice(0, 5).join(':');
  const machineName = parts[6] ?? '';
  return { standard: `${prefix}:execution:${machineName}:`, express: `${prefix}:express:${machineName}:` };
}

/**
 * AWS: `…:execution:<machine>:<name>`; express executions add a server-made UUID. The prefixes
 * are kept by machine ARN: every start of a machine would split its ARN again.
 */
class ExecutionArns {
  private readonly prefixes = new Map<string, { readonly standard: string; readonly express: string }>();

  executionArn(stateMachineArn: string, type: 'STANDARD' | 'EXPRESS', name: string): string {
    let prefixes = this.prefixes.get(stateMachineArn);
    if (prefixes === undefined) {
      if (this.prefixes.size >= 10_000) this.prefixes.clear();
      prefixes = arnPrefixesOf(stateMachineArn);
      this.prefixes.set(stateMachineArn, prefixes);
    }
    return type === 'STANDARD' ? prefixes.standard + name : `${prefixes.express}${name}:${timeOrderedUuid()}`;
  }
}

function finishedRecord(
  started: ExecutionRecord,
  result: ExecutionResult,
  stopReason: { error?: string; cause?: string } | undefined,
): ExecutionRecord {
  // Spelled out rather than spread: this runs once per execution.
  const finished: { -readonly [K in keyof ExecutionRecord]: ExecutionRecord[K] } = {
    arn: started.arn,
    stateMachineArn: started.stateMachineArn,
    name: started.name,
    type: started.type,
    status: result.status,
    startDate: result.startDate,
    stopDate: result.stopDate,
    input: started.input,
    snapshotKey: started.snapshotKey,
  };
  if (started.traceHeader !== undefined) finished.traceHeader = started.traceHeader;
  if (started.stateMachineVersionArn !== undefined) finished.stateMachineVersionArn = started.stateMachineVersionArn;
  if (started.stateMachineAliasArn !== undefined) finished.stateMachineAliasArn = started.stateMachineAliasArn;
  if (result.output !== undefined) finished.output = toJsonText(result.output);
  const error = stopReason?.error ?? result.error;
  const cause = stopReason?.cause ?? result.cause;
  if (error !== undefined) finished.error = error;
  if (cause !== undefined) finished.cause = cause;
  return finished;
}

function completionOf(record: ExecutionRecord) {
  return {
    status: record.status as Exclude<ExecutionRecord['status'], 'RUNNING'>,
    stopDate: record.stopDate ?? Date.now(),
    ...(record.output === undefined ? {} : { output: record.output }),
    ...(record.error === undefined ? {} : { error: record.error }),
    ...(record.cause === undefined ? {} : { cause: record.cause }),
  };
}

/** StopExecution's error and cause belong in the ExecutionAborted event, as on AWS. */
function patchAbortEvent(events: HistoryEvent[], reason: { error?: string; cause?: string }): void {
  const last = events[events.length - 1];
  if (last?.type !== 'ExecutionAborted') return;
  const details: Record<string, string> = {};
  if (reason.error !== undefined) details.error = reason.error;
  if (reason.cause !== undefined) details.cause = reason.cause;
  events[events.length - 1] = { ...last, executionAbortedEventDetails: details };
}

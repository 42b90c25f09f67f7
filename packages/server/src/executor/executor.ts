import { randomUUID } from 'node:crypto';
import type { ExecutionMode, ExecutionResult, HistoryEvent, Json, StateMachine, TaskPort } from '@flowgate/core';
import { toJsonText } from '@flowgate/core';
import type { ExecutionRecord, Store, StoredHistoryEvent } from '@flowgate/store';
import type { LoggingSettings, LogSink } from '../observability/execution-log.js';
import { toLogRecord } from '../observability/execution-log.js';
import { ExecutionThrottled, ServerShuttingDown } from './executor-errors.js';

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

interface RunningExecution {
  readonly controller: AbortController;
  readonly events: HistoryEvent[];
  stopReason?: { error?: string; cause?: string };
  readonly done: Promise<ExecutionRecord>;
}

/**
 * Runs executions: owns their concurrency, cancellation, history and records. The engine
 * decides what happens; this is the one place that performs the I/O around it.
 */
export class Executor {
  private readonly running = new Map<string, RunningExecution>();
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
    execution.controller.abort();
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
      execution.controller.abort();
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
    const name = request.name ?? randomUUID();
    const executionArn = executionArnOf(request.stateMachineArn, request.type, name);
    const controller = new AbortController();
    request.watchCaller?.(() => controller.abort());

    const events: HistoryEvent[] = [];
    const { logSink } = this.options;
    const logging = request.logging;
    const logs = logSink !== undefined && logging.level !== 'OFF';
    const history = keep || logs
      ? (event: HistoryEvent): void => {
          if (keep) events.push(event);
          if (logs) {
            const record = toLogRecord(event, executionArn, logging);
            if (record !== undefined) logSink(record);
          }
        }
      : undefined;

    const record: ExecutionRecord = {
      arn: executionArn,
      stateMachineArn: request.stateMachineArn,
      name,
      type: request.type,
      status: 'RUNNING',
      startDate: Date.now(),
      input: request.inputText,
      snapshotKey: request.snapshotKey,
      ...(request.traceHeader === undefined ? {} : { traceHeader: request.traceHeader }),
      ...(request.stateMachineVersionArn === undefined ? {} : { stateMachineVersionArn: request.stateMachineVersionArn }),
      ...(request.stateMachineAliasArn === undefined ? {} : { stateMachineAliasArn: request.stateMachineAliasArn }),
    };
    const recorded: Promise<unknown> = keep && recordStart ? this.options.store.insertExecution(record) : Promise.resolve();

    this.inFlight++;
    const running: RunningExecution = {
      controller,
      events,
      done: undefined as unknown as Promise<ExecutionRecord>,
    };
    const done = recorded
      .then(() =>
        request.machine.start(request.input, {
          mode: request.mode,
          executionName: name,
          executionArn,
          roleArn: request.roleArn,
          taskPort: taskPortOf(
            request,
            this.options.taskPortFor({
              executionArn,
              ...(request.traceHeader === undefined ? {} : { traceHeader: request.traceHeader }),
            }),
          ),
          signal: controller.signal,
          ...(history === undefined ? {} : { history }),
        }),
      )
      .then(async (result) => {
        const finished = finishedRecord(record, result, running.stopReason);
        if (running.stopReason !== undefined) patchAbortEvent(events, running.stopReason);
        if (keep) {
          const stored = events as unknown as StoredHistoryEvent[];
          if (recordStart) await this.options.store.completeExecution(executionArn, completionOf(finished), stored);
          else await this.options.store.insertExecution(finished, stored);
        }
        return finished;
      })
      .finally(() => {
        this.inFlight--;
        this.running.delete(executionArn);
      });
    (running as { done: Promise<ExecutionRecord> }).done = done;
    this.running.set(executionArn, running);
    return { record, recorded, done };
  }
}

function taskPortOf(request: ExecutionRequest, standard: TaskPort): TaskPort {
  return request.taskPortOverride === undefined ? standard : request.taskPortOverride(standard);
}

/** AWS: `…:execution:<machine>:<name>`; express executions add a server-made UUID. */
export function executionArnOf(stateMachineArn: string, type: 'STANDARD' | 'EXPRESS', name: string): string {
  const parts = stateMachineArn.split(':');
  const prefix = parts.slice(0, 5).join(':');
  const machineName = parts[6] ?? '';
  return type === 'STANDARD'
    ? `${prefix}:execution:${machineName}:${name}`
    : `${prefix}:express:${machineName}:${name}:${randomUUID()}`;
}

function finishedRecord(
  started: ExecutionRecord,
  result: ExecutionResult,
  stopReason: { error?: string; cause?: string } | undefined,
): ExecutionRecord {
  const finished: { -readonly [K in keyof ExecutionRecord]: ExecutionRecord[K] } = {
    ...started,
    startDate: result.startDate,
    status: result.status,
    stopDate: result.stopDate,
  };
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

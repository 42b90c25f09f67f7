/**
 * Helpers shared by the runtime unit tests (src/**\/*.test.ts). Every execution runs on a
 * simulated clock, so Wait, Retry and timeouts cost no real time and elapsed time is exact.
 */
import type {
  CompileOptions,
  ExecutionResult,
  HistoryEvent,
  Json,
  SimulatedClock,
  StartOptions,
  TaskPort,
  TaskRequest,
} from '../src/index.js';
import { compileStateMachine, createSimulatedClock } from '../src/index.js';

/** Where every simulated clock of these tests starts (2026-01-01T00:00:00Z). */
export const START_MS = Date.UTC(2026, 0, 1);

export const SERVICE_RESOURCE = 'arn:aws:states:::lambda:invoke';
export const LAMBDA_RESOURCE = 'arn:aws:lambda:us-east-1:123456789012:function:work';

export interface Outcome {
  readonly result: ExecutionResult;
  readonly events: HistoryEvent[];
  readonly clock: SimulatedClock;
  /** Simulated milliseconds between start and stop. */
  readonly elapsedMs: number;
}

export interface ExecuteOptions extends CompileOptions {
  readonly clock?: SimulatedClock;
  readonly taskPort?: TaskPort;
  /** Any other start option (mode, signal, random…); `clock`, `history` and `taskPort` are set here. */
  readonly start?: Omit<StartOptions, 'clock' | 'history' | 'taskPort'>;
}

/** Compiles `definition`, starts one execution on a simulated clock and records its history. */
export async function execute(definition: Json | string, input: Json = {}, options: ExecuteOptions = {}): Promise<Outcome> {
  const clock = options.clock ?? createSimulatedClock(START_MS);
  const compileOptions: { -readonly [K in keyof CompileOptions]: CompileOptions[K] } = {};
  if (options.type !== undefined) compileOptions.type = options.type;
  if (options.name !== undefined) compileOptions.name = options.name;
  if (options.arn !== undefined) compileOptions.arn = options.arn;
  const machine = compileStateMachine(definition, compileOptions);
  const events: HistoryEvent[] = [];
  const startOptions: StartOptions = {
    executionName: 'test-execution',
    ...options.start,
    clock,
    history: (event) => events.push(event),
    ...(options.taskPort === undefined ? {} : { taskPort: options.taskPort }),
  };
  const result = await machine.start(input, startOptions);
  return { result, events, clock, elapsedMs: result.stopDate - result.startDate };
}

export function typesOf(events: readonly HistoryEvent[]): string[] {
  return events.map((event) => event.type);
}

/** The events of one type, in order. */
export function eventsOf(events: readonly HistoryEvent[], type: string): HistoryEvent[] {
  return events.filter((event) => event.type === type);
}

/** Resolves after `ms` of the simulated clock's time. */
export function sleep(clock: SimulatedClock, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    clock.setTimer(ms, resolve);
  });
}

/** A promise that never settles: a task that never answers. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

export interface RecordingPort extends TaskPort {
  /** Every request, in call order. */
  readonly calls: TaskRequest[];
  /** Simulated time of every call, in ms since the start of the clock. */
  readonly callTimes: number[];
  /** The largest number of calls in flight at once. */
  readonly maxInFlight: () => number;
}

/**
 * A task port whose answers come from `answer` (the call's request and 0-based index). It
 * records the requests, the simulated time of each call and how many run at once.
 */
export function recordingPort(clock: SimulatedClock, answer: (request: TaskRequest, index: number) => Json | Promise<Json>): RecordingPort {
  const calls: TaskRequest[] = [];
  const callTimes: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    calls,
    callTimes,
    maxInFlight: () => maxInFlight,
    async invoke(request) {
      const index = calls.length;
      calls.push(request);
      callTimes.push(clock.now() - START_MS);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await answer(request, index);
      } finally {
        inFlight--;
      }
    },
  };
}

/** A machine starting at the Task `Work` (`fields` merged in; `End` unless they give `Next`), plus `states`. */
export function taskMachine(fields: Record<string, Json>, states: Record<string, Json> = {}, top: Record<string, Json> = {}): Json {
  const work: Record<string, Json> = { Type: 'Task', Resource: SERVICE_RESOURCE, ...fields };
  if (!('Next' in fields)) work.End = true;
  return { ...top, StartAt: 'Work', States: { Work: work, ...states } };
}

import type { Clock } from './clock.js';
import type { ExecutionMode } from './execution.js';
import type { HistorySink } from './history.js';
import type { Json, JsonObject } from './json.js';
import type { TaskPort } from './task-port.js';
import type { ValueSources } from './sources.js';
import type { StopScope } from './stop-scope.js';
import { ExecutionStopped } from './stop-scope.js';
import type { VariableOwner, VariableScope } from './variables.js';

/**
 * Everything one execution shares across its states, branches and iterations.
 * Event ids are counted even when no history sink is attached, because AWS quotes them in
 * error causes ("entered at the event id #2").
 */
export class ExecutionRun {
  lastEventId = 0;
  transitions = 0;
  /** When the execution times out (epoch ms; Infinity when it has no limit). */
  deadline = Number.POSITIVE_INFINITY;
  private executionContext: JsonObject | undefined;
  private machineContext: JsonObject | undefined;

  constructor(
    readonly mode: ExecutionMode,
    readonly executionArn: string,
    readonly executionName: string,
    readonly machineArn: string,
    readonly machineName: string,
    readonly roleArn: string,
    readonly input: Json,
    readonly startTime: number,
    readonly clock: Clock,
    readonly random: () => number,
    readonly taskPort: TaskPort | undefined,
    readonly sink: HistorySink | undefined,
    readonly rootScope: StopScope,
  ) {}

  /** Stops the whole execution as timed out; returns the reason to throw. */
  timeOut(): ExecutionStopped {
    const reason = new ExecutionStopped('TIMED_OUT');
    this.rootScope.stop(reason);
    return reason;
  }

  /** Records an event; builds the event object only when a sink listens. Returns its id. */
  emit(type: string, previousEventId: number, detailsKey?: string, details?: () => Json): number {
    const id = ++this.lastEventId;
    if (this.sink !== undefined) {
      const event: Record<string, unknown> = { id, previousEventId, timestamp: this.clock.now(), type };
      if (detailsKey !== undefined && details !== undefined) event[detailsKey] = details();
      this.sink(event as never);
    }
    return id;
  }

  /** `$$.Execution`: built once per execution, shared by every state that reads it. */
  execution(): JsonObject {
    if (this.executionContext === undefined) {
      const execution: JsonObject = {
        Id: this.executionArn,
        Input: this.input,
        StartTime: new Date(this.startTime).toISOString(),
        Name: this.executionName,
        RoleArn: this.roleArn,
      };
      // AWS-observed: synchronous express executions have no RedriveCount in the context
      // object; STANDARD and asynchronous express executions have one.
      if (this.mode !== 'EXPRESS_SYNC') execution.RedriveCount = 0;
      this.executionContext = Object.freeze(execution);
    }
    return this.executionContext;
  }

  /** `$$.StateMachine`. */
  stateMachine(): JsonObject {
    if (this.machineContext === undefined) {
      this.machineContext = Object.freeze({ Id: this.machineArn, Name: this.machineName });
    }
    return this.machineContext;
  }
}

/** The `Map.Item` node of the context object, present only while an ItemSelector is evaluated. */
export interface MapItemContext {
  readonly index: number;
  readonly value: Json;
}

/**
 * One thread of control: the top level, one Parallel branch or one Map iteration.
 * It tracks the state being run, so that the context object and error causes can name it.
 */
export class Frame implements VariableOwner {
  stateName = '';
  enteredEventId = 0;
  enteredTime = 0;
  /** The transition chosen by the state that just ran (Choice and Catch override `Next`). */
  next: unknown = null;
  mapItem: MapItemContext | undefined;
  /**
   * A bound on the quick size (see payload-size.ts) of the value this frame carries, so that
   * a state that only adds a small result to it needs no walk of the whole value. A state
   * that knows its output's bound sets `outputBound`; -1 means "measure the output".
   */
  valueBound = -1;
  outputBound = -1;
  /**
   * Ownership of the value this frame carries (see drive.ts): `builtOutput` is the top-level
   * object the running state's ResultPath just built; `freshInput` is the running state's
   * input when the state before built it and handed it over untouched, so that nothing but
   * this frame holds it and a ResultPath may update it in place instead of copying it.
   */
  builtOutput: Json | undefined = undefined;
  freshInput: Json | undefined = undefined;
  /** The innermost variable scope this thread sees; undefined until a variable exists (variables.ts). */
  variables: VariableScope | undefined = undefined;
  /** What the running state assigned, for its StateExited event (read only when history is kept). */
  assigned: JsonObject | undefined = undefined;
  /** `$$.Task.Token` while an attempt of a `.waitForTaskToken` task runs on this thread. */
  taskToken: string | undefined = undefined;

  constructor(
    readonly run: ExecutionRun,
    readonly scope: StopScope,
  ) {}

  /**
   * Waits `ms` of the clock's time unless this thread is stopped first, then resolves with
   * `value` (a state that only waits needs no promise of its own). Never waits past the
   * execution's deadline: reaching it times the execution out.
   */
  sleep(ms: number): Promise<void>;
  sleep<T>(ms: number, value: T): Promise<T>;
  sleep<T>(ms: number, value?: T): Promise<T | undefined> {
    const run = this.run;
    const remaining = run.deadline - run.clock.now();
    if (ms < remaining) return this.scope.sleep(run.clock, ms, value);
    return this.scope.sleep(run.clock, Math.max(0, remaining)).then(() => {
      throw run.timeOut();
    });
  }

  /** The abort signal of this thread of control (created on first use). */
  get signal(): AbortSignal {
    return this.scope.signal;
  }

  /** The context object `$$` as seen by the current state. */
  context(): JsonObject {
    const state: JsonObject = {
      Name: this.stateName,
      EnteredTime: new Date(this.enteredTime || this.run.clock.now()).toISOString(),
    };
    const context: JsonObject = {
      Execution: this.run.execution(),
      StateMachine: this.run.stateMachine(),
      State: state,
    };
    if (this.taskToken !== undefined) context.Task = { Token: this.taskToken };
    if (this.mapItem !== undefined) {
      context.Map = { Item: { Index: this.mapItem.index, Value: this.mapItem.value } };
    }
    return context;
  }

  /** The variable's value as the current state sees it, or undefined when it was never assigned. */
  variable(name: string): Json | undefined {
    return this.variables === undefined ? undefined : this.variables.get(name);
  }

  /** A view of this frame for evaluating expressions where `$` is `input`. */
  sources(input: Json): StateSources {
    return new StateSources(input, this);
  }
}

/**
 * What expressions of the current state read: `$` (`input`), `$$`, variables, and the
 * execution's randomness (intrinsics). It serves as the intrinsic runtime as well.
 */
export class StateSources implements ValueSources {
  constructor(
    readonly input: Json,
    private readonly frame: Frame,
  ) {}
  get sources(): ValueSources {
    return this;
  }
  context(): Json {
    return this.frame.context();
  }
  variable(name: string): Json | undefined {
    return this.frame.variable(name);
  }
  random(): number {
    return this.frame.run.random();
  }
  /** The same frame, with another value as `$` (e.g. the result, for ResultSelector). */
  withInput(input: Json): StateSources {
    return new StateSources(input, this.frame);
  }
}

import type { Catcher } from '../catch.js';
import { compileCatchers, errorOutput, findCatcher } from '../catch.js';
import { pointerTo } from '../compile-context.js';
import { ExecutionStopped, locate } from '../drive.js';
import type { StatesFailure } from '../errors.js';
import type { Json } from '../json.js';
import type { Retrier } from '../retry.js';
import { RetryCounters, compileRetriers } from '../retry.js';
import type { Frame } from '../run.js';
import type { StateNode } from '../state-node.js';
import { isPromise } from '../state-node.js';
import type { StateSpec } from './common.js';
import { BaseState } from './common.js';

/**
 * A state with Retry and Catch (Task, Parallel, Map). An attempt runs the whole state; on a
 * failure the first matching retrier decides whether to wait and attempt again, then the
 * first matching catcher decides where to go with the error output placed by its ResultPath
 * into the state's raw input. The state's own ResultSelector/ResultPath/OutputPath are not
 * applied to a caught error (AWS-observed).
 */
export abstract class RecoveringState extends BaseState {
  private readonly retriers: readonly Retrier[];
  private readonly catchers: readonly Catcher[];
  private catchTargets: (StateNode | null)[] = [];

  constructor(spec: StateSpec) {
    super(spec.name, spec);
    this.retriers = compileRetriers(spec.raw.Retry, pointerTo(spec.pointer, 'Retry'), spec.cx);
    this.catchers = compileCatchers(spec.raw.Catch, pointerTo(spec.pointer, 'Catch'), spec.cx, spec.language, spec.pointer);
  }

  /** One attempt at the whole state, from raw input to output. */
  protected abstract attempt(rawInput: Json, frame: Frame): Json | Promise<Json>;

  execute(rawInput: Json, frame: Frame): Json | Promise<Json> {
    return this.tryAttempt(rawInput, frame, undefined);
  }

  private tryAttempt(rawInput: Json, frame: Frame, counters: RetryCounters | undefined): Json | Promise<Json> {
    let output: Json | Promise<Json>;
    try {
      output = this.attempt(rawInput, frame);
    } catch (error) {
      return this.recover(error, rawInput, frame, counters);
    }
    if (isPromise(output)) return output.then(undefined, (error: unknown) => this.recover(error, rawInput, frame, counters));
    return output;
  }

  private recover(error: unknown, rawInput: Json, frame: Frame, counters: RetryCounters | undefined): Json | Promise<Json> {
    if (error instanceof ExecutionStopped || frame.scope.stopped) throw error;
    const failure = locate(error, frame) as StatesFailure;
    if (this.retriers.length > 0) {
      const retries = counters ?? new RetryCounters(this.retriers);
      const delayMs = retries.nextDelayMs(failure, frame.run.random);
      if (delayMs !== undefined) {
        return frame.sleep(delayMs).then(() => this.tryAttempt(rawInput, frame, retries));
      }
    }
    const catcher = findCatcher(this.catchers, failure);
    if (catcher === undefined) throw failure;
    frame.next = this.catchTargets[this.catchers.indexOf(catcher)] ?? null;
    return catcher.complete(rawInput, errorOutput(failure), frame);
  }

  override link(resolve: (name: string) => StateNode | null): void {
    super.link(resolve);
    this.catchTargets = this.catchers.map((catcher) => resolve(catcher.next));
  }
}

import { pointerTo } from '../compile-context.js';
import type { Json } from '../json.js';
import { fanOut } from '../fan-out.js';
import { StopScope } from '../stop-scope.js';
import { runStates } from '../drive.js';
import { Frame } from '../run.js';
import { isPromise } from '../state-node.js';
import type { IoPlan, ScopePlan, StateSpec } from './common.js';
import { compileIo, completeWithResult, effectiveInput } from './common.js';
import { RecoveringState } from './recovering.js';

/**
 * Parallel: every branch gets the same effective input and runs concurrently; the result is
 * the array of branch outputs in Branches order. The first branch failure stops the others
 * and fails the state with that branch's own error and cause (AWS-observed, not
 * States.BranchFailed).
 */
export class ParallelState extends RecoveringState {
  readonly type = 'Parallel';
  private readonly io: IoPlan;
  private readonly branches: readonly ScopePlan[];

  constructor(spec: StateSpec) {
    super(spec);
    this.io = compileIo(spec, { parameters: 'Parameters', resultSelector: true, resultPath: true });
    const raw = spec.raw.Branches;
    const branches: ScopePlan[] = [];
    if (Array.isArray(raw)) {
      raw.forEach((branch, index) => {
        const plan = spec.compileScope(branch, pointerTo(pointerTo(spec.pointer, 'Branches'), index));
        if (plan !== undefined) branches.push(plan);
      });
    }
    this.branches = branches;
  }

  protected attempt(rawInput: Json, frame: Frame): Json | Promise<Json> {
    const io = this.io;
    const run = frame.run;
    const sources = frame.sources(rawInput);
    const inputSources = effectiveInput(io, sources);
    const payload = io.parameters === undefined ? inputSources.input : io.parameters(inputSources);
    const started = run.emit('ParallelStateStarted', frame.enteredEventId);
    const child = new StopScope(frame.scope);
    const branches = this.branches;
    const finish = (results: Json[]): Json => {
      child.release();
      run.emit('ParallelStateSucceeded', run.lastEventId);
      return completeWithResult(io, frame, sources, results);
    };
    const fail = (error: unknown): never => {
      child.stop(error);
      child.release();
      run.emit('ParallelStateFailed', started);
      throw error;
    };
    let results: Json[] | Promise<Json[]>;
    try {
      results = fanOut(branches.length, 0, (index) => runStates((branches[index] as ScopePlan).start, payload, new Frame(run, child)));
    } catch (error) {
      return fail(error);
    }
    return isPromise(results) ? results.then(finish, fail) : finish(results);
  }
}

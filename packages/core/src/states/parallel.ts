import { pointerTo } from '../compile-context.js';
import type { Json } from '../json.js';
import type { JsonataTemplate } from '../jsonata/index.js';
import { StatesScope, compileJsonataTemplate } from '../jsonata/index.js';
import { fanOut } from '../fan-out.js';
import type { MaybePromise } from '../maybe-promise.js';
import { StopScope } from '../stop-scope.js';
import { runStates } from '../drive.js';
import { QUICK_BOUND, quickSize } from '../payload-size.js';
import { Frame } from '../run.js';
import { isPromise } from '../state-node.js';
import { inheritVariables } from '../variables.js';
import type { IoPlan, ScopePlan, StateSpec } from './common.js';
import { compileIo, completeWithResult, effectiveInput } from './common.js';
import type { Completion } from './jsonata-fields.js';
import { compileCompletion, complete } from './jsonata-fields.js';
import { RecoveringState } from './recovering.js';

/** The JSONata-mode fields of a Parallel. */
interface JsonataParallel {
  readonly arguments: JsonataTemplate | undefined;
  readonly completion: Completion;
}

/**
 * Parallel: every branch gets the same input (JSONPath: after InputPath and Parameters;
 * JSONata: `Arguments`, default the state's input) and runs concurrently, each in a variable
 * scope of its own that reads the state's; the result is the array of branch outputs in
 * Branches order (then ResultSelector/ResultPath/OutputPath, or JSONata `Output`/`Assign`).
 * The first branch failure stops the others and fails the state with that branch's own error
 * and cause (AWS-observed, not States.BranchFailed).
 */
export class ParallelState extends RecoveringState {
  readonly type = 'Parallel';
  private readonly io: IoPlan;
  private readonly jsonata: JsonataParallel | undefined;
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
    this.jsonata =
      spec.language === 'JSONata'
        ? {
            arguments: spec.raw.Arguments === undefined ? undefined : compileJsonataTemplate(spec.raw.Arguments, 'Arguments', spec.pointer, spec.cx),
            completion: compileCompletion(spec.raw, '', spec.pointer, spec.cx),
          }
        : undefined;
  }

  protected attempt(rawInput: Json, frame: Frame): Json | Promise<Json> {
    const jsonata = this.jsonata;
    if (jsonata === undefined) {
      const io = this.io;
      const sources = frame.sources(rawInput);
      const inputSources = effectiveInput(io, sources);
      const payload = io.parameters === undefined ? inputSources.input : io.parameters(inputSources);
      return this.runBranches(payload, frame, (results, resultsBound) => completeWithResult(io, frame, sources, results, resultsBound));
    }
    const scope = new StatesScope(frame, rawInput);
    const payload = jsonata.arguments === undefined ? rawInput : jsonata.arguments.evaluate(scope);
    const finish = (results: Json[]): MaybePromise<Json> => complete(jsonata.completion, scope.withResult(results), results);
    return isPromise(payload) ? payload.then((ready) => this.runBranches(ready, frame, finish)) : this.runBranches(payload, frame, finish);
  }

  /** `completeWith` also gets a bound on the quick size of the results (payload-size.ts). */
  private runBranches(payload: Json, frame: Frame, completeWith: (results: Json[], resultsBound: number) => MaybePromise<Json>): Json | Promise<Json> {
    const run = frame.run;
    const started = run.emit('ParallelStateStarted', frame.enteredEventId);
    const child = new StopScope(frame.scope);
    const branches = this.branches;
    // Every branch starts from the same payload, measured once; each branch frame then knows a
    // bound of its output, so the results need no walk either.
    const payloadBound = quickSize(payload, QUICK_BOUND);
    const branchFrames: Frame[] = new Array<Frame>(branches.length);
    const finish = (results: Json[]): MaybePromise<Json> => {
      child.release();
      run.emit('ParallelStateSucceeded', run.lastEventId);
      let resultsBound = 2;
      for (const branchFrame of branchFrames) resultsBound += branchFrame.valueBound + 1;
      return completeWith(results, resultsBound);
    };
    const fail = (error: unknown): never => {
      child.stop(error);
      child.release();
      run.emit('ParallelStateFailed', started);
      throw error;
    };
    const startBranch = (index: number): Json | Promise<Json> => {
      const branchFrame = new Frame(run, child);
      branchFrame.valueBound = payloadBound;
      branchFrames[index] = branchFrame;
      inheritVariables(branchFrame, frame);
      return runStates((branches[index] as ScopePlan).start, payload, branchFrame);
    };
    let results: Json[] | Promise<Json[]>;
    try {
      results = fanOut(branches.length, 0, startBranch);
    } catch (error) {
      return fail(error);
    }
    return isPromise(results) ? results.then(finish, fail) : finish(results);
  }
}

import { pointerTo } from '../compile-context.js';
import { StatesFailure, runtimeFailure } from '../errors.js';
import { asFailure } from '../error-match.js';
import { errorOutput } from '../catch.js';
import { runStates, ExecutionStopped } from '../drive.js';
import { fanOut } from '../fan-out.js';
import { StopScope } from '../stop-scope.js';
import type { SelectPath } from '../io-paths.js';
import { compileSelectPath } from '../io-paths.js';
import type { Json } from '../json.js';
import { isJsonObject, toJsonText } from '../json.js';
import type { StateSources } from '../run.js';
import { Frame } from '../run.js';
import { isPromise } from '../state-node.js';
import type { Template } from '../template.js';
import { compileTemplate } from '../template.js';
import type { IoPlan, ScopePlan, StateSpec } from './common.js';
import { compileIo, completeWithResult, effectiveInput } from './common.js';
import { RecoveringState } from './recovering.js';
import type { Batcher, ToleranceSource } from './map-distributed.js';
import { batchItems, compileBatcher, compileTolerance, resolveTolerance } from './map-distributed.js';

type Concurrency = { readonly kind: 'fixed'; readonly limit: number } | { readonly kind: 'path'; readonly source: string; readonly path: SelectPath };

/**
 * Map: InputPath → items (ItemsPath) → per item ItemSelector (legacy Parameters) → the item
 * processor, at most MaxConcurrency at a time → the array of outputs in item order →
 * ResultSelector → ResultPath → OutputPath. In DISTRIBUTED mode over inline items it also
 * batches (ItemBatcher) and tolerates failures (ToleratedFailureCount/Percentage).
 */
export class MapState extends RecoveringState {
  readonly type = 'Map';
  private readonly io: IoPlan;
  private readonly itemsPath: SelectPath;
  private readonly itemSelector: Template | undefined;
  private readonly processor: ScopePlan | undefined;
  private readonly concurrency: Concurrency;
  private readonly distributed: boolean;
  private readonly tolerance: ToleranceSource;
  private readonly batcher: Batcher | undefined;

  constructor(spec: StateSpec) {
    super(spec);
    const { raw, pointer, cx } = spec;
    this.io = compileIo(spec, { resultSelector: true, resultPath: true });
    this.itemsPath = compileSelectPath(raw.ItemsPath, pointerTo(pointer, 'ItemsPath'), cx, 'ItemsPath');
    const selectorField = raw.ItemSelector !== undefined ? 'ItemSelector' : raw.Parameters !== undefined ? 'Parameters' : undefined;
    this.itemSelector =
      selectorField === undefined ? undefined : compileTemplate(raw[selectorField] as Json, pointerTo(pointer, selectorField), cx);
    const processorField = raw.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator';
    const processorRaw = raw[processorField];
    this.processor = spec.compileScope(processorRaw ?? null, pointerTo(pointer, processorField));
    const config = isJsonObject(processorRaw) && isJsonObject(processorRaw.ProcessorConfig) ? processorRaw.ProcessorConfig : {};
    this.distributed = config.Mode === 'DISTRIBUTED';
    if (typeof raw.MaxConcurrencyPath === 'string') {
      const source = raw.MaxConcurrencyPath;
      this.concurrency = { kind: 'path', source, path: compileSelectPath(source, pointerTo(pointer, 'MaxConcurrencyPath'), cx, 'MaxConcurrencyPath') };
    } else {
      this.concurrency = { kind: 'fixed', limit: typeof raw.MaxConcurrency === 'number' ? raw.MaxConcurrency : 0 };
    }
    this.tolerance = compileTolerance(spec);
    this.batcher = this.distributed ? compileBatcher(spec) : undefined;
  }

  protected attempt(rawInput: Json, frame: Frame): Json | Promise<Json> {
    const io = this.io;
    const run = frame.run;
    const sources = frame.sources(rawInput);
    const inputSources = effectiveInput(io, sources);
    const input = inputSources.input;
    const found = this.itemsPath === undefined ? input : this.itemsPath(inputSources);
    if (!Array.isArray(found)) throw runtimeFailure(`Map state input must be an array but was: ${toJsonText(found)}`);
    const limit = this.resolveConcurrency(inputSources);
    const tolerance = this.distributed ? resolveTolerance(this.tolerance, inputSources) : undefined;
    let items: Json[] = found;
    if (this.batcher !== undefined) items = batchItems(this.batcher, found, inputSources);
    const processor = this.processor;
    if (processor === undefined) throw new StatesFailure('States.Runtime', `The Map state '${this.name}' has no item processor.`);

    const started = run.emit('MapStateStarted', frame.enteredEventId, 'mapStateStartedEventDetails', () => ({ length: items.length }));
    const child = new StopScope(frame.scope);
    const selector = this.batcher === undefined ? this.itemSelector : undefined;
    let failures = 0;
    const startIteration = (index: number): Json | Promise<Json> => {
      const item = items[index] as Json;
      const itemInput = selector === undefined ? item : selectItem(selector, inputSources, frame, index, item);
      run.emit('MapIterationStarted', run.lastEventId, 'mapIterationStartedEventDetails', () => ({ name: this.name, index }));
      const iterationFrame = new Frame(run, child);
      const iterationEnded = (output: Json): Json => {
        run.emit('MapIterationSucceeded', run.lastEventId, 'mapIterationSucceededEventDetails', () => ({ name: this.name, index }));
        return output;
      };
      const iterationFailed = (error: unknown): never => {
        // An iteration stopped because a sibling failed (or the execution stopped) did not fail
        // itself: without the `child.stopped` test it was recorded as MapIterationFailed after
        // MapStateFailed, carrying the sibling's error.
        if (!(error instanceof ExecutionStopped) && !child.stopped) {
          run.emit('MapIterationFailed', run.lastEventId, 'mapIterationFailedEventDetails', () => ({ name: this.name, index }));
        }
        throw error;
      };
      let output: Json | Promise<Json>;
      try {
        output = runStates(processor.start, itemInput, iterationFrame);
      } catch (error) {
        return iterationFailed(error);
      }
      return isPromise(output) ? output.then(iterationEnded, iterationFailed) : iterationEnded(output);
    };
    const tolerate =
      tolerance === undefined
        ? undefined
        : (_index: number, error: unknown): Json | undefined => {
            if (error instanceof ExecutionStopped) return undefined;
            failures++;
            if (tolerance.exceeded(failures, items.length)) return undefined;
            return errorOutput(asFailure(error));
          };
    const finish = (results: Json[]): Json => {
      child.release();
      run.emit('MapStateSucceeded', run.lastEventId);
      return completeWithResult(io, frame, sources, results);
    };
    const fail = (error: unknown): never => {
      child.stop(error);
      child.release();
      run.emit('MapStateFailed', started);
      if (tolerance !== undefined && !(error instanceof ExecutionStopped)) {
        // AWS: a distributed Map over its failure threshold fails with this error.
        throw new StatesFailure('States.ExceedToleratedFailureThreshold', 'The specified tolerated failure threshold was exceeded');
      }
      throw error;
    };
    let results: Json[] | Promise<Json[]>;
    try {
      results = fanOut(items.length, limit, startIteration, tolerate);
    } catch (error) {
      return fail(error);
    }
    return isPromise(results) ? results.then(finish, fail) : finish(results);
  }

  private resolveConcurrency(sources: StateSources): number {
    const concurrency = this.concurrency;
    if (concurrency.kind === 'fixed') return concurrency.limit;
    const value = concurrency.path === undefined ? sources.input : concurrency.path(sources);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw runtimeFailure(
        `The MaxConcurrencyPath field refers to value "${typeof value === 'string' ? value : toJsonText(value)}" which is not a valid integer: ${concurrency.source}`,
      );
    }
    return value;
  }
}

/** ItemSelector sees the Map's effective input as `$` and `$$.Map.Item` for the current item. */
function selectItem(selector: Template, sources: StateSources, frame: Frame, index: number, value: Json): Json {
  frame.mapItem = { index, value };
  try {
    return selector(sources);
  } finally {
    frame.mapItem = undefined;
  }
}


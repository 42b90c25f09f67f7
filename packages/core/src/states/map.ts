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
import type { JsonataTemplate } from '../jsonata/index.js';
import { StatesScope, compileJsonataTemplate, fieldFailure, unexpectedType } from '../jsonata/index.js';
import type { MaybePromise } from '../maybe-promise.js';
import { andThen } from '../maybe-promise.js';
import type { StateSources } from '../run.js';
import { QUICK_BOUND, quickSize } from '../payload-size.js';
import { Frame } from '../run.js';
import { isPromise } from '../state-node.js';
import type { Template } from '../template.js';
import { compileTemplate } from '../template.js';
import { inheritVariables } from '../variables.js';
import type { IoPlan, ScopePlan, StateSpec } from './common.js';
import { compileIo, completeWithResult, effectiveInput } from './common.js';
import type { Completion, ValueField } from './jsonata-fields.js';
import { compileCompletion, compileValueField, complete, evaluateField, integerAtLeast } from './jsonata-fields.js';
import { RecoveringState } from './recovering.js';
import type { BatchSettings, Batcher, Tolerance, ToleranceSource } from './map-distributed.js';
import { batchItems, compileBatcher, compileTolerance, resolveBatcher, resolveJsonataBatcher, resolveJsonataTolerance, resolveTolerance } from './map-distributed.js';

type Concurrency = { readonly kind: 'fixed'; readonly limit: number } | { readonly kind: 'path'; readonly source: string; readonly path: SelectPath };

/** The JSONata-mode fields of a Map. */
interface JsonataMap {
  readonly items: JsonataTemplate | undefined;
  readonly itemSelector: JsonataTemplate | undefined;
  readonly maxConcurrency: ValueField | undefined;
  readonly completion: Completion;
}

/** One run of the Map, once every field read before the iterations is evaluated. */
interface MapSetup {
  readonly items: Json[];
  readonly limit: number;
  readonly tolerance: Tolerance | undefined;
  /** An iteration's input from its item (ItemSelector), or undefined: the item itself. */
  readonly select: ((index: number, item: Json) => MaybePromise<Json>) | undefined;
  /** The state's output from the array of iteration results (and a bound on their quick size). */
  readonly complete: (results: Json[], resultsBound: number) => MaybePromise<Json>;
}

/**
 * Map. JSONPath: InputPath → items (ItemsPath) → per item ItemSelector (legacy Parameters) →
 * the item processor, at most MaxConcurrency at a time → the array of outputs in item order →
 * ResultSelector → ResultPath → OutputPath. JSONata: Items (default: the input) → ItemSelector
 * → the processor → Output (default: the results) and Assign. In DISTRIBUTED mode over inline
 * items it also batches (ItemBatcher) and tolerates failures (ToleratedFailureCount/Percentage);
 * its iterations see no outer variable.
 */
export class MapState extends RecoveringState {
  readonly type = 'Map';
  private readonly io: IoPlan;
  private readonly jsonata: JsonataMap | undefined;
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
    const processorField = raw.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator';
    const processorRaw = raw[processorField];
    this.processor = spec.compileScope(processorRaw ?? null, pointerTo(pointer, processorField));
    const config = isJsonObject(processorRaw) && isJsonObject(processorRaw.ProcessorConfig) ? processorRaw.ProcessorConfig : {};
    this.distributed = config.Mode === 'DISTRIBUTED';
    this.tolerance = compileTolerance(spec);
    this.batcher = this.distributed ? compileBatcher(spec) : undefined;
    if (spec.language === 'JSONata') {
      this.jsonata = {
        items: raw.Items === undefined ? undefined : compileJsonataTemplate(raw.Items, 'Items', pointer, cx),
        itemSelector: raw.ItemSelector === undefined ? undefined : compileJsonataTemplate(raw.ItemSelector, 'ItemSelector', pointer, cx),
        maxConcurrency: raw.MaxConcurrency === undefined ? undefined : compileValueField(raw.MaxConcurrency, 'MaxConcurrency', pointer, cx),
        completion: compileCompletion(raw, '', pointer, cx),
      };
      this.itemsPath = undefined;
      this.itemSelector = undefined;
      this.concurrency = { kind: 'fixed', limit: 0 };
      return;
    }
    this.jsonata = undefined;
    this.itemsPath = compileSelectPath(raw.ItemsPath, pointerTo(pointer, 'ItemsPath'), cx, 'ItemsPath');
    const selectorField = raw.ItemSelector !== undefined ? 'ItemSelector' : raw.Parameters !== undefined ? 'Parameters' : undefined;
    this.itemSelector =
      selectorField === undefined ? undefined : compileTemplate(raw[selectorField] as Json, pointerTo(pointer, selectorField), cx);
    if (typeof raw.MaxConcurrencyPath === 'string') {
      const source = raw.MaxConcurrencyPath;
      this.concurrency = { kind: 'path', source, path: compileSelectPath(source, pointerTo(pointer, 'MaxConcurrencyPath'), cx, 'MaxConcurrencyPath') };
    } else {
      this.concurrency = { kind: 'fixed', limit: typeof raw.MaxConcurrency === 'number' ? raw.MaxConcurrency : 0 };
    }
  }

  protected attempt(rawInput: Json, frame: Frame): Json | Promise<Json> {
    if (this.jsonata === undefined) return this.iterate(this.prepareJsonPath(rawInput, frame), frame);
    let setup: MaybePromise<MapSetup>;
    try {
      setup = this.prepareJsonata(this.jsonata, rawInput, frame);
    } catch (error) {
      return this.failBeforeStart(error, frame);
    }
    if (!isPromise(setup)) return this.iterate(setup, frame);
    return setup.then(
      (ready) => this.iterate(ready, frame),
      (error: unknown) => this.failBeforeStart(error, frame),
    );
  }

  /** AWS-recorded (JSONata): a field that fails before the iterations start still ends in MapStateFailed. */
  private failBeforeStart(error: unknown, frame: Frame): never {
    frame.run.emit('MapStateFailed', frame.run.lastEventId);
    throw error;
  }

  private prepareJsonPath(rawInput: Json, frame: Frame): MapSetup {
    const io = this.io;
    const sources = frame.sources(rawInput);
    const inputSources = effectiveInput(io, sources);
    const input = inputSources.input;
    const found = this.itemsPath === undefined ? input : this.itemsPath(inputSources);
    if (!Array.isArray(found)) throw runtimeFailure(`Map state input must be an array but was: ${toJsonText(found)}`);
    const limit = this.resolveConcurrency(inputSources);
    const tolerance = this.distributed ? resolveTolerance(this.tolerance, inputSources) : undefined;
    const batcher = this.batcher;
    const items = batcher?.kind === 'jsonpath' ? batchItems(resolveBatcher(batcher, inputSources), found) : found;
    const selector = batcher === undefined ? this.itemSelector : undefined;
    return {
      items,
      limit,
      tolerance,
      select: selector === undefined ? undefined : (index, item) => selectItem(selector, inputSources, frame, index, item),
      complete: (results, resultsBound) => completeWithResult(io, frame, sources, results, resultsBound),
    };
  }

  private prepareJsonata(fields: JsonataMap, rawInput: Json, frame: Frame): MaybePromise<MapSetup> {
    const scope = new StatesScope(frame, rawInput);
    const items = fields.items;
    const found: MaybePromise<Json> = items === undefined ? rawInput : items.evaluate(scope);
    return andThen(found, (value) => {
      if (!Array.isArray(value)) {
        if (items?.source !== undefined) throw unexpectedType(scope, items.source, 'Items', 'array', value);
        // AWS-recorded: without Items, a non-array input fails as a query evaluation error.
        throw fieldFailure(scope, 'Items', `Map state input must be an array but was: ${toJsonText(value)}`);
      }
      const limit = fields.maxConcurrency === undefined ? 0 : evaluateField<number>(fields.maxConcurrency, 'MaxConcurrency', scope, integerAtLeast(0));
      return andThen(limit, (resolvedLimit) => {
        const tolerance = this.distributed ? resolveJsonataTolerance(this.tolerance, scope) : undefined;
        return andThen(tolerance, (resolvedTolerance) => {
          const batcher = this.batcher;
          const settings: MaybePromise<BatchSettings | undefined> = batcher?.kind === 'jsonata' ? resolveJsonataBatcher(batcher, scope) : undefined;
          return andThen(settings, (resolvedSettings) => {
            const selector = batcher === undefined ? fields.itemSelector : undefined;
            return {
              items: resolvedSettings === undefined ? value : batchItems(resolvedSettings, value),
              limit: resolvedLimit,
              tolerance: resolvedTolerance,
              select: selector === undefined ? undefined : (index: number, item: Json) => selectJsonataItem(selector, frame, rawInput, index, item),
              complete: (results: Json[]) => complete(fields.completion, scope.withResult(results), results),
            };
          });
        });
      });
    });
  }

  private iterate(setup: MapSetup, frame: Frame): Json | Promise<Json> {
    const run = frame.run;
    const { items, limit, tolerance, select } = setup;
    const processor = this.processor;
    if (processor === undefined) throw new StatesFailure('States.Runtime', `The Map state '${this.name}' has no item processor.`);

    const started = run.emit('MapStateStarted', frame.enteredEventId, 'mapStateStartedEventDetails', () => ({ length: items.length }));
    const child = new StopScope(frame.scope);
    const isolated = this.distributed;
    let failures = 0;
    // Each iteration frame ends knowing a bound of its output: their sum bounds the results
    // without a walk of them (payload-size.ts).
    let resultsBound = 2;
    const runIteration = (index: number, itemInput: Json): Json | Promise<Json> => {
      run.emit('MapIterationStarted', run.lastEventId, 'mapIterationStartedEventDetails', () => ({ name: this.name, index }));
      const iterationFrame = new Frame(run, child);
      inheritVariables(iterationFrame, frame, isolated);
      const iterationEnded = (output: Json): Json => {
        resultsBound += iterationFrame.valueBound + 1;
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
    const startIteration = (index: number): Json | Promise<Json> => {
      const item = items[index] as Json;
      if (select === undefined) return runIteration(index, item);
      const itemInput = select(index, item);
      return isPromise(itemInput) ? itemInput.then((selected) => runIteration(index, selected)) : runIteration(index, itemInput);
    };
    const tolerate =
      tolerance === undefined
        ? undefined
        : (_index: number, error: unknown): Json | undefined => {
            if (error instanceof ExecutionStopped) return undefined;
            failures++;
            if (tolerance.exceeded(failures, items.length)) return undefined;
            const output = errorOutput(asFailure(error));
            resultsBound += quickSize(output, QUICK_BOUND) + 1;
            return output;
          };
    const finish = (results: Json[]): Json | Promise<Json> => {
      child.release();
      run.emit('MapStateSucceeded', run.lastEventId);
      return setup.complete(results, resultsBound);
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
    let value = concurrency.path === undefined ? sources.input : concurrency.path(sources);
    // AWS-recorded: MaxConcurrencyPath accepts an integer written as a string ("1").
    if (typeof value === 'string' && /^\d+$/.test(value)) value = Number(value);
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

/**
 * JSONata ItemSelector: `$states.input` is the Map's input, `$states.context.Map.Item` the
 * current item. The context is captured before any evaluation is pending, since the next
 * item's selection may start meanwhile.
 */
function selectJsonataItem(selector: JsonataTemplate, frame: Frame, rawInput: Json, index: number, value: Json): MaybePromise<Json> {
  const scope = new StatesScope(frame, rawInput);
  frame.mapItem = { index, value };
  try {
    scope.states(selector.readsContext);
  } finally {
    frame.mapItem = undefined;
  }
  return selector.evaluate(scope);
}

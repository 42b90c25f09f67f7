import { pointerTo } from '../compile-context.js';
import { runtimeFailure } from '../errors.js';
import type { SelectPath } from '../io-paths.js';
import { compileSelectPath } from '../io-paths.js';
import type { Json, JsonObject } from '../json.js';
import { isJsonObject, toJsonText } from '../json.js';
import type { JsonataTemplate, StatesScope } from '../jsonata/index.js';
import { compileJsonataTemplate } from '../jsonata/index.js';
import type { MaybePromise } from '../maybe-promise.js';
import { allOf, andThen } from '../maybe-promise.js';
import { jsonByteSize } from '../payload-size.js';
import type { StateSources } from '../run.js';
import type { Template } from '../template.js';
import { compileTemplate } from '../template.js';
import type { StateSpec } from './common.js';
import type { ValueField } from './jsonata-fields.js';
import { compileValueField, evaluateField, integerAtLeast, numberBetween } from './jsonata-fields.js';

/** How many failed iterations a distributed Map accepts before it fails. */
export interface Tolerance {
  exceeded(failures: number, total: number): boolean;
}

export type ToleranceSource =
  | { readonly kind: 'fixed'; readonly count: number | undefined; readonly percentage: number | undefined }
  | { readonly kind: 'paths'; readonly count: PathField | undefined; readonly percentage: PathField | undefined; readonly fixedCount: number | undefined; readonly fixedPercentage: number | undefined }
  | { readonly kind: 'jsonata'; readonly count: ValueField | undefined; readonly percentage: ValueField | undefined };

interface PathField {
  readonly source: string;
  readonly path: SelectPath;
}

export function compileTolerance(spec: StateSpec): ToleranceSource {
  const { raw, pointer, cx } = spec;
  if (spec.language === 'JSONata') {
    const field = (name: string): ValueField | undefined => (raw[name] === undefined ? undefined : compileValueField(raw[name] as Json, name, pointer, cx));
    return { kind: 'jsonata', count: field('ToleratedFailureCount'), percentage: field('ToleratedFailurePercentage') };
  }
  const fixedCount = typeof raw.ToleratedFailureCount === 'number' ? raw.ToleratedFailureCount : undefined;
  const fixedPercentage = typeof raw.ToleratedFailurePercentage === 'number' ? raw.ToleratedFailurePercentage : undefined;
  const pathOf = (field: string): PathField | undefined => {
    const source = raw[field];
    return typeof source === 'string' ? { source, path: compileSelectPath(source, pointerTo(pointer, field), cx, field) } : undefined;
  };
  const count = pathOf('ToleratedFailureCountPath');
  const percentage = pathOf('ToleratedFailurePercentagePath');
  if (count === undefined && percentage === undefined) return { kind: 'fixed', count: fixedCount, percentage: fixedPercentage };
  return { kind: 'paths', count, percentage, fixedCount, fixedPercentage };
}

/** Evaluates the JSONPath-mode tolerance fields; AWS's causes for bad values are reproduced (AWS-observed). */
export function resolveTolerance(source: ToleranceSource, sources: StateSources): Tolerance {
  let count: number | undefined;
  let percentage: number | undefined;
  if (source.kind === 'fixed') {
    count = source.count;
    percentage = source.percentage;
  } else if (source.kind === 'paths') {
    count = source.count === undefined ? source.fixedCount : readNumber(source.count, 'ToleratedFailureCountPath', 'integer', sources);
    percentage =
      source.percentage === undefined ? source.fixedPercentage : readNumber(source.percentage, 'ToleratedFailurePercentagePath', 'float', sources);
  }
  return createTolerance(count, percentage);
}

/** The JSONata-mode tolerance fields: literals or expressions. */
export function resolveJsonataTolerance(source: ToleranceSource, scope: StatesScope): MaybePromise<Tolerance> {
  if (source.kind !== 'jsonata') return resolveTolerance(source, scope.frame.sources(scope.input));
  const count = source.count === undefined ? undefined : evaluateField<number>(source.count, 'ToleratedFailureCount', scope, integerAtLeast(0));
  return andThen(count, (resolvedCount) => {
    const percentage =
      source.percentage === undefined ? undefined : evaluateField<number>(source.percentage, 'ToleratedFailurePercentage', scope, numberBetween(0, 100));
    return andThen(percentage, (resolvedPercentage) => createTolerance(resolvedCount, resolvedPercentage));
  });
}

function createTolerance(count: number | undefined, percentage: number | undefined): Tolerance {
  if (percentage !== undefined && (percentage < 0 || percentage > 100)) {
    throw runtimeFailure('ToleratedFailurePercentage must be between 0 and 100.');
  }
  if (count !== undefined && count < 0) throw runtimeFailure('ToleratedFailureCount must be non-negative.');
  return {
    exceeded(failures, total) {
      if (count === undefined && percentage === undefined) return true;
      if (count !== undefined && failures <= count) return false;
      if (percentage !== undefined && total > 0 && (failures / total) * 100 <= percentage) return false;
      return true;
    },
  };
}

function readNumber(field: PathField, name: string, kind: 'integer' | 'float', sources: StateSources): number {
  let value = field.path === undefined ? sources.input : field.path(sources);
  // A number written as a string is read as that number (AWS-recorded for MaxConcurrencyPath;
  // the LocalStack case for these paths assigns "1" to the variables they read).
  if (typeof value === 'string' && (kind === 'integer' ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/).test(value)) value = Number(value);
  if (typeof value !== 'number' || (kind === 'integer' && !Number.isInteger(value))) {
    const shown = typeof value === 'string' ? value : toJsonText(value);
    throw runtimeFailure(`The ${name} field refers to value "${shown}" which is not a valid ${kind}: ${field.source}`);
  }
  return value;
}

/** ItemBatcher: items grouped into `{Items: [...], BatchInput?}` iteration inputs. */
export type Batcher =
  | {
      readonly kind: 'jsonpath';
      readonly maxItems: number | undefined;
      readonly maxItemsPath: PathField | undefined;
      readonly maxBytes: number | undefined;
      readonly maxBytesPath: PathField | undefined;
      readonly batchInput: Template | undefined;
    }
  | {
      readonly kind: 'jsonata';
      readonly maxItems: ValueField | undefined;
      readonly maxBytes: ValueField | undefined;
      readonly batchInput: JsonataTemplate | undefined;
    };

/** The batching settings of one Map run, once every field is evaluated. */
export interface BatchSettings {
  readonly maxItems: number | undefined;
  readonly maxBytes: number | undefined;
  readonly batchInput: Json | undefined;
}

export function compileBatcher(spec: StateSpec): Batcher | undefined {
  const raw = spec.raw.ItemBatcher;
  if (!isJsonObject(raw)) return undefined;
  const at = pointerTo(spec.pointer, 'ItemBatcher');
  if (spec.language === 'JSONata') {
    const field = (name: string): ValueField | undefined =>
      raw[name] === undefined ? undefined : compileValueField(raw[name] as Json, `ItemBatcher/${name}`, spec.pointer, spec.cx);
    return {
      kind: 'jsonata',
      maxItems: field('MaxItemsPerBatch'),
      maxBytes: field('MaxInputBytesPerBatch'),
      batchInput: raw.BatchInput === undefined ? undefined : compileJsonataTemplate(raw.BatchInput, 'ItemBatcher/BatchInput', spec.pointer, spec.cx),
    };
  }
  const pathOf = (field: string): PathField | undefined => {
    const source = raw[field];
    return typeof source === 'string' ? { source, path: compileSelectPath(source, pointerTo(at, field), spec.cx, field) } : undefined;
  };
  return {
    kind: 'jsonpath',
    maxItems: typeof raw.MaxItemsPerBatch === 'number' ? raw.MaxItemsPerBatch : undefined,
    maxItemsPath: pathOf('MaxItemsPerBatchPath'),
    maxBytes: typeof raw.MaxInputBytesPerBatch === 'number' ? raw.MaxInputBytesPerBatch : undefined,
    maxBytesPath: pathOf('MaxInputBytesPerBatchPath'),
    batchInput: raw.BatchInput === undefined ? undefined : compileTemplate(raw.BatchInput, pointerTo(at, 'BatchInput'), spec.cx),
  };
}

/** JSONPath mode: the settings from literals and paths over the effective input. */
export function resolveBatcher(batcher: Batcher & { kind: 'jsonpath' }, sources: StateSources): BatchSettings {
  return {
    maxItems: batcher.maxItemsPath ? readNumber(batcher.maxItemsPath, 'MaxItemsPerBatchPath', 'integer', sources) : batcher.maxItems,
    maxBytes: batcher.maxBytesPath ? readNumber(batcher.maxBytesPath, 'MaxInputBytesPerBatchPath', 'integer', sources) : batcher.maxBytes,
    batchInput: batcher.batchInput?.(sources),
  };
}

/** JSONata mode: literals or expressions over `$states.input`. */
export function resolveJsonataBatcher(batcher: Batcher & { kind: 'jsonata' }, scope: StatesScope): MaybePromise<BatchSettings> {
  const count = batcher.maxItems === undefined ? undefined : evaluateField<number>(batcher.maxItems, 'ItemBatcher/MaxItemsPerBatch', scope, integerAtLeast(0));
  const bytes = (): MaybePromise<number | undefined> =>
    batcher.maxBytes === undefined ? undefined : evaluateField<number>(batcher.maxBytes, 'ItemBatcher/MaxInputBytesPerBatch', scope, integerAtLeast(0));
  const input = (): MaybePromise<Json | undefined> => batcher.batchInput?.evaluate(scope);
  return andThen(count, (maxItems) =>
    andThen(bytes(), (maxBytes) => andThen(allOf([input()]), ([batchInput]) => ({ maxItems, maxBytes, batchInput }))),
  );
}

/** AWS's default batch limit when only the other field is given is 256 KiB of input. */
const DEFAULT_BATCH_BYTES = 262_144;

export function batchItems(settings: BatchSettings, items: readonly Json[]): Json[] {
  const { maxItems, batchInput } = settings;
  const byteLimit = settings.maxBytes ?? DEFAULT_BATCH_BYTES;
  const batches: Json[] = [];
  let current: Json[] = [];
  let bytes = 2;
  const flush = (): void => {
    if (current.length === 0) return;
    const batch: JsonObject = { Items: current };
    if (batchInput !== undefined) batch.BatchInput = batchInput;
    batches.push(batch);
    current = [];
    bytes = 2;
  };
  for (const item of items) {
    const size = jsonByteSize(item) + 1;
    if (current.length > 0 && ((maxItems !== undefined && current.length >= maxItems) || bytes + size > byteLimit)) flush();
    current.push(item);
    bytes += size;
  }
  flush();
  return batches;
}

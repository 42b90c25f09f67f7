import { pointerTo } from '../compile-context.js';
import { runtimeFailure } from '../errors.js';
import type { SelectPath } from '../io-paths.js';
import { compileSelectPath } from '../io-paths.js';
import type { Json, JsonObject } from '../json.js';
import { isJsonObject, toJsonText } from '../json.js';
import { jsonByteSize } from '../payload-size.js';
import type { StateSources } from '../run.js';
import type { Template } from '../template.js';
import { compileTemplate } from '../template.js';
import type { StateSpec } from './common.js';

/** How many failed iterations a distributed Map accepts before it fails. */
export interface Tolerance {
  exceeded(failures: number, total: number): boolean;
}

export type ToleranceSource =
  | { readonly kind: 'fixed'; readonly count: number | undefined; readonly percentage: number | undefined }
  | { readonly kind: 'paths'; readonly count: PathField | undefined; readonly percentage: PathField | undefined; readonly fixedCount: number | undefined; readonly fixedPercentage: number | undefined };

interface PathField {
  readonly source: string;
  readonly path: SelectPath;
}

export function compileTolerance(spec: StateSpec): ToleranceSource {
  const { raw, pointer, cx } = spec;
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

/** Evaluates the tolerance fields; AWS's causes for bad values are reproduced (AWS-observed). */
export function resolveTolerance(source: ToleranceSource, sources: StateSources): Tolerance {
  let count: number | undefined;
  let percentage: number | undefined;
  if (source.kind === 'fixed') {
    count = source.count;
    percentage = source.percentage;
  } else {
    count = source.count === undefined ? source.fixedCount : readNumber(source.count, 'ToleratedFailureCountPath', 'integer', sources);
    percentage =
      source.percentage === undefined ? source.fixedPercentage : readNumber(source.percentage, 'ToleratedFailurePercentagePath', 'float', sources);
  }
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
  const value = field.path === undefined ? sources.input : field.path(sources);
  const valid = typeof value === 'number' && (kind === 'float' || Number.isInteger(value));
  if (!valid) {
    const shown = typeof value === 'string' ? value : toJsonText(value);
    throw runtimeFailure(`The ${name} field refers to value "${shown}" which is not a valid ${kind}: ${field.source}`);
  }
  return value;
}

/** ItemBatcher: items grouped into `{Items: [...], BatchInput?}` iteration inputs. */
export interface Batcher {
  readonly maxItems: number | undefined;
  readonly maxItemsPath: PathField | undefined;
  readonly maxBytes: number | undefined;
  readonly maxBytesPath: PathField | undefined;
  readonly batchInput: Template | undefined;
}

export function compileBatcher(spec: StateSpec): Batcher | undefined {
  const raw = spec.raw.ItemBatcher;
  if (!isJsonObject(raw)) return undefined;
  const at = pointerTo(spec.pointer, 'ItemBatcher');
  const pathOf = (field: string): PathField | undefined => {
    const source = raw[field];
    return typeof source === 'string' ? { source, path: compileSelectPath(source, pointerTo(at, field), spec.cx, field) } : undefined;
  };
  return {
    maxItems: typeof raw.MaxItemsPerBatch === 'number' ? raw.MaxItemsPerBatch : undefined,
    maxItemsPath: pathOf('MaxItemsPerBatchPath'),
    maxBytes: typeof raw.MaxInputBytesPerBatch === 'number' ? raw.MaxInputBytesPerBatch : undefined,
    maxBytesPath: pathOf('MaxInputBytesPerBatchPath'),
    batchInput: raw.BatchInput === undefined ? undefined : compileTemplate(raw.BatchInput, pointerTo(at, 'BatchInput'), spec.cx),
  };
}

/** AWS's default batch limit when only the other field is given is 256 KiB of input. */
const DEFAULT_BATCH_BYTES = 262_144;

export function batchItems(batcher: Batcher, items: readonly Json[], sources: StateSources): Json[] {
  const maxItems = batcher.maxItemsPath ? readNumber(batcher.maxItemsPath, 'MaxItemsPerBatchPath', 'integer', sources) : batcher.maxItems;
  const maxBytes = batcher.maxBytesPath ? readNumber(batcher.maxBytesPath, 'MaxInputBytesPerBatchPath', 'integer', sources) : batcher.maxBytes;
  const byteLimit = maxBytes ?? DEFAULT_BATCH_BYTES;
  const batchInput = batcher.batchInput?.(sources);
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

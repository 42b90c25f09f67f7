import type { CompileContext } from '../compile-context.js';
import { pointerTo } from '../compile-context.js';
import type { ResultPlacement, SelectPath } from '../io-paths.js';
import { compileResultPath, compileSelectPath, placeResultInFrame } from '../io-paths.js';
import type { Json, JsonObject } from '../json.js';
import type { StateNode, StateType } from '../state-node.js';
import type { Template } from '../template.js';
import { compileTemplate } from '../template.js';

/** What every state compiler receives. */
export interface StateSpec {
  readonly name: string;
  readonly raw: JsonObject;
  readonly pointer: string;
  readonly cx: CompileContext;
  /** Compiles a nested scope (Parallel branch, Map processor). */
  readonly compileScope: (raw: Json, pointer: string) => ScopePlan | undefined;
}

/** A compiled `{StartAt, States}` scope. */
export interface ScopePlan {
  readonly start: StateNode;
  readonly readsContext: boolean;
}

export type StateCompiler = (spec: StateSpec) => StateNode;

/** The JSONPath input/output fields most states share, compiled once. */
export interface IoPlan {
  readonly inputPath: SelectPath;
  readonly parameters: Template | undefined;
  readonly resultSelector: Template | undefined;
  readonly resultPath: ResultPlacement;
  readonly outputPath: SelectPath;
}

export function compileIo(spec: StateSpec, fields: { parameters?: string; resultSelector?: boolean; resultPath?: boolean }): IoPlan {
  const { raw, pointer, cx } = spec;
  const parametersField = fields.parameters;
  return {
    inputPath: compileSelectPath(raw.InputPath, pointerTo(pointer, 'InputPath'), cx, 'InputPath'),
    parameters:
      parametersField !== undefined && raw[parametersField] !== undefined
        ? compileTemplate(raw[parametersField] as Json, pointerTo(pointer, parametersField), cx)
        : undefined,
    resultSelector:
      fields.resultSelector && raw.ResultSelector !== undefined
        ? compileTemplate(raw.ResultSelector, pointerTo(pointer, 'ResultSelector'), cx)
        : undefined,
    resultPath: fields.resultPath ? compileResultPath(raw.ResultPath, pointerTo(pointer, 'ResultPath'), cx) : { kind: 'replace' },
    outputPath: compileSelectPath(raw.OutputPath, pointerTo(pointer, 'OutputPath'), cx, 'OutputPath'),
  };
}

/** Whether any string in a raw state refers to the context object (`$$`). */
export function mentionsContext(raw: Json): boolean {
  if (typeof raw === 'string') return raw.includes('$$');
  if (Array.isArray(raw)) return raw.some(mentionsContext);
  if (typeof raw === 'object' && raw !== null) {
    for (const key of Object.keys(raw)) {
      // Nested scopes record their own entry times.
      if (key === 'Branches' || key === 'ItemProcessor' || key === 'Iterator') continue;
      if (mentionsContext(raw[key] as Json)) return true;
    }
  }
  return false;
}

/** Base for compiled states: `Next` is linked after the whole scope is compiled. */
export abstract class BaseState implements StateNode {
  next: StateNode | null = null;
  readonly readsContext: boolean;
  abstract readonly type: StateType;

  constructor(
    readonly name: string,
    protected readonly spec: StateSpec,
  ) {
    this.readsContext = mentionsContext(spec.raw);
  }

  abstract execute(input: Json, frame: import('../run.js').Frame): Json | Promise<Json>;

  link(resolve: (name: string) => StateNode | null): void {
    const next = this.spec.raw.Next;
    this.next = typeof next === 'string' ? resolve(next) : null;
  }
}

/** InputPath applied: the sources whose `$` is the state's effective input. */
export function effectiveInput(io: IoPlan, sources: import('../run.js').StateSources): import('../run.js').StateSources {
  if (io.inputPath === undefined) return sources;
  const input = io.inputPath(sources);
  return input === sources.input ? sources : sources.withInput(input);
}

/**
 * The tail of the pipeline for Task, Parallel and Map: ResultSelector over the result,
 * ResultPath into the raw input, OutputPath over that.
 */
export function completeWithResult(io: IoPlan, frame: import('../run.js').Frame, sources: import('../run.js').StateSources, result: Json): Json {
  const selected = io.resultSelector === undefined ? result : io.resultSelector(sources.withInput(result));
  const placed = placeResultInFrame(frame, io.resultPath, sources.input, selected);
  return io.outputPath === undefined ? placed : io.outputPath(sources.withInput(placed));
}

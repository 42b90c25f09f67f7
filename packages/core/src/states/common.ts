import type { CompileContext, QueryLanguage } from '../compile-context.js';
import { pointerTo } from '../compile-context.js';
import type { ResultPlacement, SelectPath } from '../io-paths.js';
import { compileResultPath, compileSelectPath, joinResultAndOutput, placeResultInFrame } from '../io-paths.js';
import type { Json, JsonObject } from '../json.js';
import { isJsonObject } from '../json.js';
import type { StateNode, StateType } from '../state-node.js';
import type { Template } from '../template.js';
import { compileTemplate } from '../template.js';
import { assignVariables } from '../variables.js';

/** What every state compiler receives. */
export interface StateSpec {
  readonly name: string;
  readonly raw: JsonObject;
  readonly pointer: string;
  readonly cx: CompileContext;
  /** The state's own query language (its `QueryLanguage`, else the machine's). */
  readonly language: QueryLanguage;
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
  /** `Assign`: a template whose keys name variables; `$` is the state's result (see assignAfter). */
  readonly assign: Template | undefined;
}

export function compileIo(spec: StateSpec, fields: { parameters?: string; resultSelector?: boolean; resultPath?: boolean }): IoPlan {
  const { raw, pointer, cx } = spec;
  const parametersField = fields.parameters;
  // Compiled in the order of the fields, so that problems are reported in that order.
  const inputPath = compileSelectPath(raw.InputPath, pointerTo(pointer, 'InputPath'), cx, 'InputPath');
  const parameters =
    parametersField !== undefined && raw[parametersField] !== undefined
      ? compileTemplate(raw[parametersField] as Json, pointerTo(pointer, parametersField), cx)
      : undefined;
  const resultSelector =
    fields.resultSelector && raw.ResultSelector !== undefined ? compileTemplate(raw.ResultSelector, pointerTo(pointer, 'ResultSelector'), cx) : undefined;
  const { resultPath, outputPath } = joinResultAndOutput(
    fields.resultPath ? compileResultPath(raw.ResultPath, pointerTo(pointer, 'ResultPath'), cx) : { kind: 'replace' },
    raw.OutputPath,
    compileSelectPath(raw.OutputPath, pointerTo(pointer, 'OutputPath'), cx, 'OutputPath'),
  );
  return { inputPath, parameters, resultSelector, resultPath, outputPath, assign: compileAssign(raw.Assign, pointerTo(pointer, 'Assign'), cx) };
}

/** A JSONPath-mode `Assign` (state, Choice rule or catcher); undefined when it assigns nothing. */
export function compileAssign(raw: Json | undefined, pointer: string, cx: CompileContext): Template | undefined {
  if (raw === undefined || (isJsonObject(raw) && Object.keys(raw).length === 0)) return undefined;
  return compileTemplate(raw, pointer, cx);
}

/**
 * Evaluates `assign` where `$` is the state's result (the task/branch/iteration result, the
 * Pass result, or the effective input of Choice and Wait: AWS-validated LocalStack cases) and
 * returns the assignments; `applyAssignments` makes them take effect once the state's output is
 * known, so that every field of the state read the variables as they were on entry.
 */
export function evaluateAssign(assign: Template, sources: import('../run.js').StateSources, result: Json): JsonObject {
  return assign(result === sources.input ? sources : sources.withInput(result)) as JsonObject;
}

export function applyAssignments(frame: import('../run.js').Frame, assigned: JsonObject | undefined): void {
  if (assigned !== undefined) assignVariables(frame, assigned);
}

/** Whether any string in a raw state refers to the context object (`$$`). */
export function mentionsContext(raw: Json, language: QueryLanguage = 'JSONPath'): boolean {
  if (typeof raw === 'string') return language === 'JSONPath' ? raw.includes('$$') : JSONATA_CONTEXT.test(raw);
  if (Array.isArray(raw)) return raw.some((item) => mentionsContext(item, language));
  if (typeof raw === 'object' && raw !== null) {
    for (const key of Object.keys(raw)) {
      // Nested scopes record their own entry times.
      if (key === 'Branches' || key === 'ItemProcessor' || key === 'Iterator') continue;
      if (mentionsContext(raw[key] as Json, language)) return true;
    }
  }
  return false;
}

/** `$states.context`, or `$states` used other than for its input, result or error output. */
const JSONATA_CONTEXT = /\$states(?!\s*\.\s*(?:input|result|errorOutput)\b)/;

/** Base for compiled states: `Next` is linked after the whole scope is compiled. */
export abstract class BaseState implements StateNode {
  next: StateNode | null = null;
  readonly readsContext: boolean;
  abstract readonly type: StateType;

  constructor(
    readonly name: string,
    protected readonly spec: StateSpec,
  ) {
    this.readsContext = mentionsContext(spec.raw, spec.language);
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
export function completeWithResult(
  io: IoPlan,
  frame: import('../run.js').Frame,
  sources: import('../run.js').StateSources,
  result: Json,
  resultBound = -1,
): Json {
  const assigned = io.assign === undefined ? undefined : evaluateAssign(io.assign, sources, result);
  const selected = io.resultSelector === undefined ? result : io.resultSelector(sources.withInput(result));
  const placed = placeResultInFrame(frame, io.resultPath, sources.input, selected, false, selected === result ? resultBound : -1);
  const output = io.outputPath === undefined ? placed : io.outputPath(sources.withInput(placed));
  applyAssignments(frame, assigned);
  return output;
}

import { pointerTo } from '../compile-context.js';
import { StatesFailure } from '../errors.js';
import type { Json } from '../json.js';
import type { Frame } from '../run.js';
import type { StateNode } from '../state-node.js';
import type { Template } from '../template.js';
import { compileDynamicValue } from '../template.js';
import type { StateSpec } from './common.js';
import { BaseState } from './common.js';

/** Fail: ends the branch with Error and Cause (literal, or from a path or intrinsic). */
export class FailState extends BaseState {
  readonly type = 'Fail';
  private readonly error: Template | undefined;
  private readonly cause: Template | undefined;

  constructor(spec: StateSpec) {
    super(spec.name, spec);
    this.error = compileFailField(spec, 'Error');
    this.cause = compileFailField(spec, 'Cause');
  }

  execute(input: Json, frame: Frame): never {
    const sources = frame.sources(input);
    const error = this.error === undefined ? undefined : this.error(sources);
    const cause = this.cause === undefined ? undefined : this.cause(sources);
    throw new StatesFailure(asText(error), asText(cause));
  }

  override link(_resolve: (name: string) => StateNode | null): void {
    this.next = null;
  }
}

function compileFailField(spec: StateSpec, field: 'Error' | 'Cause'): Template | undefined {
  const literal = spec.raw[field];
  if (typeof literal === 'string') return () => literal;
  const pathField = `${field}Path`;
  const path = spec.raw[pathField];
  if (path === undefined) return undefined;
  return compileDynamicValue(pathField, path, pointerTo(spec.pointer, pathField), spec.cx);
}

function asText(value: Json | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

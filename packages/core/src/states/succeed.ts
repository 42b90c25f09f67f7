import type { Json } from '../json.js';
import type { Frame } from '../run.js';
import type { StateNode } from '../state-node.js';
import type { StateSpec } from './common.js';
import { BaseState, compileIo, effectiveInput, type IoPlan } from './common.js';

/** Succeed: InputPath → OutputPath, then the branch ends successfully. */
export class SucceedState extends BaseState {
  readonly type = 'Succeed';
  private readonly io: IoPlan;

  constructor(spec: StateSpec) {
    super(spec.name, spec);
    this.io = compileIo(spec, {});
  }

  execute(rawInput: Json, frame: Frame): Json {
    const sources = frame.sources(rawInput);
    const inputSources = effectiveInput(this.io, sources);
    return this.io.outputPath === undefined ? inputSources.input : this.io.outputPath(inputSources);
  }

  override link(_resolve: (name: string) => StateNode | null): void {
    this.next = null;
  }
}

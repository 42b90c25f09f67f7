import type { Json } from '../json.js';
import { StatesScope } from '../jsonata/index.js';
import type { Frame } from '../run.js';
import type { StateNode } from '../state-node.js';
import type { StateSpec } from './common.js';
import { BaseState } from './common.js';
import type { Completion } from './jsonata-fields.js';
import { compileCompletion, complete } from './jsonata-fields.js';

/**
 * JSONata Pass: `Output` (default: the input) and `Assign`, over `$states.input`. A Pass has
 * no result: `$states.result` is not defined in its fields.
 */
export class JsonataPassState extends BaseState {
  readonly type = 'Pass';
  private readonly completion: Completion;

  constructor(spec: StateSpec) {
    super(spec.name, spec);
    this.completion = compileCompletion(spec.raw, '', spec.pointer, spec.cx);
  }

  execute(rawInput: Json, frame: Frame): Json | Promise<Json> {
    const completion = this.completion;
    if (completion.assign === undefined && completion.output === undefined) return rawInput;
    return complete(completion, new StatesScope(frame, rawInput), rawInput);
  }
}

/** JSONata Succeed: `Output` (default: the input), then the branch ends successfully. */
export class JsonataSucceedState extends BaseState {
  readonly type = 'Succeed';
  private readonly completion: Completion;

  constructor(spec: StateSpec) {
    super(spec.name, spec);
    this.completion = compileCompletion(spec.raw, '', spec.pointer, spec.cx);
  }

  execute(rawInput: Json, frame: Frame): Json | Promise<Json> {
    if (this.completion.output === undefined) return rawInput;
    return complete(this.completion, new StatesScope(frame, rawInput), rawInput);
  }

  override link(_resolve: (name: string) => StateNode | null): void {
    this.next = null;
  }
}

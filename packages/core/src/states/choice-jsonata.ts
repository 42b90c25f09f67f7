import type { JsonataChoiceRule } from '../choice/jsonata-rules.js';
import { compileJsonataChoiceRules, testRule } from '../choice/jsonata-rules.js';
import { StatesFailure } from '../errors.js';
import type { Json } from '../json.js';
import { StatesScope } from '../jsonata/index.js';
import type { MaybePromise } from '../maybe-promise.js';
import type { Frame } from '../run.js';
import type { StateNode } from '../state-node.js';
import { isPromise } from '../state-node.js';
import type { StateSpec } from './common.js';
import { BaseState } from './common.js';
import type { Completion } from './jsonata-fields.js';
import { compileCompletion, complete } from './jsonata-fields.js';

/**
 * JSONata Choice: the first rule whose Condition holds gives the next state, and its own
 * `Assign` and `Output` (default: the input) replace the state's; when none holds, Default is
 * taken with the state's `Assign` and `Output` (AWS-recorded, both ways). Rules after the first
 * match are never evaluated.
 */
export class JsonataChoiceState extends BaseState {
  readonly type = 'Choice';
  private readonly rules: readonly JsonataChoiceRule[];
  private readonly completion: Completion;
  private targets: (StateNode | null)[] = [];
  private defaultTarget: StateNode | null = null;

  constructor(spec: StateSpec) {
    super(spec.name, spec);
    this.rules = compileJsonataChoiceRules(spec.raw.Choices, spec.pointer, spec.cx);
    this.completion = compileCompletion(spec.raw, '', spec.pointer, spec.cx);
  }

  execute(rawInput: Json, frame: Frame): Json | Promise<Json> {
    return this.tryFrom(0, new StatesScope(frame, rawInput), frame);
  }

  private tryFrom(first: number, scope: StatesScope, frame: Frame): MaybePromise<Json> {
    const rules = this.rules;
    for (let i = first; i < rules.length; i++) {
      const holds = testRule(rules[i] as JsonataChoiceRule, scope);
      if (isPromise(holds)) return holds.then((verdict) => (verdict ? this.take(i, scope, frame) : this.tryFrom(i + 1, scope, frame)));
      if (holds) return this.take(i, scope, frame);
    }
    if (this.spec.raw.Default === undefined) {
      // AWS's cause for a Choice without a match or Default.
      throw new StatesFailure('States.NoChoiceMatched', 'No Matches!');
    }
    frame.next = this.defaultTarget;
    return complete(this.completion, scope, scope.input);
  }

  private take(index: number, scope: StatesScope, frame: Frame): MaybePromise<Json> {
    frame.next = this.targets[index] ?? null;
    return complete((this.rules[index] as JsonataChoiceRule).completion, scope, scope.input);
  }

  override link(resolve: (name: string) => StateNode | null): void {
    this.targets = this.rules.map((rule) => resolve(rule.next));
    const fallback = this.spec.raw.Default;
    this.defaultTarget = typeof fallback === 'string' ? resolve(fallback) : null;
  }
}

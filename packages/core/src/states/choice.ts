import { compileChoiceRules } from '../choice/index.js';
import type { CompiledChoiceRule } from '../choice/index.js';
import { pointerTo } from '../compile-context.js';
import { StatesFailure } from '../errors.js';
import type { Json } from '../json.js';
import type { Frame } from '../run.js';
import type { StateNode } from '../state-node.js';
import type { IoPlan, StateSpec } from './common.js';
import { BaseState, compileIo, effectiveInput } from './common.js';

/** Choice: InputPath → first matching rule (or Default) → OutputPath. */
export class ChoiceState extends BaseState {
  readonly type = 'Choice';
  private readonly io: IoPlan;
  private readonly rules: readonly CompiledChoiceRule[];
  private targets: (StateNode | null)[] = [];
  private defaultTarget: StateNode | null = null;

  constructor(spec: StateSpec) {
    super(spec.name, spec);
    this.io = compileIo(spec, {});
    const compiled = compileChoiceRules(spec.raw.Choices ?? null, pointerTo(spec.pointer, 'Choices'));
    for (const diagnostic of compiled.diagnostics) spec.cx.diagnostics.push(diagnostic);
    this.rules = compiled.rules;
  }

  execute(rawInput: Json, frame: Frame): Json {
    const sources = frame.sources(rawInput);
    const ruleSources = effectiveInput(this.io, sources);
    const input = ruleSources.input;
    const rules = this.rules;
    let next: StateNode | null | undefined;
    for (let i = 0; i < rules.length; i++) {
      if ((rules[i] as CompiledChoiceRule).test(ruleSources)) {
        next = this.targets[i];
        break;
      }
    }
    if (next === undefined) {
      if (this.spec.raw.Default === undefined) {
        // AWS's cause for a Choice without a match or Default.
        throw new StatesFailure('States.NoChoiceMatched', 'No Matches!');
      }
      next = this.defaultTarget;
    }
    frame.next = next;
    return this.io.outputPath === undefined ? input : this.io.outputPath(ruleSources);
  }

  override link(resolve: (name: string) => StateNode | null): void {
    this.targets = this.rules.map((rule) => resolve(rule.next));
    const fallback = this.spec.raw.Default;
    this.defaultTarget = typeof fallback === 'string' ? resolve(fallback) : null;
  }
}

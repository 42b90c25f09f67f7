import { compileChoiceRules } from '../choice/index.js';
import type { CompiledChoiceRule } from '../choice/index.js';
import { pointerTo } from '../compile-context.js';
import { StatesFailure } from '../errors.js';
import type { Json } from '../json.js';
import { hasOwn } from '../json.js';
import { Messages } from '../validate/messages.js';
import type { Frame } from '../run.js';
import type { StateNode } from '../state-node.js';
import type { Template } from '../template.js';
import type { IoPlan, StateSpec } from './common.js';
import { BaseState, applyAssignments, compileAssign, compileIo, effectiveInput, evaluateAssign } from './common.js';

/**
 * Choice: InputPath → first matching rule (or Default) → OutputPath. A matching rule's own
 * `Assign` takes effect; the state's `Assign` only when no rule matches and Default is taken
 * (both read the effective input as `$`).
 */
export class ChoiceState extends BaseState {
  readonly type = 'Choice';
  private readonly io: IoPlan;
  private readonly rules: readonly CompiledChoiceRule[];
  private readonly ruleAssigns: readonly (Template | undefined)[];
  private targets: (StateNode | null)[] = [];
  private defaultTarget: StateNode | null = null;

  constructor(spec: StateSpec) {
    super(spec.name, spec);
    this.io = compileIo(spec, {});
    const compiled = compileChoiceRules(spec.raw.Choices ?? null, pointerTo(spec.pointer, 'Choices'));
    for (const diagnostic of compiled.diagnostics) spec.cx.diagnostics.push(diagnostic);
    this.rules = compiled.rules;
    this.ruleAssigns = compiled.rules.map((rule) => {
      // A JSONata rule's fields in a JSONPath state (the rule compiler leaves them to us).
      for (const field of ['Condition', 'Output']) {
        if (hasOwn(rule.raw, field)) spec.cx.report(rule.pointer, Messages.wrongQueryLanguage('JSONPath', field, 'JSONata'));
      }
      return compileAssign(rule.raw.Assign, pointerTo(rule.pointer, 'Assign'), spec.cx);
    });
  }

  execute(rawInput: Json, frame: Frame): Json {
    const sources = frame.sources(rawInput);
    const ruleSources = effectiveInput(this.io, sources);
    const input = ruleSources.input;
    const rules = this.rules;
    let next: StateNode | null | undefined;
    let assign: Template | undefined;
    for (let i = 0; i < rules.length; i++) {
      if ((rules[i] as CompiledChoiceRule).test(ruleSources)) {
        next = this.targets[i];
        assign = this.ruleAssigns[i];
        break;
      }
    }
    if (next === undefined) {
      if (this.spec.raw.Default === undefined) {
        // AWS's cause for a Choice without a match or Default.
        throw new StatesFailure('States.NoChoiceMatched', 'No Matches!');
      }
      next = this.defaultTarget;
      assign = this.io.assign;
    }
    frame.next = next;
    const assigned = assign === undefined ? undefined : evaluateAssign(assign, ruleSources, input);
    const output = this.io.outputPath === undefined ? input : this.io.outputPath(ruleSources);
    applyAssignments(frame, assigned);
    return output;
  }

  override link(resolve: (name: string) => StateNode | null): void {
    this.targets = this.rules.map((rule) => resolve(rule.next));
    const fallback = this.spec.raw.Default;
    this.defaultTarget = typeof fallback === 'string' ? resolve(fallback) : null;
  }
}

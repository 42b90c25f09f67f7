/**
 * The `Choices` of a JSONata-mode Choice state: each rule is a `Condition` (a boolean, or an
 * expression that yields one), its `Next`, and optionally its own `Assign` and `Output`.
 */
import type { CompileContext } from '../compile-context.js';
import type { Json } from '../json.js';
import { getOwn, isJsonObject } from '../json.js';
import type { StatesScope } from '../jsonata/index.js';
import type { MaybePromise } from '../maybe-promise.js';
import type { Completion, ValueField } from '../states/jsonata-fields.js';
import { NO_COMPLETION, compileCompletion, compileValueField, evaluateField, isBoolean } from '../states/jsonata-fields.js';
import { Messages } from '../validate/messages.js';
import { OPERATOR_NAMES } from './operators.js';

export interface JsonataChoiceRule {
  readonly next: string;
  /** `Choices[i]/Condition`, as AWS names it in causes. */
  readonly field: string;
  readonly condition: ValueField | undefined;
  readonly completion: Completion;
}

const RULE_FIELDS = new Set(['Condition', 'Next', 'Assign', 'Output', 'Comment']);
const JSONPATH_RULE_FIELDS = new Set(['Variable', 'And', 'Or', 'Not', ...OPERATOR_NAMES]);

/** Compiles `choices` (the state's `Choices`), reporting problems at `statePointer/Choices[i]`. */
export function compileJsonataChoiceRules(choices: Json | undefined, statePointer: string, cx: CompileContext): JsonataChoiceRule[] {
  if (!Array.isArray(choices)) return [];
  return choices.map((rule, index) => {
    const prefix = `Choices[${index}]`;
    const at = `${statePointer}/${prefix}`;
    const field = `${prefix}/Condition`;
    if (!isJsonObject(rule)) return { next: '', field, condition: undefined, completion: NO_COMPLETION };
    for (const key of Object.keys(rule)) {
      if (RULE_FIELDS.has(key)) continue;
      if (JSONPATH_RULE_FIELDS.has(key)) cx.report(at, Messages.wrongQueryLanguage('JSONata', key, 'JSONPath'));
      else cx.report(at, Messages.fieldNotSupported(key));
    }
    const raw = getOwn(rule, 'Condition');
    let condition: ValueField | undefined;
    if (raw === undefined) cx.report(at, Messages.fieldsRequired(['Condition']));
    else if (typeof raw === 'boolean' || typeof raw === 'string') condition = compileValueField(raw, field, statePointer, cx);
    else cx.report(`${at}/Condition`, Messages.expectedType('BOOLEAN'));
    if (condition?.kind === 'literal' && typeof condition.value !== 'boolean') cx.report(`${at}/Condition`, Messages.expectedType('BOOLEAN'));
    const next = getOwn(rule, 'Next');
    return { next: typeof next === 'string' ? next : '', field, condition, completion: compileCompletion(rule, `${prefix}/`, statePointer, cx) };
  });
}

/** Whether the rule holds; a Condition that yields anything but a boolean fails the state. */
export function testRule(rule: JsonataChoiceRule, scope: StatesScope): MaybePromise<boolean> {
  if (rule.condition === undefined) return false;
  return evaluateField<boolean>(rule.condition, rule.field, scope, isBoolean);
}

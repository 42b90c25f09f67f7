/**
 * The `Choices` of a JSONPath-mode Choice state, compiled once into predicates.
 *
 * Rules are tried in order and the first whose test holds gives the next state; the caller
 * falls back to `Default`, or raises States.NoChoiceMatched. A test raises States.Runtime
 * (via `runtimeFailure`) when a path it needs selects nothing.
 */
import type { Diagnostic } from '../errors.js';
import type { Json, JsonObject } from '../json.js';
import { getOwn, isJsonObject } from '../json.js';
import type { ValueSources } from '../sources.js';
import { Messages } from '../validate/messages.js';
import { SCHEMA_VALIDATION_FAILED, compileCondition, itemPointer } from './compile-rule.js';

export interface CompiledChoiceRule {
  readonly kind: 'choice-rule';
  /** The state to go to when `test` holds. */
  readonly next: string;
  /** Evaluates the rule; throws a `StatesFailure` (States.Runtime) for a missing value. */
  readonly test: (sources: ValueSources) => boolean;
  /** The rule as written, for Assign/Output handling and for error messages. */
  readonly raw: JsonObject;
  /** JSON Pointer of the rule, e.g. '/States/MyChoice/Choices/0'. */
  readonly pointer: string;
}

export interface ChoiceCompilation {
  /**
   * One entry per rule object of `Choices`, in order (a rule with problems is still listed,
   * with a test that is always false, so indexes line up with the definition).
   */
  readonly rules: readonly CompiledChoiceRule[];
  readonly diagnostics: readonly Diagnostic[];
}

/** `choices` is the state's `Choices` value; `pointer` the JSON Pointer of that field, e.g. '/States/MyChoice/Choices'. */
export function compileChoiceRules(choices: Json, pointer: string): ChoiceCompilation {
  const diagnostics: Diagnostic[] = [];
  const rules: CompiledChoiceRule[] = [];
  const problem = (at: string, message: string): void => {
    diagnostics.push({ pointer: at, code: SCHEMA_VALIDATION_FAILED, message });
  };

  if (!Array.isArray(choices)) {
    problem(pointer, Messages.expectedType('ARRAY'));
    return { rules, diagnostics };
  }
  // AWS documents at least one rule as mandatory.
  if (choices.length === 0) problem(pointer, Messages.minimumItems());

  choices.forEach((rule, index) => {
    const at = itemPointer(pointer, index);
    if (!isJsonObject(rule)) {
      problem(at, Messages.expectedType('OBJECT'));
      return;
    }
    const next = getOwn(rule, 'Next');
    if (next === undefined) problem(at, Messages.fieldsRequired(['Next']));
    else if (typeof next !== 'string') problem(`${at}/Next`, Messages.expectedType('STRING'));
    const test = compileCondition(rule, at, 'top', diagnostics);
    rules.push({ kind: 'choice-rule', next: typeof next === 'string' ? next : '', test, raw: rule, pointer: at });
  });
  return { rules, diagnostics };
}

/** The first rule whose test holds, or undefined (then `Default`, or States.NoChoiceMatched). */
export function findMatchingRule(rules: readonly CompiledChoiceRule[], sources: ValueSources): CompiledChoiceRule | undefined {
  for (const rule of rules) if (rule.test(sources)) return rule;
  return undefined;
}

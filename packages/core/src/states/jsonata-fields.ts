/**
 * The JSONata-mode fields states share: `Output` and `Assign` after the work (also on Choice
 * rules and catchers), and the single-value fields (`Seconds`, `MaxConcurrency`,
 * `TimeoutSeconds`, `Error`…) that take either a literal or a `{% … %}` expression.
 */
import type { CompileContext } from '../compile-context.js';
import type { Json, JsonObject } from '../json.js';
import { toJsonText } from '../json.js';
import type { JsonataExpression, JsonataTemplate, StatesScope } from '../jsonata/index.js';
import { compileExpression, compileJsonataTemplate, fieldFailure, isExpressionText, unexpectedType } from '../jsonata/index.js';
import type { MaybePromise } from '../maybe-promise.js';
import { andThen } from '../maybe-promise.js';
import { assignVariables } from '../variables.js';

/** What a state (or a Choice rule, or a catcher) evaluates once its work is done. */
export interface Completion {
  readonly assign: JsonataTemplate | undefined;
  readonly output: JsonataTemplate | undefined;
  readonly readsContext: boolean;
}

/**
 * `owner` holds `Assign` and `Output`; `prefix` places them in AWS's field names
 * (`''`, `Choices[0]/`, `Catch[1]/`).
 */
export function compileCompletion(owner: JsonObject, prefix: string, statePointer: string, cx: CompileContext): Completion {
  const assign = owner.Assign === undefined ? undefined : compileJsonataTemplate(owner.Assign, `${prefix}Assign`, statePointer, cx);
  const output = owner.Output === undefined ? undefined : compileJsonataTemplate(owner.Output, `${prefix}Output`, statePointer, cx);
  return { assign, output, readsContext: (assign?.readsContext ?? false) || (output?.readsContext ?? false) };
}

export const NO_COMPLETION: Completion = { assign: undefined, output: undefined, readsContext: false };

/**
 * Assign, then Output (`fallback` when there is none), both with the variables as they were on
 * entry; then the assignments take effect (AWS: "evaluated in parallel" on the entry values).
 */
export function complete(completion: Completion, scope: StatesScope, fallback: Json): MaybePromise<Json> {
  const { assign, output } = completion;
  if (assign === undefined) return output === undefined ? fallback : evaluateOutput(output, scope);
  return andThen(assign.evaluate(scope), (assigned) =>
    andThen(output === undefined ? fallback : evaluateOutput(output, scope), (result) => {
      assignVariables(scope.frame, assigned as JsonObject);
      return result;
    }),
  );
}

/** Output, recording a bound on its size when the template gives one (no walk of it then). */
function evaluateOutput(output: JsonataTemplate, scope: StatesScope): MaybePromise<Json> {
  const frame = scope.frame;
  if (output.sizeBound !== undefined && frame.valueBound >= 0) frame.outputBound = output.sizeBound(frame.valueBound);
  return output.evaluate(scope);
}

/** A field holding one literal value or one expression. */
export type ValueField = { readonly kind: 'literal'; readonly value: Json } | { readonly kind: 'expression'; readonly expression: JsonataExpression };

export function compileValueField(value: Json, field: string, statePointer: string, cx: CompileContext): ValueField {
  if (isExpressionText(value)) return { kind: 'expression', expression: compileExpression(value, field, `${statePointer}/${field}`, cx) };
  return { kind: 'literal', value };
}

export function readsContextOf(field: ValueField | undefined): boolean {
  return field?.kind === 'expression' && field.expression.readsContext;
}

/**
 * The field's value, checked by `accept` (which answers the type AWS would say it expected, or
 * undefined when the value is fine). A refused value fails as AWS's unexpected result type.
 */
export function evaluateField<T extends Json>(
  field: ValueField,
  name: string,
  scope: StatesScope,
  accept: (value: Json) => string | undefined,
): MaybePromise<T> {
  if (field.kind === 'literal') {
    const expected = accept(field.value);
    if (expected !== undefined) throw fieldFailure(scope, name, `The field '${name}' has an unexpected value type. Expected '${expected}', but was '${toJsonText(field.value)}'`);
    return field.value as T;
  }
  const expression = field.expression;
  return andThen(expression.evaluate(scope), (value) => {
    const expected = accept(value);
    if (expected !== undefined) throw unexpectedType(scope, expression.source, expression.field, expected, value);
    return value as T;
  });
}

/** The checks AWS's fields need: integers (with a lower bound), numbers, strings, booleans. */
export function integerAtLeast(min: number): (value: Json) => string | undefined {
  const expected = min === 0 ? 'non-negative integer' : min === 1 ? 'positive integer' : 'integer';
  return (value) => (typeof value === 'number' && Number.isInteger(value) && value >= min ? undefined : isInteger(value) ? expected : 'integer');
}

function isInteger(value: Json): boolean {
  return typeof value === 'number' && Number.isInteger(value);
}

export function numberBetween(min: number, max: number): (value: Json) => string | undefined {
  return (value) => (typeof value === 'number' && value >= min && value <= max ? undefined : 'number');
}

export const isString = (value: Json): string | undefined => (typeof value === 'string' ? undefined : 'string');
export const isBoolean = (value: Json): string | undefined => (typeof value === 'boolean' ? undefined : 'boolean');

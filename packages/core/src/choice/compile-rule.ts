/**
 * Validates one Choice rule (top-level or nested in And/Or/Not) and compiles it into a
 * predicate. Every problem becomes a Diagnostic and compilation carries on, so that one
 * CreateStateMachine-style answer lists them all; a rule with a problem compiles to a
 * predicate that is always false (the definition is rejected anyway).
 *
 * Wording comes from the engine's catalogue of AWS messages (validate/messages.ts, which
 * records the evidence for each), so a Choice problem reads like any other state's.
 */
import type { Diagnostic } from '../errors.js';
import type { Json, JsonObject } from '../json.js';
import { getOwn, hasOwn, isJsonObject } from '../json.js';
import { compilePath } from '../jsonpath/index.js';
import type { CompiledPath } from '../jsonpath/index.js';
import { Messages, ValidationCode } from '../validate/messages.js';
import { createOptionalReader, createRequiredReader } from './operands.js';
import { OPERATOR_NAMES, findOperator } from './operators.js';
import type { OperatorSpec } from './operators.js';
import {
  ALWAYS_FALSE,
  createAnd,
  createComparison,
  createMatches,
  createNot,
  createOr,
  createPresenceTest,
  createTypeTest,
} from './predicates.js';
import type { Comparand, Predicate } from './predicates.js';
import { compileStringMatches } from './string-matches.js';
import type { StringMatcher } from './string-matches.js';
import { createTimestampParts, parseTimestamp } from './timestamp.js';

export const SCHEMA_VALIDATION_FAILED = ValidationCode.SchemaValidationFailed;

export type RuleLevel = 'top' | 'nested';

/**
 * Keys of a top-level rule that belong to other compilers: `Next` (the caller), `Assign`
 * and `Output` (variables, JSONata), `Condition` (JSONata rules), `Comment` (free text).
 * A nested rule may only carry `Comment` besides its test.
 */
const TOP_LEVEL_OTHER_KEYS: ReadonlySet<string> = new Set(['Next', 'Comment', 'Assign', 'Output', 'Condition']);

const SELECTORS: readonly string[] = ['And', 'Or', 'Not', 'Variable'];

/** An operator whose value from the definition has been checked and prepared. */
type PreparedOperator =
  | { readonly kind: 'comparison'; readonly spec: OperatorSpec & { kind: 'comparison' }; readonly comparand: Comparand }
  | { readonly kind: 'matches'; readonly matcher: StringMatcher }
  | { readonly kind: 'type-test'; readonly spec: OperatorSpec & { kind: 'type-test' }; readonly expected: boolean };

function report(diagnostics: Diagnostic[], pointer: string, message: string): void {
  diagnostics.push({ pointer, code: SCHEMA_VALIDATION_FAILED, message });
}

/**
 * Location of an array item. The brief for this module asks for RFC 6901 pointers
 * (`…/Choices/0/And/1`); AWS itself writes `…/Choices[0]/And[1]` (validate/location.ts).
 * Changing notation means changing this one function.
 */
export function itemPointer(array: string, index: number): string {
  return `${array}/${index}`;
}

/** A `Variable` or `…Path` value: a reference path rooted at `$`, `$$` or `$name`. */
function compileReferencePath(
  value: Json,
  field: string,
  pointer: string,
  diagnostics: Diagnostic[],
): CompiledPath | undefined {
  if (typeof value !== 'string') {
    report(diagnostics, pointer, Messages.expectedType('STRING'));
    return undefined;
  }
  let path: CompiledPath;
  try {
    path = compilePath(value);
  } catch {
    report(diagnostics, pointer, `The value for the field '${field}' must be a valid JSONPath`);
    return undefined;
  }
  // AWS documents Variable and …Path values as Reference Paths: paths to a single node
  // (no wildcards, filters, slices or unions).
  if (!path.isReferencePath) {
    report(diagnostics, pointer, `The value for the field '${field}' must be a valid ReferencePath`);
    return undefined;
  }
  return path;
}

function prepareOperator(
  spec: OperatorSpec,
  value: Json,
  pointer: string,
  diagnostics: Diagnostic[],
): PreparedOperator | undefined {
  if (spec.kind === 'type-test') {
    if (typeof value === 'boolean') return { kind: 'type-test', spec, expected: value };
    report(diagnostics, pointer, Messages.expectedType('BOOLEAN'));
    return undefined;
  }
  if (spec.kind === 'matches') {
    if (typeof value === 'string') return { kind: 'matches', matcher: compileStringMatches(value) };
    report(diagnostics, pointer, Messages.expectedType('STRING'));
    return undefined;
  }
  if (spec.operand === 'path') {
    const path = compileReferencePath(value, spec.name, pointer, diagnostics);
    return path && { kind: 'comparison', spec, comparand: { kind: 'path', read: createRequiredReader(path) } };
  }
  switch (spec.family) {
    case 'numeric':
      if (typeof value === 'number') return { kind: 'comparison', spec, comparand: { kind: 'literal', value } };
      report(diagnostics, pointer, Messages.expectedType('NUMBER'));
      return undefined;
    case 'boolean':
      if (typeof value === 'boolean') return { kind: 'comparison', spec, comparand: { kind: 'literal', value } };
      report(diagnostics, pointer, Messages.expectedType('BOOLEAN'));
      return undefined;
    case 'string':
      if (typeof value === 'string') return { kind: 'comparison', spec, comparand: { kind: 'literal', value } };
      report(diagnostics, pointer, Messages.expectedType('STRING'));
      return undefined;
    case 'timestamp': {
      if (typeof value !== 'string') {
        report(diagnostics, pointer, Messages.expectedType('STRING'));
        return undefined;
      }
      // Literal timestamps are parsed once here. AWS rejects an unparseable one at creation
      // (recorded for Wait's `Timestamp`; assumed to be the same schema format here).
      const timestamp = createTimestampParts();
      if (!parseTimestamp(value, timestamp)) {
        report(diagnostics, pointer, Messages.notRfc3339());
        return undefined;
      }
      return { kind: 'comparison', spec, comparand: { kind: 'literal', value, timestamp } };
    }
  }
}

function createDataTest(path: CompiledPath, prepared: PreparedOperator): Predicate {
  switch (prepared.kind) {
    case 'comparison':
      return createComparison(prepared.spec.family, prepared.spec.mask, createRequiredReader(path), prepared.comparand);
    case 'matches':
      return createMatches(createRequiredReader(path), prepared.matcher);
    case 'type-test': {
      const test = prepared.spec.test;
      if (test === 'present') return createPresenceTest(createOptionalReader(path), prepared.expected);
      return createTypeTest(test, createRequiredReader(path), prepared.expected);
    }
  }
}

function compileList(value: Json, pointer: string, diagnostics: Diagnostic[]): Predicate[] | undefined {
  if (!Array.isArray(value)) {
    report(diagnostics, pointer, Messages.expectedType('ARRAY'));
    return undefined;
  }
  if (value.length === 0) {
    report(diagnostics, pointer, Messages.minimumItems());
    return undefined;
  }
  return value.map((item, index) => compileNested(item, itemPointer(pointer, index), diagnostics));
}

function compileNested(value: Json, pointer: string, diagnostics: Diagnostic[]): Predicate {
  if (isJsonObject(value)) return compileCondition(value, pointer, 'nested', diagnostics);
  report(diagnostics, pointer, Messages.expectedType('OBJECT'));
  return ALWAYS_FALSE;
}

/** Compiles the test of `rule` (found at JSON Pointer `pointer`), appending any problems. */
export function compileCondition(rule: JsonObject, pointer: string, level: RuleLevel, diagnostics: Diagnostic[]): Predicate {
  const problemsBefore = diagnostics.length;
  const selectors: string[] = [];
  const operators: string[] = [];
  for (const key of Object.keys(rule)) {
    if (key === 'And' || key === 'Or' || key === 'Not' || key === 'Variable') selectors.push(key);
    else if (findOperator(key) !== undefined) operators.push(key);
    else if (level === 'top' ? !TOP_LEVEL_OTHER_KEYS.has(key) : key !== 'Comment') {
      report(diagnostics, pointer, Messages.fieldNotSupported(key));
    }
  }

  // Every selector present is compiled, so each reports its own problems even when the
  // rule has more than one of them.
  let predicate: Predicate = ALWAYS_FALSE;
  for (const selector of selectors) {
    const value = getOwn(rule, selector) as Json;
    const at = `${pointer}/${selector}`;
    if (selector === 'And' || selector === 'Or') {
      const operands = compileList(value, at, diagnostics);
      if (operands) predicate = selector === 'And' ? createAnd(operands) : createOr(operands);
    } else if (selector === 'Not') {
      predicate = createNot(compileNested(value, at, diagnostics));
    } else {
      predicate = compileDataTest(rule, value, pointer, operators, diagnostics);
    }
  }

  if (selectors.length === 0) {
    if (operators.length > 0) report(diagnostics, pointer, Messages.fieldsRequired(['Variable']));
    // A top-level JSONata rule (`Condition`) is not ours: the JSONata compiler reports it
    // if it is out of place in a JSONPath state.
    else if (!(level === 'top' && hasOwn(rule, 'Condition'))) report(diagnostics, pointer, Messages.oneOfRequired(SELECTORS));
  } else if (selectors.length > 1) {
    report(diagnostics, pointer, Messages.onlyOneOf(SELECTORS));
  } else if (selectors[0] !== 'Variable') {
    for (const operator of operators) report(diagnostics, pointer, Messages.fieldNotSupported(operator));
  }
  return diagnostics.length === problemsBefore ? predicate : ALWAYS_FALSE;
}

function compileDataTest(
  rule: JsonObject,
  variable: Json,
  pointer: string,
  operators: readonly string[],
  diagnostics: Diagnostic[],
): Predicate {
  const path = compileReferencePath(variable, 'Variable', `${pointer}/Variable`, diagnostics);
  if (operators.length === 0) report(diagnostics, pointer, Messages.oneOfRequired(OPERATOR_NAMES));
  else if (operators.length > 1) report(diagnostics, pointer, Messages.onlyOneOf(OPERATOR_NAMES));
  let prepared: PreparedOperator | undefined;
  for (const name of operators) {
    const spec = findOperator(name) as OperatorSpec;
    prepared = prepareOperator(spec, getOwn(rule, name) as Json, `${pointer}/${name}`, diagnostics);
  }
  return path && prepared && operators.length === 1 ? createDataTest(path, prepared) : ALWAYS_FALSE;
}

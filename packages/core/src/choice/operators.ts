/**
 * The catalogue of JSONPath-mode Choice operators, as data. The rule compiler looks names
 * up here, so adding an operator means adding a row, and the validation message that lists
 * the operators is built from the same rows.
 */

/** Which JSON type a comparison accepts; any other type makes the comparison false. */
export type ComparisonFamily = 'string' | 'numeric' | 'boolean' | 'timestamp';

/**
 * Outcome bits of comparing a value with its comparand. An ordering is the set of outcomes
 * that make it true, so one closure serves all five orderings of a family
 * (`(mask & outcome) !== 0`) instead of one closure per ordering.
 */
export const LESS = 1;
export const EQUAL = 2;
export const GREATER = 4;

export type OperatorSpec =
  | {
      readonly kind: 'comparison';
      readonly name: string;
      readonly family: ComparisonFamily;
      /** Outcome bits (LESS | EQUAL | GREATER) for which the comparison holds. */
      readonly mask: number;
      /** 'path' for the `…Path` twin, whose value is a reference path to the comparand. */
      readonly operand: 'literal' | 'path';
    }
  | { readonly kind: 'matches'; readonly name: 'StringMatches' }
  | { readonly kind: 'type-test'; readonly name: string; readonly test: TypeTest };

export type TypeTest = 'null' | 'present' | 'numeric' | 'string' | 'boolean' | 'timestamp';

const ORDERINGS: readonly (readonly [suffix: string, mask: number])[] = [
  ['Equals', EQUAL],
  ['LessThan', LESS],
  ['GreaterThan', GREATER],
  ['LessThanEquals', LESS | EQUAL],
  ['GreaterThanEquals', GREATER | EQUAL],
];

const FAMILIES: readonly (readonly [prefix: string, family: ComparisonFamily])[] = [
  ['String', 'string'],
  ['Numeric', 'numeric'],
  ['Boolean', 'boolean'],
  ['Timestamp', 'timestamp'],
];

const TYPE_TESTS: readonly (readonly [name: string, test: TypeTest])[] = [
  ['IsNull', 'null'],
  ['IsPresent', 'present'],
  ['IsNumeric', 'numeric'],
  ['IsString', 'string'],
  ['IsBoolean', 'boolean'],
  ['IsTimestamp', 'timestamp'],
];

function buildCatalogue(): ReadonlyMap<string, OperatorSpec> {
  const catalogue = new Map<string, OperatorSpec>();
  for (const [prefix, family] of FAMILIES) {
    for (const [suffix, mask] of ORDERINGS) {
      // The States language defines BooleanEquals only: booleans have no order.
      if (family === 'boolean' && suffix !== 'Equals') continue;
      const name = prefix + suffix;
      catalogue.set(name, { kind: 'comparison', name, family, mask, operand: 'literal' });
      catalogue.set(`${name}Path`, { kind: 'comparison', name: `${name}Path`, family, mask, operand: 'path' });
    }
    // StringMatches sits after the string orderings, where AWS's documentation lists it.
    if (family === 'string') catalogue.set('StringMatches', { kind: 'matches', name: 'StringMatches' });
  }
  for (const [name, test] of TYPE_TESTS) catalogue.set(name, { kind: 'type-test', name, test });
  return catalogue;
}

/** Every operator by its field name (StringEquals, NumericLessThanPath, IsPresent…). */
export const OPERATORS: ReadonlyMap<string, OperatorSpec> = buildCatalogue();

/** The operator names in catalogue order, as the "only one of" validation message lists them. */
export const OPERATOR_NAMES: readonly string[] = [...OPERATORS.keys()];

export function findOperator(name: string): OperatorSpec | undefined {
  return OPERATORS.get(name);
}

/**
 * Predicate closures for data-test rules. Every literal is prepared when the rule is
 * compiled (timestamps parsed, patterns split); evaluation reads the value(s), checks the
 * JSON type and compares, without allocating.
 *
 * Semantics, from the `choice_operators` conformance cases recorded against AWS:
 * - a value of the wrong type makes the comparison false, never an error
 *   (NumericEquals on "", null, [], {}, false…; StringEquals on 1, null…);
 * - numbers compare by value (0 == 0.0, 1 == 1.0, -0 == 0);
 * - strings compare exactly ("\t\n" != "\t\r\n", " " != "     ") and order by UTF-16 code
 *   unit ("A" < "AB"), which is also what JavaScript's `<` does;
 * - `Is*: false` holds for every value of another type (IsString: false on 1 is true).
 */
import type { Json } from '../json.js';
import type { ValueSources } from '../sources.js';
import type { OptionalReader, RequiredReader } from './operands.js';
import { EQUAL, GREATER, LESS } from './operators.js';
import type { ComparisonFamily, TypeTest } from './operators.js';
import type { StringMatcher } from './string-matches.js';
import { compareTimestamps, createTimestampParts, parseTimestamp } from './timestamp.js';
import type { TimestampParts } from './timestamp.js';

export type Predicate = (sources: ValueSources) => boolean;

export const ALWAYS_FALSE: Predicate = () => false;

/** Where a comparison finds its comparand: a literal from the definition, or a path. */
export type Comparand =
  | { readonly kind: 'literal'; readonly value: Json; readonly timestamp?: TimestampParts }
  | { readonly kind: 'path'; readonly read: RequiredReader };

function outcome(comparison: number): number {
  return comparison < 0 ? LESS : comparison > 0 ? GREATER : EQUAL;
}

function compareLiteral(
  family: ComparisonFamily,
  mask: number,
  read: RequiredReader,
  comparand: Comparand & { kind: 'literal' },
): Predicate {
  const literal = comparand.value;
  switch (family) {
    case 'numeric': {
      const number = literal as number;
      return (sources) => {
        const value = read(sources);
        return typeof value === 'number' && (mask & (value < number ? LESS : value > number ? GREATER : EQUAL)) !== 0;
      };
    }
    case 'string': {
      const string = literal as string;
      return (sources) => {
        const value = read(sources);
        return typeof value === 'string' && (mask & (value < string ? LESS : value > string ? GREATER : EQUAL)) !== 0;
      };
    }
    case 'boolean':
      return (sources) => read(sources) === literal;
    case 'timestamp': {
      const target = comparand.timestamp as TimestampParts;
      const scratch = createTimestampParts();
      return (sources) => {
        const value = read(sources);
        if (typeof value !== 'string' || !parseTimestamp(value, scratch)) return false;
        return (mask & outcome(compareTimestamps(scratch, target))) !== 0;
      };
    }
  }
}

function comparePaths(family: ComparisonFamily, mask: number, read: RequiredReader, readComparand: RequiredReader): Predicate {
  // Both values are read before any type check: a missing comparand is a States.Runtime
  // error even when the Variable's value already has the wrong type.
  switch (family) {
    case 'numeric':
      return (sources) => {
        const value = read(sources);
        const other = readComparand(sources);
        if (typeof value !== 'number' || typeof other !== 'number') return false;
        return (mask & (value < other ? LESS : value > other ? GREATER : EQUAL)) !== 0;
      };
    case 'string':
      return (sources) => {
        const value = read(sources);
        const other = readComparand(sources);
        if (typeof value !== 'string' || typeof other !== 'string') return false;
        return (mask & (value < other ? LESS : value > other ? GREATER : EQUAL)) !== 0;
      };
    case 'boolean':
      return (sources) => {
        const value = read(sources);
        const other = readComparand(sources);
        return typeof value === 'boolean' && value === other;
      };
    case 'timestamp': {
      const left = createTimestampParts();
      const right = createTimestampParts();
      return (sources) => {
        const value = read(sources);
        const other = readComparand(sources);
        return (
          typeof value === 'string' &&
          typeof other === 'string' &&
          parseTimestamp(value, left) &&
          parseTimestamp(other, right) &&
          (mask & outcome(compareTimestamps(left, right))) !== 0
        );
      };
    }
  }
}

export function createComparison(family: ComparisonFamily, mask: number, read: RequiredReader, comparand: Comparand): Predicate {
  if (comparand.kind === 'literal') return compareLiteral(family, mask, read, comparand);
  return comparePaths(family, mask, read, comparand.read);
}

export function createMatches(read: RequiredReader, matches: StringMatcher): Predicate {
  return (sources) => {
    const value = read(sources);
    return typeof value === 'string' && matches(value);
  };
}

/** `IsPresent` is the one test that reads an absent value without failing. */
export function createPresenceTest(read: OptionalReader, expected: boolean): Predicate {
  return (sources) => (read(sources) !== undefined) === expected;
}

export function createTypeTest(test: Exclude<TypeTest, 'present'>, read: RequiredReader, expected: boolean): Predicate {
  switch (test) {
    case 'null':
      return (sources) => (read(sources) === null) === expected;
    case 'numeric':
      // JSON numbers only: AWS treats numeric-looking strings as strings (no case shows
      // otherwise), and booleans are not numbers (IsNumeric on true/false is false).
      return (sources) => (typeof read(sources) === 'number') === expected;
    case 'string':
      return (sources) => (typeof read(sources) === 'string') === expected;
    case 'boolean':
      return (sources) => (typeof read(sources) === 'boolean') === expected;
    case 'timestamp': {
      const scratch = createTimestampParts();
      return (sources) => {
        const value = read(sources);
        return (typeof value === 'string' && parseTimestamp(value, scratch)) === expected;
      };
    }
  }
}

export function createNot(inner: Predicate): Predicate {
  return (sources) => !inner(sources);
}

/**
 * And/Or short-circuit left to right: the common guard `And: [IsPresent, <comparison>]`
 * relies on the comparison not being evaluated (and failing) when the value is absent.
 * Small arities are unrolled.
 */
export function createAnd(operands: readonly Predicate[]): Predicate {
  const [a, b] = operands;
  if (operands.length === 1 && a) return a;
  if (operands.length === 2 && a && b) return (sources) => a(sources) && b(sources);
  return (sources) => {
    for (const operand of operands) if (!operand(sources)) return false;
    return true;
  };
}

export function createOr(operands: readonly Predicate[]): Predicate {
  const [a, b] = operands;
  if (operands.length === 1 && a) return a;
  if (operands.length === 2 && a && b) return (sources) => a(sources) || b(sources);
  return (sources) => {
    for (const operand of operands) if (operand(sources)) return true;
    return false;
  };
}

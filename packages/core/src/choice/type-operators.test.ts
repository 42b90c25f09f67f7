import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../json.js';
import type { ValueSources } from '../sources.js';
import { compileChoiceRules } from './index.js';

function sourcesOf(input: Json): ValueSources {
  return { input, context: () => ({}), variable: () => undefined };
}

function ruleOf(rule: JsonObject): (input: Json) => boolean {
  const { rules, diagnostics } = compileChoiceRules([{ ...rule, Next: 'Yes' }], '/States/C/Choices');
  expect(diagnostics).toEqual([]);
  const test = rules[0]?.test;
  if (!test) throw new Error('no rule compiled');
  return (input) => test(sourcesOf(input));
}

/** The values LocalStack's TYPE_COMPARISONS feed every Is* operator (recorded against AWS). */
const SAMPLES: readonly Json[] = [
  null, 0, 0.0, 1, 1.1, '', ' ', 'HelloWorld', '2012-10-09T19:00:55', '2012-10-09T19:00:55Z',
  '2012-10-09T19:00:55+01:00', '2023-02-24', [], [''], {}, { A: 0 }, true, false,
];

function expectTypeTest(operator: string, holdsFor: (value: Json) => boolean): void {
  const whenTrue = ruleOf({ Variable: '$.v', [operator]: true });
  const whenFalse = ruleOf({ Variable: '$.v', [operator]: false });
  for (const v of SAMPLES) {
    expect(whenTrue({ v }), `${operator}: true on ${JSON.stringify(v)}`).toBe(holdsFor(v));
    expect(whenFalse({ v }), `${operator}: false on ${JSON.stringify(v)}`).toBe(!holdsFor(v));
  }
}

describe('BooleanEquals', () => {
  it('holds only for the same boolean (0, 1, "", [], {} are not booleans)', () => {
    const isTrue = ruleOf({ Variable: '$.v', BooleanEquals: true });
    const isFalse = ruleOf({ Variable: '$.v', BooleanEquals: false });
    expect(isTrue({ v: true })).toBe(true);
    expect(isFalse({ v: false })).toBe(true);
    expect(isTrue({ v: false })).toBe(false);
    for (const v of [null, 0, 1, '', 'true', [], {}]) {
      expect(isTrue({ v })).toBe(false);
      expect(isFalse({ v })).toBe(false);
    }
  });

  it('BooleanEqualsPath compares two booleans', () => {
    const test = ruleOf({ Variable: '$.v', BooleanEqualsPath: '$.w' });
    expect(test({ v: false, w: false })).toBe(true);
    expect(test({ v: false, w: true })).toBe(false);
    expect(test({ v: 0, w: false })).toBe(false);
    expect(test({ v: 'x', w: 'x' })).toBe(false);
  });
});

describe('Type tests', () => {
  it('IsNull', () => expectTypeTest('IsNull', (v) => v === null));
  it('IsNumeric: JSON numbers only', () => expectTypeTest('IsNumeric', (v) => typeof v === 'number'));
  it('IsString', () => expectTypeTest('IsString', (v) => typeof v === 'string'));
  it('IsBoolean', () => expectTypeTest('IsBoolean', (v) => typeof v === 'boolean'));
  it('IsTimestamp: RFC 3339 strings with an offset', () =>
    expectTypeTest('IsTimestamp', (v) => v === '2012-10-09T19:00:55Z' || v === '2012-10-09T19:00:55+01:00'));
  it('IsPresent: any value, null included, is present', () => expectTypeTest('IsPresent', () => true));

  it('IsPresent is false, not an error, for a missing field', () => {
    expect(ruleOf({ Variable: '$.missing', IsPresent: true })({})).toBe(false);
    expect(ruleOf({ Variable: '$.missing', IsPresent: false })({})).toBe(true);
    expect(ruleOf({ Variable: '$.a.b', IsPresent: true })({ a: 'text' })).toBe(false);
  });
});

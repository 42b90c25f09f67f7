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

describe('Numeric comparisons', () => {
  it('NumericEquals compares by value: 0 == 0.0, 1 == 1.0, -0 == 0, 2.22 == 2.22', () => {
    expect(ruleOf({ Variable: '$.v', NumericEquals: 0 })({ v: 0.0 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', NumericEquals: 1.0 })({ v: 1 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', NumericEquals: 0 })({ v: -0 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', NumericEquals: 2.22 })({ v: 2.22 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', NumericEquals: 1 })({ v: 1.1 })).toBe(false);
  });

  it('is false for every non-number (no coercion of "", " ", false, true, null, [], {})', () => {
    const zero = ruleOf({ Variable: '$.v', NumericEquals: 0 });
    const one = ruleOf({ Variable: '$.v', NumericEquals: 1 });
    for (const v of [null, '', ' ', '0', [], [''], {}, { A: 0 }, false]) expect(zero({ v })).toBe(false);
    for (const v of [true, '1', [1]]) expect(one({ v })).toBe(false);
  });

  it('orders numbers', () => {
    expect(ruleOf({ Variable: '$.v', NumericLessThan: 1 })({ v: 0 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', NumericLessThan: 0 })({ v: 0.0 })).toBe(false);
    expect(ruleOf({ Variable: '$.v', NumericGreaterThan: 0 })({ v: 0 })).toBe(false);
    expect(ruleOf({ Variable: '$.v', NumericGreaterThan: 0 })({ v: 1e-9 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', NumericLessThanEquals: 1 })({ v: 1 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', NumericLessThanEquals: 0 })({ v: 1 })).toBe(false);
    expect(ruleOf({ Variable: '$.v', NumericGreaterThanEquals: 0 })({ v: 0.0 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', NumericGreaterThanEquals: 1 })({ v: 0 })).toBe(false);
    expect(ruleOf({ Variable: '$.v', NumericLessThan: 0 })({ v: -5.5 })).toBe(true);
  });

  it('…Path twins compare with the number at the path', () => {
    expect(ruleOf({ Variable: '$.v', NumericEqualsPath: '$.w' })({ v: 1, w: 1.0 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', NumericEqualsPath: '$.w' })({ v: 0, w: '0' })).toBe(false);
    expect(ruleOf({ Variable: '$.v', NumericLessThanPath: '$.w' })({ v: 0, w: 1 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', NumericGreaterThanPath: '$.w' })({ v: 1, w: 0 })).toBe(true);
    expect(ruleOf({ Variable: '$.v', NumericLessThanEqualsPath: '$.w' })({ v: 1, w: 0 })).toBe(false);
    expect(ruleOf({ Variable: '$.v', NumericGreaterThanEqualsPath: '$.w' })({ v: 0.0, w: 0 })).toBe(true);
  });
});

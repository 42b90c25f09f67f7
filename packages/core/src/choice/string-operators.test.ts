import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../json.js';
import type { ValueSources } from '../sources.js';
import { compileChoiceRules } from './index.js';

function sourcesOf(input: Json): ValueSources {
  return { input, context: () => ({}), variable: () => undefined };
}

/** Compiles one data-test rule and returns it as a function of the state input. */
function ruleOf(rule: JsonObject): (input: Json) => boolean {
  const { rules, diagnostics } = compileChoiceRules([{ ...rule, Next: 'Yes' }], '/States/C/Choices');
  expect(diagnostics).toEqual([]);
  const test = rules[0]?.test;
  if (!test) throw new Error('no rule compiled');
  return (input) => test(sourcesOf(input));
}

describe('String comparisons', () => {
  it('StringEquals compares exactly (cases: " " vs "     ", "\\t\\n" vs "\\t\\r\\n")', () => {
    expect(ruleOf({ Variable: '$.v', StringEquals: 'Hello' })({ v: 'Hello' })).toBe(true);
    expect(ruleOf({ Variable: '$.v', StringEquals: '     ' })({ v: ' ' })).toBe(false);
    expect(ruleOf({ Variable: '$.v', StringEquals: '\t\r\n' })({ v: '\t\n' })).toBe(false);
  });

  it('is false, not an error, for every non-string value', () => {
    const test = ruleOf({ Variable: '$.v', StringEquals: 'HelloWorld' });
    for (const v of [null, 0, 0.0, 1, 1.1, [], [''], {}, { A: 0 }, false, true, '']) expect(test({ v })).toBe(false);
  });

  it('orders by UTF-16 code units, like Java String.compareTo', () => {
    expect(ruleOf({ Variable: '$.v', StringLessThan: 'AB' })({ v: 'A' })).toBe(true);
    expect(ruleOf({ Variable: '$.v', StringLessThan: '' })({ v: '' })).toBe(false);
    expect(ruleOf({ Variable: '$.v', StringGreaterThan: 'ABC' })({ v: 'AB' })).toBe(false);
    expect(ruleOf({ Variable: '$.v', StringGreaterThanEquals: '' })({ v: '' })).toBe(true);
    expect(ruleOf({ Variable: '$.v', StringGreaterThanEquals: 'A' })({ v: 'AB' })).toBe(true);
    expect(ruleOf({ Variable: '$.v', StringLessThanEquals: 'A' })({ v: 'AB' })).toBe(false);
    // Upper case sorts before lower case; an astral character (surrogate pair 0xD83D…)
    // sorts before U+FFFD because its first code unit is smaller.
    expect(ruleOf({ Variable: '$.v', StringLessThan: 'a' })({ v: 'Z' })).toBe(true);
    expect(ruleOf({ Variable: '$.v', StringLessThan: '\uFFFD' })({ v: '😀' })).toBe(true);
  });

  it('…Path twins compare with the value at the path', () => {
    const less = ruleOf({ Variable: '$.v', StringLessThanPath: '$.w' });
    expect(less({ v: 'A', w: 'AB' })).toBe(true);
    expect(less({ v: 'AB', w: 'A' })).toBe(false);
    expect(less({ v: 'A', w: 1 })).toBe(false);
    expect(ruleOf({ Variable: '$.v', StringEqualsPath: '$.w' })({ v: 'Hello', w: 'Hello' })).toBe(true);
    expect(ruleOf({ Variable: '$.v', StringGreaterThanPath: '$.w' })({ v: 'A', w: 'A \t' })).toBe(false);
    expect(ruleOf({ Variable: '$.v', StringGreaterThanEqualsPath: '$.w' })({ v: '', w: '' })).toBe(true);
    expect(ruleOf({ Variable: '$.v', StringLessThanEqualsPath: '$.w' })({ v: 'b', w: 'a' })).toBe(false);
  });
});

describe('StringMatches', () => {
  it('matches * as any run of characters', () => {
    const test = ruleOf({ Variable: '$.v', StringMatches: 'log-*.txt' });
    expect(test({ v: 'log-2024.txt' })).toBe(true);
    expect(test({ v: 'log-.txt' })).toBe(true);
    expect(test({ v: 'log-2024.csv' })).toBe(false);
    expect(test({ v: 42 })).toBe(false);
  });

  it('reads \\* as a literal star and \\\\ as a literal backslash', () => {
    expect(ruleOf({ Variable: '$.v', StringMatches: 'a\\*b' })({ v: 'a*b' })).toBe(true);
    expect(ruleOf({ Variable: '$.v', StringMatches: 'a\\*b' })({ v: 'axb' })).toBe(false);
    expect(ruleOf({ Variable: '$.v', StringMatches: 'C:\\\\*' })({ v: 'C:\\temp' })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { StatesFailure } from '../errors.js';
import type { Json, JsonObject } from '../json.js';
import type { ValueSources } from '../sources.js';
import { compileChoiceRules, findMatchingRule } from './index.js';

function sourcesOf(input: Json, variables: Record<string, Json> = {}, context: Json = {}): ValueSources {
  return { input, context: () => context, variable: (name) => (Object.hasOwn(variables, name) ? variables[name] : undefined) };
}

function ruleOf(rule: JsonObject): (sources: ValueSources) => boolean {
  const { rules, diagnostics } = compileChoiceRules([{ ...rule, Next: 'Yes' }], '/States/C/Choices');
  expect(diagnostics).toEqual([]);
  const test = rules[0]?.test;
  if (!test) throw new Error('no rule compiled');
  return test;
}

function failureOf(run: () => unknown): StatesFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof StatesFailure) return error;
    throw error;
  }
  throw new Error('expected a StatesFailure');
}

describe('And / Or / Not', () => {
  const inTwenties = ruleOf({
    And: [
      { Variable: '$.value', NumericGreaterThanEquals: 20 },
      { Variable: '$.value', NumericLessThan: 30 },
    ],
  });

  it('combine nested rules (AWS docs scenario: value 22 is in its twenties)', () => {
    expect(inTwenties(sourcesOf({ value: 22 }))).toBe(true);
    expect(inTwenties(sourcesOf({ value: 30 }))).toBe(false);
    expect(ruleOf({ Not: { Variable: '$.type', StringEquals: 'Private' } })(sourcesOf({ type: 'Private' }))).toBe(false);
    expect(ruleOf({ And: [{ Variable: '$.type', StringEquals: 'Public' }] })(sourcesOf({ type: 'Public' }))).toBe(true);
  });

  it('nest to any depth', () => {
    const deep = ruleOf({
      Or: [
        { Variable: '$.a', BooleanEquals: true },
        { Not: { Not: { And: [{ Variable: '$.b', IsString: true }, { Or: [{ Variable: '$.b', StringMatches: 'x*' }, { Variable: '$.c', IsNull: true }] }] } } },
        { Variable: '$.d', NumericEquals: 1 },
        { Variable: '$.e', NumericEquals: 2 },
      ],
    });
    expect(deep(sourcesOf({ a: false, b: 'xy' }))).toBe(true);
    expect(deep(sourcesOf({ a: false, b: 'yy', c: null }))).toBe(true);
    expect(deep(sourcesOf({ a: false, b: 'yy', c: 1, d: 0, e: 2 }))).toBe(true);
    expect(deep(sourcesOf({ a: false, b: 'yy', c: 1, d: 0, e: 0 }))).toBe(false);
  });

  it('short-circuit, so IsPresent can guard a comparison', () => {
    const guarded = ruleOf({ And: [{ Variable: '$.x', IsPresent: true }, { Variable: '$.x', NumericEquals: 1 }] });
    expect(guarded(sourcesOf({}))).toBe(false);
    expect(guarded(sourcesOf({ x: 1 }))).toBe(true);
    const either = ruleOf({ Or: [{ Variable: '$.y', IsPresent: false }, { Variable: '$.y', StringEquals: 'z' }] });
    expect(either(sourcesOf({}))).toBe(true);
  });
});

describe('Missing values', () => {
  it('raise States.Runtime naming the Variable path', () => {
    const failure = failureOf(() => ruleOf({ Variable: '$.x', NumericEquals: 1 })(sourcesOf({ y: 1 })));
    expect(failure.error).toBe('States.Runtime');
    expect(failure.cause).toBe("Invalid path '$.x': The choice state's condition path references an invalid value.");
    expect(failure.inState).toBe(true);
  });

  it('raise for every operator but IsPresent, even inside Not', () => {
    for (const operator of ['IsNull', 'IsString', 'IsNumeric', 'IsBoolean', 'IsTimestamp']) {
      expect(failureOf(() => ruleOf({ Variable: '$.x', [operator]: false })(sourcesOf({}))).error).toBe('States.Runtime');
    }
    expect(failureOf(() => ruleOf({ Variable: '$.x', StringMatches: '*' })(sourcesOf({}))).error).toBe('States.Runtime');
    expect(failureOf(() => ruleOf({ Not: { Variable: '$.x', BooleanEquals: true } })(sourcesOf({}))).error).toBe('States.Runtime');
  });

  it('raise naming the …Path comparand when it is the one missing', () => {
    const failure = failureOf(() => ruleOf({ Variable: '$.left', NumericEqualsPath: '$.right' })(sourcesOf({ left: 8 })));
    expect(failure.cause).toBe("Invalid path '$.right': The choice state's condition path references an invalid value.");
    // The comparand is read even when the Variable already has the wrong type.
    expect(failureOf(() => ruleOf({ Variable: '$.left', NumericEqualsPath: '$.right' })(sourcesOf({ left: 'x' }))).error).toBe('States.Runtime');
  });

  it('report the Variable first when both are missing', () => {
    const failure = failureOf(() => ruleOf({ Variable: '$.left', StringEqualsPath: '$.right' })(sourcesOf({})));
    expect(failure.cause).toContain("'$.left'");
  });
});

describe('Path roots', () => {
  it('read the context object ($$) and variables ($name)', () => {
    const fromContext = ruleOf({ Variable: '$$.Execution.Input.input-value', NumericLessThanEquals: 0 });
    expect(fromContext(sourcesOf({}, {}, { Execution: { Input: { 'input-value': 0 } } }))).toBe(true);
    const fromVariable = ruleOf({ Variable: '$status', StringEqualsPath: '$expected.status' });
    expect(fromVariable(sourcesOf({}, { status: 'OK', expected: { status: 'OK' } }))).toBe(true);
    expect(ruleOf({ Variable: '$', IsString: true })(sourcesOf('plain'))).toBe(true);
  });

  it('treat an unassigned variable as missing', () => {
    expect(ruleOf({ Variable: '$config', IsPresent: true })(sourcesOf({}))).toBe(false);
    const failure = failureOf(() => ruleOf({ Variable: '$config', StringEquals: 'x' })(sourcesOf({})));
    expect(failure.cause).toBe("Invalid path '$config': The choice state's condition path references an invalid value.");
  });
});

describe('findMatchingRule', () => {
  it('returns the first rule that holds, in order', () => {
    const { rules } = compileChoiceRules(
      [
        { Variable: '$.n', NumericLessThan: 0, Next: 'Negative' },
        { Variable: '$.n', NumericLessThan: 10, Next: 'Small' },
        { Variable: '$.n', NumericGreaterThanEquals: 0, Next: 'Any' },
      ],
      '/States/C/Choices',
    );
    expect(findMatchingRule(rules, sourcesOf({ n: 5 }))?.next).toBe('Small');
    expect(findMatchingRule(rules, sourcesOf({ n: 50 }))?.next).toBe('Any');
    expect(findMatchingRule(rules, sourcesOf({ n: 'x' }))).toBeUndefined();
    expect(rules.map((rule) => rule.pointer)).toEqual(['/States/C/Choices/0', '/States/C/Choices/1', '/States/C/Choices/2']);
  });
});

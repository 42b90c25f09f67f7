import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import { Messages } from '../validate/messages.js';
import { compileChoiceRules } from './index.js';
import { OPERATOR_NAMES } from './operators.js';

const AT = '/States/C/Choices';

function problemsOf(choices: Json): [pointer: string, message: string][] {
  const { diagnostics } = compileChoiceRules(choices, AT);
  for (const diagnostic of diagnostics) expect(diagnostic.code).toBe('SCHEMA_VALIDATION_FAILED');
  return diagnostics.map((d) => [d.pointer, d.message]);
}

describe('Choices shape', () => {
  it('must be a non-empty array of objects', () => {
    expect(problemsOf({})).toEqual([[AT, Messages.expectedType('ARRAY')]]);
    expect(problemsOf([])).toEqual([[AT, Messages.minimumItems()]]);
    expect(problemsOf(['rule'])).toEqual([[`${AT}/0`, Messages.expectedType('OBJECT')]]);
  });

  it('top-level rules need a string Next', () => {
    expect(problemsOf([{ Variable: '$.x', IsNull: true }])).toEqual([[`${AT}/0`, Messages.fieldsRequired(['Next'])]]);
    expect(problemsOf([{ Variable: '$.x', IsNull: true, Next: 1 }])).toEqual([[`${AT}/0/Next`, Messages.expectedType('STRING')]]);
  });

  it('ignores the fields other compilers own on top-level rules', () => {
    expect(problemsOf([{ Variable: '$.x', IsNull: true, Next: 'N', Comment: 'c', Assign: { a: 1 }, Output: {} }])).toEqual([]);
    // A JSONata rule is reported (or not) by the JSONata compiler, not here.
    expect(problemsOf([{ Condition: '{% true %}', Next: 'N' }])).toEqual([]);
  });
});

describe('Rule shape', () => {
  it('reports a rule with no test', () => {
    expect(problemsOf([{ Next: 'N' }])).toEqual([[`${AT}/0`, Messages.oneOfRequired(['And', 'Or', 'Not', 'Variable'])]]);
  });

  it('reports an operator without Variable', () => {
    expect(problemsOf([{ StringEquals: 'x', Next: 'N' }])).toEqual([[`${AT}/0`, Messages.fieldsRequired(['Variable'])]]);
  });

  it('reports two selectors, and still checks each', () => {
    expect(problemsOf([{ Variable: '$.x', IsNull: true, Not: 'no', Next: 'N' }])).toEqual([
      [`${AT}/0/Not`, Messages.expectedType('OBJECT')],
      [`${AT}/0`, Messages.onlyOneOf(['And', 'Or', 'Not', 'Variable'])],
    ]);
  });

  it('reports zero or several operators', () => {
    expect(problemsOf([{ Variable: '$.x', Next: 'N' }])).toEqual([[`${AT}/0`, Messages.oneOfRequired(OPERATOR_NAMES)]]);
    expect(problemsOf([{ Variable: '$.x', IsNull: true, IsString: true, Next: 'N' }])).toEqual([[`${AT}/0`, Messages.onlyOneOf(OPERATOR_NAMES)]]);
    expect(OPERATOR_NAMES).toHaveLength(39);
    expect(OPERATOR_NAMES.slice(0, 3)).toEqual(['StringEquals', 'StringEqualsPath', 'StringLessThan']);
  });

  it('reports operators next to And/Or/Not, and unknown fields', () => {
    expect(problemsOf([{ Not: { Variable: '$.x', IsNull: true }, StringEquals: 'x', Next: 'N' }])).toEqual([[`${AT}/0`, Messages.fieldNotSupported('StringEquals')]]);
    expect(problemsOf([{ Variable: '$.x', IsNull: true, Next: 'N', Nxt: 'N' }])).toEqual([[`${AT}/0`, Messages.fieldNotSupported('Nxt')]]);
  });

  it('treats keys like __proto__ and constructor as plain (unsupported) fields', () => {
    const rule = JSON.parse('{"Variable":"$.x","IsNull":true,"Next":"N","__proto__":1,"constructor":2}') as Json;
    expect(problemsOf([rule])).toEqual([
      [`${AT}/0`, Messages.fieldNotSupported('__proto__')],
      [`${AT}/0`, Messages.fieldNotSupported('constructor')],
    ]);
  });
});

describe('Nested rules', () => {
  it('may not carry Next, Assign or Output', () => {
    expect(problemsOf([{ And: [{ Variable: '$.x', IsNull: true, Next: 'N' }], Next: 'N' }])).toEqual([[`${AT}/0/And/0`, Messages.fieldNotSupported('Next')]]);
    expect(problemsOf([{ Not: { Variable: '$.x', IsNull: true, Assign: {} }, Next: 'N' }])).toEqual([[`${AT}/0/Not`, Messages.fieldNotSupported('Assign')]]);
    expect(problemsOf([{ Not: { Variable: '$.x', IsNull: true, Comment: 'fine' }, Next: 'N' }])).toEqual([]);
  });

  it('And/Or need a non-empty array of objects; Not needs an object', () => {
    expect(problemsOf([{ And: [], Next: 'N' }])).toEqual([[`${AT}/0/And`, Messages.minimumItems()]]);
    expect(problemsOf([{ Or: {}, Next: 'N' }])).toEqual([[`${AT}/0/Or`, Messages.expectedType('ARRAY')]]);
    expect(problemsOf([{ Or: [1], Next: 'N' }])).toEqual([[`${AT}/0/Or/0`, Messages.expectedType('OBJECT')]]);
    expect(problemsOf([{ Not: [], Next: 'N' }])).toEqual([[`${AT}/0/Not`, Messages.expectedType('OBJECT')]]);
  });

  it('reports every problem with its own pointer, at any depth', () => {
    const choices = [
      { And: [{ Variable: '$.a', IsNull: true }, { Variable: '$.b[', NumericEquals: 'x' }], Next: 'N' },
      { Or: [{ Not: { Variable: '$.c', TimestampEquals: 'yesterday' } }], Next: 'M' },
      { Variable: '$.d', StringEquals: 1 },
    ];
    expect(problemsOf(choices)).toEqual([
      [`${AT}/0/And/1/Variable`, "The value for the field 'Variable' must be a valid JSONPath"],
      [`${AT}/0/And/1/NumericEquals`, Messages.expectedType('NUMBER')],
      [`${AT}/1/Or/0/Not/TimestampEquals`, Messages.notRfc3339()],
      [`${AT}/2`, Messages.fieldsRequired(['Next'])],
      [`${AT}/2/StringEquals`, Messages.expectedType('STRING')],
    ]);
  });
});

describe('Operator values', () => {
  it('must have the operator type', () => {
    const cases: [operator: string, value: Json, message: string][] = [
      ['NumericEquals', '1', Messages.expectedType('NUMBER')],
      ['NumericLessThan', null, Messages.expectedType('NUMBER')],
      ['StringEquals', 1, Messages.expectedType('STRING')],
      ['StringMatches', true, Messages.expectedType('STRING')],
      ['BooleanEquals', 'true', Messages.expectedType('BOOLEAN')],
      ['IsPresent', 'yes', Messages.expectedType('BOOLEAN')],
      ['TimestampLessThan', 0, Messages.expectedType('STRING')],
      ['TimestampLessThan', '2016-12-05 21:29:29Z', Messages.notRfc3339()],
      ['NumericEqualsPath', 3, Messages.expectedType('STRING')],
      ['StringEqualsPath', 'no-dollar', "The value for the field 'StringEqualsPath' must be a valid JSONPath"],
    ];
    for (const [operator, value, message] of cases) {
      expect(problemsOf([{ Variable: '$.x', [operator]: value, Next: 'N' }]), operator).toEqual([[`${AT}/0/${operator}`, message]]);
    }
  });

  it('Variable and …Path values must be reference paths', () => {
    expect(problemsOf([{ Variable: 1, IsNull: true, Next: 'N' }])).toEqual([[`${AT}/0/Variable`, Messages.expectedType('STRING')]]);
    expect(problemsOf([{ Variable: '$.items[*].id', IsNull: true, Next: 'N' }])).toEqual([[`${AT}/0/Variable`, "The value for the field 'Variable' must be a valid ReferencePath"]]);
    expect(problemsOf([{ Variable: 'States.Format($.x)', IsNull: true, Next: 'N' }])).toEqual([[`${AT}/0/Variable`, "The value for the field 'Variable' must be a valid JSONPath"]]);
  });

  it('a rule with problems still gets an entry, whose test is false', () => {
    const { rules } = compileChoiceRules([{ Variable: '$.x', NumericEquals: 'x', Next: 'N' }], AT);
    expect(rules).toHaveLength(1);
    expect(rules[0]?.test({ input: { x: 'x' }, context: () => ({}), variable: () => undefined })).toBe(false);
  });
});

/** JSONata Choice rules at creation: Condition required, JSONPath rule fields refused. */
import { describe, expect, it } from 'vitest';
import { validateStateMachine } from '../index.js';
import type { Json } from '../index.js';

function choice(rule: Record<string, Json>, language: 'JSONata' | 'JSONPath' = 'JSONata'): Json {
  return { QueryLanguage: language, StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Next: 'P', ...rule }], Default: 'P' }, P: { Type: 'Pass', End: true } } };
}

const messages = (definition: Json): string[] => validateStateMachine(definition).map((d) => `${d.pointer}: ${d.message}`);

describe('JSONata Choice rules', () => {
  it('need a Condition', () => {
    expect(messages(choice({}))).toEqual(['/States/C/Choices[0]: These fields are required: [Condition]']);
  });

  it('refuse the fields of a JSONPath rule, in AWS’s words', () => {
    expect(messages(choice({ Variable: '$.x', IsPresent: true }))).toEqual([
      "/States/C/Choices[0]: The QueryLanguage is set to 'JSONata', but field 'Variable' is only supported for the 'JSONPath' QueryLanguage",
      "/States/C/Choices[0]: The QueryLanguage is set to 'JSONata', but field 'IsPresent' is only supported for the 'JSONPath' QueryLanguage",
      '/States/C/Choices[0]: These fields are required: [Condition]',
    ]);
  });

  it('take a boolean or an expression as Condition', () => {
    expect(messages(choice({ Condition: true }))).toEqual([]);
    expect(messages(choice({ Condition: '{% $states.input.ok %}', Assign: { a: 1 }, Output: 'x', Comment: 'c' }))).toEqual([]);
    expect(messages(choice({ Condition: 1 }))).toEqual(['/States/C/Choices[0]/Condition: Expected value of type [BOOLEAN]']);
  });

  it('in a JSONPath state, Condition and Output are the other language’s fields', () => {
    expect(messages(choice({ Variable: '$.x', IsPresent: true, Output: 1 }, 'JSONPath'))).toEqual([
      "/States/C/Choices/0: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage",
    ]);
  });
});

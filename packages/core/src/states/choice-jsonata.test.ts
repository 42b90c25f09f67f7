/** JSONata Choice: Conditions, and the Assign/Output of the matched rule or of the state. */
import { describe, expect, it } from 'vitest';
import type { Json } from '../index.js';
import { execute } from '../../test/support.js';

function choice(rules: Json[], extra: Record<string, Json> = {}): Json {
  return {
    QueryLanguage: 'JSONata',
    StartAt: 'C',
    States: {
      C: { Type: 'Choice', Choices: rules, Default: 'Default', ...extra },
      Yes: { Type: 'Pass', Output: '{% {"branch": "yes", "input": $states.input, "v": $exists($v) ? $v : null} %}', End: true },
      Default: { Type: 'Pass', Output: '{% {"branch": "default", "input": $states.input, "v": $exists($v) ? $v : null} %}', End: true },
    },
  };
}

describe('JSONata Choice', () => {
  it('takes the first rule whose Condition holds (AWS docs scenario)', async () => {
    const rules = [
      { Condition: "{% $not($states.input.type = 'Private') %}", Next: 'Default' },
      { Condition: '{% $states.input.value >= 20 and $states.input.value < 30 %}', Next: 'Yes' },
    ];
    const { result } = await execute(choice(rules), { type: 'Private', value: 22 });
    expect(result.output).toMatchObject({ branch: 'yes', input: { type: 'Private', value: 22 } });
  });

  it('accepts a literal boolean Condition (AWS-recorded)', async () => {
    const { result } = await execute(choice([{ Condition: true, Next: 'Yes' }]));
    expect(result.output).toMatchObject({ branch: 'yes' });
  });

  it('a matched rule’s Assign and Output replace the state’s (AWS-recorded)', async () => {
    const definition = choice([{ Condition: '{% $states.input.go %}', Next: 'Yes', Assign: { v: 'rule' }, Output: { from: 'rule' } }], {
      Assign: { v: 'state' },
      Output: { from: 'state' },
    });
    expect((await execute(definition, { go: true })).result.output).toEqual({ branch: 'yes', input: { from: 'rule' }, v: 'rule' });
    expect((await execute(definition, { go: false })).result.output).toEqual({ branch: 'default', input: { from: 'state' }, v: 'state' });
  });

  it('a rule and Default sharing a target still tell which was taken', async () => {
    const definition: Json = {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.go %}', Next: 'End', Assign: { v: 'rule' } }], Default: 'End', Assign: { v: 'state' } },
        End: { Type: 'Pass', Output: '{% $v %}', End: true },
      },
    };
    expect((await execute(definition, { go: true })).result.output).toBe('rule');
    expect((await execute(definition, { go: false })).result.output).toBe('state');
  });

  it('without a match or Default fails with States.NoChoiceMatched', async () => {
    const definition: Json = { QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: false, Next: 'P' }] }, P: { Type: 'Pass', End: true } } };
    expect((await execute(definition)).result).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
  });

  it('a Condition that is no boolean fails the state; later rules are never evaluated', async () => {
    const rules = [
      { Condition: '{% $states.input.flag %}', Next: 'Yes' },
      { Condition: '{% $nothing %}', Next: 'Yes' },
    ];
    const notBoolean = await execute(choice(rules), { flag: 'yes' });
    expect(notBoolean.result).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    expect(notBoolean.result.cause).toContain(
      "The JSONata expression '$states.input.flag' specified for the field 'Choices[0]/Condition' returned an unexpected result type. Expected 'boolean', but was 'string' for value: \"yes\"",
    );
    expect((await execute(choice(rules), { flag: true })).result.output).toMatchObject({ branch: 'yes' });
  });
});

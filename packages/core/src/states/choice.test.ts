/** The Choice state as a state: routing, Default, InputPath/OutputPath and its failures. */
import { describe, expect, it } from 'vitest';
import type { Json } from '../index.js';
import { execute, typesOf } from '../../test/support.js';

function choice(fields: Record<string, Json>): Json {
  return {
    StartAt: 'Decide',
    States: {
      Decide: { Type: 'Choice', ...fields },
      Small: { Type: 'Pass', Result: 'small', End: true },
      Large: { Type: 'Pass', Result: 'large', End: true },
    },
  };
}

const RULES: Json = [
  { Variable: '$.n', NumericLessThan: 10, Next: 'Small' },
  { Variable: '$.n', NumericGreaterThanEquals: 10, Next: 'Large' },
];

describe('Choice', () => {
  it('takes the Next of the first matching rule', async () => {
    expect((await execute(choice({ Choices: RULES }), { n: 3 })).result.output).toBe('small');
    expect((await execute(choice({ Choices: RULES }), { n: 30 })).result.output).toBe('large');
  });

  it('rules are tried in order: the first true one wins', async () => {
    const rules: Json = [
      { Variable: '$.n', IsNumeric: true, Next: 'Large' },
      { Variable: '$.n', NumericLessThan: 10, Next: 'Small' },
    ];
    expect((await execute(choice({ Choices: rules }), { n: 3 })).result.output).toBe('large');
  });

  it('takes Default when no rule matches', async () => {
    const { result } = await execute(choice({ Choices: [{ Variable: '$.n', NumericLessThan: 0, Next: 'Small' }], Default: 'Large' }), { n: 3 });
    expect(result.output).toBe('large');
  });

  it('without a match and without Default fails with States.NoChoiceMatched', async () => {
    const definition: Json = {
      StartAt: 'Decide',
      States: { Decide: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 0, Next: 'Small' }] }, Small: { Type: 'Pass', End: true } },
    };
    const { result, events } = await execute(definition, { n: 3 });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ExecutionFailed']);
  });

  it('evaluates rules on the InputPath selection and passes on the OutputPath selection', async () => {
    const definition: Json = {
      StartAt: 'Decide',
      States: {
        Decide: { Type: 'Choice', InputPath: '$.inner', OutputPath: '$.keep', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'Echo' }] },
        Echo: { Type: 'Pass', End: true },
      },
    };
    const { result } = await execute(definition, { inner: { n: 1, keep: 'kept' }, n: 2 });
    expect(result.output).toBe('kept');
  });

  it('passes its input on unchanged and records Entered/Exited', async () => {
    const definition: Json = {
      StartAt: 'Decide',
      States: { Decide: { Type: 'Choice', Choices: [{ Variable: '$.n', IsPresent: true, Next: 'Echo' }] }, Echo: { Type: 'Pass', End: true } },
    };
    const { result, events } = await execute(definition, { n: 1, other: [true] });
    expect(result.output).toEqual({ n: 1, other: [true] });
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ChoiceStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('a Variable path that finds nothing fails with States.Runtime', async () => {
    const { result } = await execute(choice({ Choices: RULES, Default: 'Small' }), {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(result.cause).toMatch(/^An error occurred while executing the state 'Decide' \(entered at the event id #2\)\. /);
  });
});

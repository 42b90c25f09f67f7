/**
 * Workflow variables: Assign in both query languages, `$name` references, the values a state
 * sees (those on entry), the scopes of Parallel branches and Map iterations, and the size limits.
 */
import { describe, expect, it } from 'vitest';
import type { Json } from './index.js';
import { execute } from '../test/support.js';
import { MAX_VARIABLE_BYTES, VariableScope, assignVariables } from './variables.js';
import type { VariableOwner } from './variables.js';

const machine = (states: Record<string, Json>, start = Object.keys(states)[0] as string, top: Record<string, Json> = {}): Json => ({
  ...top,
  StartAt: start,
  States: states,
});

describe('Assign in JSONPath mode', () => {
  it('assigns literals and `.$` values; `$` is the state’s result (AWS-validated LocalStack cases)', async () => {
    const definition = machine({
      Set: { Type: 'Pass', Result: { answer: 42 }, Assign: { literal: '$.not.a.path', 'answer.$': '$.answer', 'state.$': '$$.State.Name' }, Next: 'Use' },
      Use: { Type: 'Pass', Parameters: { 'a.$': '$answer', 'l.$': '$literal', 's.$': '$state' }, End: true },
    });
    const { result } = await execute(definition);
    expect(result.output).toEqual({ a: 42, l: '$.not.a.path', s: 'Set' });
  });

  it('is read in InputPath, OutputPath, Parameters, intrinsics, Choice and Fail', async () => {
    const definition = machine({
      Set: { Type: 'Pass', Assign: { n: 2, word: 'hi', err: 'Boom' }, Next: 'Read' },
      Read: { Type: 'Pass', InputPath: '$n', Next: 'Check' },
      Check: { Type: 'Choice', Choices: [{ Variable: '$n', NumericEqualsPath: '$', Next: 'Format' }], Default: 'Fail' },
      Format: { Type: 'Pass', Parameters: { 'text.$': "States.Format('{} {}', $word, $n)" }, OutputPath: '$.text', Next: 'Fail' },
      Fail: { Type: 'Fail', ErrorPath: '$err', CausePath: '$' },
    });
    const { result } = await execute(definition);
    expect(result).toMatchObject({ status: 'FAILED', error: 'Boom', cause: 'hi 2' });
  });

  it('every field of a state reads the values from its entry; new values show from the next state', async () => {
    const definition = machine({
      Init: { Type: 'Pass', Assign: { x: 1, y: 2 }, Next: 'Swap' },
      Swap: { Type: 'Pass', Assign: { 'x.$': '$y', 'y.$': '$x' }, OutputPath: '$x', Next: 'Show' },
      Show: { Type: 'Pass', Parameters: { 'x.$': '$x', 'y.$': '$y', 'before.$': '$' }, End: true },
    });
    const { result } = await execute(definition);
    expect(result.output).toEqual({ x: 2, y: 1, before: 1 });
  });

  it('a Choice takes the matched rule’s Assign, or the state’s on Default', async () => {
    const choice = (input: Json) =>
      execute(
        machine({
          Check: {
            Type: 'Choice',
            Choices: [{ Variable: '$.v', NumericEquals: 1, Assign: { which: 'rule' }, Next: 'Done' }],
            Assign: { which: 'default', 'seen.$': '$.v' },
            Default: 'Done',
          },
          Done: { Type: 'Pass', Parameters: { 'which.$': '$which' }, End: true },
        }),
        input,
      );
    expect((await choice({ v: 1 })).result.output).toEqual({ which: 'rule' });
    expect((await choice({ v: 2 })).result.output).toEqual({ which: 'default' });
  });

  it('an undefined variable in a path fails the state with States.Runtime', async () => {
    const { result } = await execute(machine({ P: { Type: 'Pass', Parameters: { 'v.$': '$nothing' }, End: true } }));
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('Assign in JSONata mode', () => {
  it('evaluates against $states.input, and the variables are read as $name (AWS-recorded JSONPATH_ASSIGN_JSONATA_REF)', async () => {
    const definition = machine({
      A: { Type: 'Pass', Assign: { answer: 42 }, Next: 'B' },
      B: { Type: 'Pass', QueryLanguage: 'JSONata', Assign: { answer: 18, old: '{% $answer %}' }, Output: '{% [$answer, $states.input.v] %}', Next: 'C' },
      C: { Type: 'Pass', Parameters: { 'answer.$': '$answer', 'old.$': '$old' }, End: true },
    });
    const { result, events } = await execute(definition, { v: 'in' });
    expect(result.output).toEqual({ answer: 18, old: 42 });
    expect(events.find((event) => event.type === 'PassStateExited' && (event.stateExitedEventDetails as { name: string }).name === 'B')).toMatchObject({
      stateExitedEventDetails: { output: '[42,"in"]' },
    });
  });

  it('an Assign whose expression returns nothing fails the state (AWS-recorded)', async () => {
    const { result } = await execute(machine({ P: { Type: 'Pass', Assign: { result: '{% $doesNotExist %}' }, End: true } }, 'P', { QueryLanguage: 'JSONata' }));
    expect(result.cause).toBe(
      "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing (undefined).",
    );
  });
});

describe('scopes', () => {
  it('a Parallel branch reads outer variables; what it assigns stays inside it', async () => {
    const definition = machine({
      Outer: { Type: 'Pass', Assign: { x: 'outer' }, Next: 'Fork' },
      Fork: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'B1',
            States: {
              B1: { Type: 'Pass', Assign: { x: 'inner', 'seen.$': '$x' }, Next: 'B2' },
              B2: { Type: 'Pass', Parameters: { 'x.$': '$x', 'seen.$': '$seen' }, End: true },
            },
          },
          { StartAt: 'C1', States: { C1: { Type: 'Pass', Parameters: { 'x.$': '$x' }, End: true } } },
        ],
        ResultPath: '$.branches',
        Next: 'After',
      },
      After: { Type: 'Pass', Parameters: { 'branches.$': '$.branches', 'x.$': '$x' }, End: true },
    });
    const { result } = await execute(definition, {});
    expect(result.output).toEqual({ branches: [{ x: 'inner', seen: 'outer' }, { x: 'outer' }], x: 'outer' });
  });

  it('Map iterations are isolated from each other and from the outside (AWS-recorded BASE_SCOPE_MAP)', async () => {
    const definition = machine({
      Init: { Type: 'Pass', Assign: { bias: 10 }, Next: 'Each' },
      Each: {
        Type: 'Map',
        MaxConcurrency: 1,
        ItemProcessor: {
          StartAt: 'Read',
          States: {
            Read: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% {"seen": $exists($last), "v": $states.input + $bias} %}', Next: 'Keep' },
            Keep: { Type: 'Pass', Assign: { 'last.$': '$.v' }, End: true },
          },
        },
        Next: 'After',
      },
      After: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% {"out": $states.input, "last": $exists($last), "bias": $bias} %}', End: true },
    });
    const { result } = await execute(definition, [1, 2]);
    expect(result.output).toEqual({ out: [{ seen: false, v: 11 }, { seen: false, v: 12 }], last: false, bias: 10 });
  });

  it('a distributed Map’s iterations see no outer variable', async () => {
    const definition = machine({
      Init: { Type: 'Pass', Assign: { x: 1 }, Next: 'Each' },
      Each: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Read',
          States: { Read: { Type: 'Pass', Parameters: { 'x.$': '$x' }, End: true } },
        },
        End: true,
      },
    });
    const { result } = await execute(definition, [1], { type: 'STANDARD' });
    expect(result).toMatchObject({ status: 'FAILED' });
  });

  it('a catcher’s Assign lands in the state’s own scope; the state’s Assign is not evaluated', async () => {
    const definition = machine(
      {
        Try: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Oops', Cause: 'why' } } }],
          Assign: { outcome: 'ok' },
          Catch: [{ ErrorEquals: ['States.ALL'], Assign: { outcome: '{% $states.errorOutput.Error %}', input: '{% $states.input %}' }, Next: 'After' }],
          Next: 'After',
        },
        After: { Type: 'Pass', Output: '{% [$outcome, $input, $states.input] %}', End: true },
      },
      'Try',
      { QueryLanguage: 'JSONata' },
    );
    const { result } = await execute(definition, { in: 1 });
    expect(result.output).toEqual(['Oops', { in: 1 }, { Error: 'Oops', Cause: 'why' }]);
  });
});

describe('history', () => {
  it('StateExited lists what the state assigned, each value as JSON text', async () => {
    const { events } = await execute(machine({ P: { Type: 'Pass', Assign: { n: 1, 'o.$': '$' }, Next: 'Q' }, Q: { Type: 'Pass', End: true } }), { a: 'b' });
    const exits = events.filter((event) => event.type === 'PassStateExited').map((event) => event.stateExitedEventDetails);
    expect(exits[0]).toMatchObject({ assignedVariables: { n: '1', o: '{"a":"b"}' }, assignedVariablesDetails: { truncated: false } });
    expect(exits[1]).not.toHaveProperty('assignedVariables');
  });
});

describe('size limits', () => {
  const owner = (): VariableOwner => ({ variables: undefined });

  it('refuse a variable over 256 KiB and change nothing', () => {
    const thread = owner();
    assignVariables(thread, { small: 1 });
    expect(() => assignVariables(thread, { small: 2, big: 'x'.repeat(MAX_VARIABLE_BYTES) })).toThrow(/size exceeding/);
    expect(thread.variables?.get('small')).toBe(1);
  });

  it('refuse an Assign over 256 KiB in total', () => {
    const half = 'x'.repeat(MAX_VARIABLE_BYTES / 2);
    expect(() => assignVariables(owner(), { a: half, b: half })).toThrow(/combined size/);
  });

  it('open a scope of its own on a thread’s first assignment only', () => {
    const parent = owner();
    assignVariables(parent, { x: 1 });
    const child: VariableOwner = { variables: parent.variables };
    expect(child.variables).toBeInstanceOf(VariableScope);
    assignVariables(child, { y: 2 });
    expect(child.variables).not.toBe(parent.variables);
    expect(child.variables?.get('x')).toBe(1);
    expect(parent.variables?.get('y')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import { validateDefinition } from './validate-definition.js';

const problems = (definition: Json): string[] =>
  validateDefinition(definition).map((d) => `${d.code}: ${d.message} @ ${d.pointer}`);

const END = { Type: 'Pass', End: true };

describe('transition graph', () => {
  it('reports a missing StartAt target and the states nothing targets', () => {
    const definition = { StartAt: 'Nope', States: { 'Pass One': { Type: 'Pass', Next: 'Success' }, Success: { Type: 'Succeed' } } };
    expect(problems(definition)).toEqual([
      "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope @ /StartAt",
      'MISSING_TRANSITION_TARGET: State "Pass One" is not reachable. @ /States/Pass One',
    ]);
  });

  it('reports an untargeted state', () => {
    const definition = {
      StartAt: 'One',
      States: { One: { Type: 'Pass', Next: 'End' }, Lonely: { Type: 'Pass', Next: 'End' }, End: { Type: 'Succeed' } },
    };
    expect(problems(definition)).toEqual(['MISSING_TRANSITION_TARGET: State "Lonely" is not reachable. @ /States/Lonely']);
  });

  it('says Next for every kind of missing target', () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'C' },
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true, Next: 'X1' }], Default: 'X2' },
        T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'X3' }] },
      },
    };
    expect(problems(definition)).toEqual([
      "MISSING_TRANSITION_TARGET: Missing 'Next' target: X2 @ /States/C/Default",
      "MISSING_TRANSITION_TARGET: Missing 'Next' target: X1 @ /States/C/Choices[0]/Next",
      "MISSING_TRANSITION_TARGET: Missing 'Next' target: X3 @ /States/T/Catch[0]/Next",
      'MISSING_TRANSITION_TARGET: State "T" is not reachable. @ /States/T',
    ]);
  });

  it('counts Default, Choices and Catch as references', () => {
    const definition = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true, Next: 'T' }], Default: 'D' },
        D: { Type: 'Succeed' },
        T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] },
        F: { Type: 'Fail' },
      },
    };
    expect(problems(definition)).toEqual([]);
  });

  it('reports a machine without terminal state, and nothing unreachable then', () => {
    const loop = { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } };
    expect(problems({ StartAt: 'A', States: loop })).toEqual(['MISSING_END_STATE: Workflow has no terminal state @ ']);
    expect(problems({ StartAt: 'A', States: { ...loop, Z: { Type: 'Pass', Next: 'A' } } })).toEqual([
      'MISSING_END_STATE: Workflow has no terminal state @ ',
    ]);
  });

  it('reports the unreachable terminal instead when there is one', () => {
    const states = { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' }, C: END };
    expect(problems({ StartAt: 'A', States: states })).toEqual([
      'MISSING_TRANSITION_TARGET: State "C" is not reachable. @ /States/C',
    ]);
  });

  it('lists a dangling target before the missing end state', () => {
    expect(problems({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'NOPE' } } })).toEqual([
      "MISSING_TRANSITION_TARGET: Missing 'Next' target: NOPE @ /States/A/Next",
      'MISSING_END_STATE: Workflow has no terminal state @ ',
    ]);
  });

  it('keeps branches and processors closed scopes', () => {
    const definition = {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Next: 'Done', Branches: [{ StartAt: 'B1', States: { B1: { Type: 'Pass', Next: 'Done' } } }] },
        Done: { Type: 'Succeed' },
      },
    };
    expect(problems(definition)).toEqual([
      "MISSING_TRANSITION_TARGET: Missing 'Next' target: Done @ /States/P/Branches[0]/States/B1/Next",
    ]);
  });

  it('checks reachability but not the end state inside nested scopes', () => {
    const definition = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          End: true,
          ItemProcessor: {
            StartAt: 'X',
            States: { X: { Type: 'Pass', Next: 'Y' }, Y: { Type: 'Pass', Next: 'X' }, Z: END },
          },
        },
      },
    };
    expect(problems(definition)).toEqual([
      'MISSING_TRANSITION_TARGET: State "Z" is not reachable. @ /States/M/ItemProcessor/States/Z',
    ]);
  });

  it('skips the reachability walk when StartAt is missing', () => {
    expect(problems({ States: { A: END, B: END } })).toEqual([
      'SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] @ /',
    ]);
  });
});

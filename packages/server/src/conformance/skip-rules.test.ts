import { describe, expect, it } from 'vitest';
import { parseCase } from './case-file.js';
import { definitionHasTask, findSkipReason, SKIP_RULES } from './skip-rules.js';

function makeCase(definition: unknown, fields: Record<string, unknown> = {}) {
  const c = { id: 'x', category: 'base', features: [], execution: { runAs: 'ANY' }, definition, expected: {}, ...fields };
  return parseCase('x.json', JSON.stringify(c));
}

const pass = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
const task = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } };

describe('definitionHasTask', () => {
  it('finds Task states at the top, in Parallel branches and in Map iterators', () => {
    expect(definitionHasTask(makeCase(pass))).toBe(false);
    expect(definitionHasTask(makeCase(task))).toBe(true);
    const parallel = { StartAt: 'X', States: { X: { Type: 'Parallel', Branches: [pass, task], End: true } } };
    expect(definitionHasTask(makeCase(parallel))).toBe(true);
    const legacyMap = { StartAt: 'M', States: { M: { Type: 'Map', Iterator: task, End: true } } };
    const map = { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { ...task, ProcessorConfig: { Mode: 'INLINE' } }, End: true } } };
    expect(definitionHasTask(makeCase(legacyMap))).toBe(true);
    expect(definitionHasTask(makeCase(map))).toBe(true);
  });

  it('ignores data that merely looks like a Task state', () => {
    const data = { StartAt: 'P', States: { P: { Type: 'Pass', Result: { States: { T: { Type: 'Task' } } }, End: true } } };
    expect(definitionHasTask(makeCase(data))).toBe(false);
  });
});

describe('findSkipReason', () => {
  it('skips lambda cases and Task states, overridable by name; JSONata and variables run', () => {
    expect(SKIP_RULES.map((r) => r.name)).toEqual(['task']);
    expect(findSkipReason(makeCase(pass))).toBeUndefined();
    expect(findSkipReason(makeCase(pass, { category: 'lambda' }))).toMatch(/Task/);
    expect(findSkipReason(makeCase(task))).toBe('needs a Task state runner (use --include-task)');
    expect(findSkipReason(makeCase(task), new Set(['task']))).toBeUndefined();
    expect(findSkipReason(makeCase(pass, { features: ['jsonata', 'variables'] }))).toBeUndefined();
  });
});

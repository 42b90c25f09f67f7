import { describe, expect, it } from 'vitest';
import { formatCaseResult, formatCategorySummary, formatTally, passRate, tally } from './report.js';
import type { CaseResult } from './runner.js';

const result = (id: string, category: string, verdict: CaseResult['result'], extra: Partial<CaseResult> = {}): CaseResult => ({
  id,
  category,
  result: verdict,
  diffs: [],
  ms: 1,
  ...extra,
});

describe('report', () => {
  it('prints one line per passed or skipped case, and indented differences under a failure', () => {
    expect(formatCaseResult(result('a', 'base', 'pass'))).toBe('PASS a');
    expect(formatCaseResult(result('a', 'base', 'skip', { reason: 'uses JSONata' }))).toBe('SKIP a (uses JSONata)');
    const failed = result('a', 'base', 'fail', { diffs: [{ path: 'output.x', expected: 1, actual: undefined, note: 'missing' }] });
    expect(formatCaseResult(failed)).toBe('FAIL a\n    output.x: expected 1, got (absent) (missing)');
  });

  it('shows at most 20 differences', () => {
    const diffs = Array.from({ length: 25 }, (_, i) => ({ path: `p${i}`, expected: i, actual: -i }));
    const lines = formatCaseResult(result('a', 'base', 'fail', { diffs })).split('\n');
    expect(lines).toHaveLength(22);
    expect(lines[21]).toBe('    ... 5 more');
  });

  it('ends with "N passed, M failed" and adds skips only when there are some', () => {
    expect(formatTally({ pass: 3, fail: 0, skip: 0 })).toBe('3 passed, 0 failed');
    expect(formatTally({ pass: 3, fail: 1, skip: 2 })).toBe('3 passed, 1 failed, 2 skipped');
  });

  it('summarises each category on an aligned line', () => {
    const results = [result('1', 'scenarios', 'pass'), result('2', 'base', 'fail'), result('3', 'scenarios', 'skip')];
    expect(formatCategorySummary(results)).toEqual(['  base       0 passed, 1 failed', '  scenarios  1 passed, 0 failed, 1 skipped']);
  });

  it('computes the pass rate over the cases that ran', () => {
    const counts = tally([result('1', 'a', 'pass'), result('2', 'a', 'fail'), result('3', 'a', 'skip'), result('4', 'a', 'pass')]);
    expect(counts).toEqual({ pass: 2, fail: 1, skip: 1 });
    expect(passRate(counts)).toBeCloseTo(2 / 3);
    expect(passRate({ pass: 0, fail: 0, skip: 4 })).toBe(1);
  });
});

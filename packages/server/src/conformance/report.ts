// The text a conformance run prints. The line formats are those of the shared runner
// (shared/conformance/run.mjs), so that both runners' output can be compared line by line.
import type { Mismatch } from './matcher.js';
import type { CaseResult, Verdict } from './runner.js';

const MAX_DIFFS_SHOWN = 20;

function show(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

function formatMismatch(d: Mismatch): string {
  return `    ${d.path}: expected ${show(d.expected)}, got ${show(d.actual)}${d.note === undefined ? '' : ` (${d.note})`}`;
}

/** `PASS id`, `SKIP id (reason)`, or `FAIL id` followed by one indented line per difference. */
export function formatCaseResult(result: CaseResult): string {
  if (result.result === 'pass') return `PASS ${result.id}`;
  if (result.result === 'skip') return `SKIP ${result.id} (${result.reason ?? 'skipped'})`;
  const lines = result.diffs.slice(0, MAX_DIFFS_SHOWN).map(formatMismatch);
  if (result.diffs.length > MAX_DIFFS_SHOWN) lines.push(`    ... ${result.diffs.length - MAX_DIFFS_SHOWN} more`);
  return [`FAIL ${result.id}`, ...lines].join('\n');
}

export type Tally = Record<Verdict, number>;

export function tally(results: readonly CaseResult[]): Tally {
  const counts: Tally = { pass: 0, fail: 0, skip: 0 };
  for (const r of results) counts[r.result] += 1;
  return counts;
}

/** `N passed, M failed`, with `, K skipped` only when K > 0: the runner's closing line. */
export function formatTally(counts: Tally): string {
  return `${counts.pass} passed, ${counts.fail} failed${counts.skip > 0 ? `, ${counts.skip} skipped` : ''}`;
}

/** One aligned line per category, sorted by name, e.g. `  base               20 passed, 1 failed`. */
export function formatCategorySummary(results: readonly CaseResult[]): string[] {
  const byCategory = new Map<string, CaseResult[]>();
  for (const r of results) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r]);
  const names = [...byCategory.keys()].sort();
  const width = Math.max(0, ...names.map((n) => n.length));
  return names.map((name) => `  ${name.padEnd(width)}  ${formatTally(tally(byCategory.get(name) ?? []))}`);
}

/** Share of passed cases among those that ran (skips excluded); 1 when none ran. */
export function passRate(counts: Tally): number {
  const ran = counts.pass + counts.fail;
  return ran === 0 ? 1 : counts.pass / ran;
}

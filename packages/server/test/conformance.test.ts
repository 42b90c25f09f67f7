// The AWS-recorded conformance cases, run in-process: the engine must pass at least 97% of
// the cases it runs (skipped cases excluded). Cases folder: $FLOWGATE_CONFORMANCE_CASES, else
// shared/conformance/cases beside the repository; without it the test is skipped.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCases } from '../src/conformance/case-file.js';
import { passRate, tally } from '../src/conformance/report.js';
import { runCases } from '../src/conformance/runner.js';
import { defaultConformanceCasesDir } from '../src/repo-paths.js';

const REQUIRED_PASS_RATE = 0.97;
const casesDir = defaultConformanceCasesDir();
const present = existsSync(casesDir);
if (!present) console.warn(`conformance test skipped: no cases folder at ${casesDir} (set FLOWGATE_CONFORMANCE_CASES)`);

describe.skipIf(!present)('conformance (AWS-recorded cases, in-process)', () => {
  it(`passes at least ${REQUIRED_PASS_RATE * 100}% of the cases that run`, { timeout: 600_000 }, async () => {
    const cases = await loadCases(casesDir);
    // A per-case limit well under the test's own, so that a few hung cases show up as failures.
    const results = await runCases(cases, { concurrency: 4, timeoutMs: 10_000 });
    const counts = tally(results);
    const failed = results.filter((r) => r.result === 'fail').map((r) => r.id);
    // Not the runner's "N passed, M failed" line: CI would take it for the test count.
    const rate = (passRate(counts) * 100).toFixed(1);
    console.log(`conformance pass rate ${rate}% (${counts.pass} of ${counts.pass + counts.fail} run; ${counts.skip} skipped)`);
    if (failed.length > 0) console.log(`failing cases:\n  ${failed.join('\n  ')}`);
    expect(counts.pass + counts.fail, 'no case ran').toBeGreaterThan(0);
    expect(passRate(counts), `${failed.length} failing: ${failed.slice(0, 50).join(', ')}`).toBeGreaterThanOrEqual(REQUIRED_PASS_RATE);
  });
});

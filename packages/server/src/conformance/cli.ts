#!/usr/bin/env node
// `npm run conformance -- [cases-dir] [options]`: the AWS-recorded conformance cases, run
// in-process against @flowgate/core.
import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { ExitCode, exitCodeFor } from '../cli/exit-codes.js';
import { collect, parseMachineType, parsePositiveInteger, parsePositiveNumber } from '../cli/option-parsers.js';
import type { MachineType } from '../cli/option-parsers.js';
import { defaultConformanceCasesDir } from '../repo-paths.js';
import { loadCases } from './case-file.js';
import { formatCaseResult, formatCategorySummary, formatTally, tally } from './report.js';
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, runCases, runModeOf } from './runner.js';
import { findSkipReason, SKIP_RULES } from './skip-rules.js';

interface ConformanceOptions {
  category?: string[];
  filter?: string[];
  type: MachineType;
  concurrency: number;
  timeout: number;
  json?: string;
  list?: boolean;
  [includeFlag: string]: unknown;
}

/** `task` → the key commander gives `--include-task`. */
function includeKey(rule: string): string {
  return `include${rule.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())}`;
}

const HELP_AFTER = `
Each execution gets its own simulated clock, so Wait states and Retry back-off cost no real
time; a case still running after --timeout seconds of real time fails. Cases whose runAs is
STANDARD, EXPRESS_SYNC or EXPRESS_ASYNC always run that way.

Prints "PASS id", "FAIL id" with the differences indented below, or "SKIP id (reason)" per
case, then one summary line per category, and last "N passed, M failed" (", K skipped" when
cases were skipped). Exit code 1 when a case failed, 2 when the cases cannot be loaded.

Examples:
  npm run conformance -- --category base --category scenarios
  npm run conformance -- --filter test_wait --json results.json
  npm run conformance -- ../shared/conformance/cases --type STANDARD --include-task`;

function createProgram(): Command {
  const program = new Command('conformance')
    .description('Run the Step Functions conformance cases recorded against AWS, in-process against @flowgate/core (no HTTP).')
    .argument('[cases-dir]', 'folder of case files (default: $FLOWGATE_CONFORMANCE_CASES, else ../shared/conformance/cases beside the repository)')
    .option('--category <name>', 'only cases of this category (repeatable)', collect)
    .option('--filter <text>', 'only cases whose id contains TEXT (repeatable)', collect)
    .addOption(
      new Option('--type <type>', 'how to run cases whose runAs is ANY: EXPRESS (StartSyncExecution) or STANDARD')
        .argParser(parseMachineType)
        .default('EXPRESS'),
    );
  for (const rule of SKIP_RULES) program.option(`--include-${rule.name}`, `also run the cases skipped as "${rule.reason}"`);
  return program
    .option('--concurrency <n>', 'cases in flight at once', parsePositiveInteger, DEFAULT_CONCURRENCY)
    .option('--timeout <seconds>', 'real time after which a hanging case fails', parsePositiveNumber, DEFAULT_TIMEOUT_MS / 1000)
    .option('--json <file>', 'also write every case result (diffs, actual outcome) to FILE')
    .option('--list', 'list the selected cases with their run mode and skip reason, run nothing')
    .addHelpText('after', HELP_AFTER)
    .exitOverride();
}

async function runConformance(casesDirArgument: string | undefined, options: ConformanceOptions): Promise<ExitCode> {
  const dir = casesDirArgument ?? defaultConformanceCasesDir();
  const cases = await loadCases(dir, { categories: options.category ?? [], filters: options.filter ?? [] });
  const include = new Set(SKIP_RULES.map((r) => r.name).filter((name) => options[includeKey(name)] === true));

  if (options.list === true) {
    for (const c of cases) {
      const reason = findSkipReason(c, include);
      console.log(`${c.id}\t${c.category}\t${runModeOf(c, options.type)}${reason === undefined ? '' : `\tskip: ${reason}`}`);
    }
    console.log(`${cases.length} cases`);
    return ExitCode.Ok;
  }

  const runnerOptions = { type: options.type, include, concurrency: options.concurrency, timeoutMs: options.timeout * 1000 };
  const results = await runCases(cases, runnerOptions, (result) => console.log(formatCaseResult(result)));
  if (options.json !== undefined) await writeFile(options.json, `${JSON.stringify(results, null, 2)}\n`);
  const counts = tally(results);
  console.log('');
  console.log('by category:');
  for (const line of formatCategorySummary(results)) console.log(line);
  // The closing line must stay last: CI and the lead read it.
  console.log(formatTally(counts));
  return counts.fail > 0 ? ExitCode.Failed : ExitCode.Ok;
}

async function main(argv: readonly string[]): Promise<ExitCode> {
  const program = createProgram();
  try {
    program.parse(argv, { from: 'user' });
    return await runConformance(program.args[0], program.opts<ConformanceOptions>());
  } catch (error) {
    return exitCodeFor(error, (text) => process.stderr.write(text));
  }
}

// Exit explicitly: an execution that ignored the abort after its case timed out must not
// keep the process alive (stdout to a file or pipe is written synchronously on Linux).
process.exit(await main(process.argv.slice(2)));

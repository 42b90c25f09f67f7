#!/usr/bin/env node
// The `flowgate` command line.
import { createRequire } from 'node:module';
import { Command, Option } from 'commander';
import { readAllStdin } from './cli/command-io.js';
import type { CommandIo } from './cli/command-io.js';
import { exitCodeFor } from './cli/exit-codes.js';
import type { ExitCode } from './cli/exit-codes.js';
import { parseMachineType } from './cli/option-parsers.js';
import { runDefinitionFile } from './cli/run-command.js';
import type { RunOptions } from './cli/run-command.js';
import { validateDefinitionFile } from './cli/validate-command.js';
import type { ValidateOptions } from './cli/validate-command.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

function typeOption(): Option {
  return new Option('--type <type>', 'state machine type: STANDARD or EXPRESS').argParser(parseMachineType).default('EXPRESS');
}

const RUN_HELP = `
Output (stdout): the StartSyncExecution response as the AWS CLI prints it: executionArn,
stateMachineArn, name, startDate and stopDate (ISO 8601 in UTC, as AWS CLI v2 prints
timestamps, e.g. 2026-01-01T12:00:00.123000+00:00), status, error and cause when it failed,
and input and output as JSON text.

Exit codes: 0 SUCCEEDED; 1 FAILED, TIMED_OUT or ABORTED; 2 the definition or the input is
invalid, or a file cannot be read (AWS's InvalidDefinition message and one line per problem).

Task states: no function runner exists yet, so every Task state fails with States.TaskFailed
(which Retry and Catch handle as usual).

Examples:
  flowgate run workflow.asl.json --input '{"orderId": 42}'
  flowgate run workflow.asl.json --input @input.json --type STANDARD --history
  echo '{"a": 1}' | flowgate run workflow.asl.json --input @-`;

const VALIDATE_HELP = `
Prints "valid", or one line per problem: "<JSON pointer>: <code>: <message>", with AWS's
words. Exit codes: 0 valid, 1 invalid, 2 the file cannot be read.`;

function createProgram(io: CommandIo, done: (code: ExitCode) => void): Command {
  const program = new Command('flowgate')
    .description('Flowgate: Amazon States Language (AWS Step Functions) workflows, run locally with AWS semantics.')
    .version(version)
    .exitOverride();

  program
    .command('run')
    .description('Compile a state machine definition and run one execution to its end.')
    .argument('<definition-file>', 'Amazon States Language definition (JSON)')
    .option('--input <json|@file>', 'execution input: JSON text, @file to read it from a file, @- from stdin', undefined)
    .addOption(typeOption())
    .option('--name <name>', 'execution name (default: a UUID, as AWS)')
    .option('--history', 'also print every history event to stderr, one JSON object per line, as it happens')
    .addHelpText('after', RUN_HELP)
    .action(async (file: string, options: RunOptions) => done(await runDefinitionFile(file, options, io)));

  program
    .command('validate')
    .description('Check a state machine definition as CreateStateMachine would, without running it.')
    .argument('<definition-file>', 'Amazon States Language definition (JSON)')
    .addOption(typeOption())
    .addHelpText('after', VALIDATE_HELP)
    .action(async (file: string, options: ValidateOptions) => done(await validateDefinitionFile(file, options, io)));

  return program;
}

async function main(argv: readonly string[]): Promise<ExitCode> {
  // Ctrl-C aborts the running execution (status ABORTED, printed as usual); a second one exits.
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    interrupt.abort(new Error('interrupted'));
    process.once('SIGINT', () => process.exit(130));
  });
  const io: CommandIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: readAllStdin,
    signal: interrupt.signal,
  };
  let exitCode: ExitCode = 0;
  try {
    await createProgram(io, (code) => (exitCode = code)).parseAsync(argv, { from: 'user' });
  } catch (error) {
    exitCode = exitCodeFor(error, io.stderr);
  }
  return exitCode;
}

process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// The `flowgate` command line.
import { createRequire } from 'node:module';
import { Command, InvalidArgumentError, Option } from 'commander';
import { readAllStdin } from './cli/command-io.js';
import type { CommandIo } from './cli/command-io.js';
import { exitCodeFor } from './cli/exit-codes.js';
import type { ExitCode } from './cli/exit-codes.js';
import { parseMachineType } from './cli/option-parsers.js';
import { runDefinitionFile } from './cli/run-command.js';
import type { RunOptions } from './cli/run-command.js';
import { serve } from './cli/serve-command.js';
import type { ServeOptions } from './cli/serve-command.js';
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

  program
    .command('serve')
    .description('Serve the AWS Step Functions API (AWS JSON 1.0 protocol) with embedded storage.')
    .addOption(new Option('--port <port>', 'port to listen on').argParser(parsePort).default(8083))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data-dir <folder>', 'folder of the embedded SQLite store', '.flowgate')
    .option('--store <location>', 'postgres://… URL, a SQLite file, or :memory: (default: <data-dir>/flowgate.sqlite)')
    .option('--logs <stdout|file>', 'write execution log events (CloudWatch format, JSON lines) here')
    .addOption(
      new Option('--max-concurrent-executions <n>', 'executions in flight at once; more are refused with ThrottlingException')
        .argParser(parsePositiveInteger)
        .default(10_000),
    )
    .option('--no-record-express', 'keep no records of EXPRESS executions (as AWS): faster, but no DescribeExecution for them')
    .addOption(
      new Option('--retain-executions <n>', 'finished executions kept in the store (oldest deleted first)')
        .argParser(parsePositiveInteger)
        .default(100_000),
    )
    .addOption(
      new Option('--shutdown-grace <seconds>', 'on SIGINT/SIGTERM, how long executions in flight may finish')
        .argParser(parsePositiveInteger)
        .default(10),
    )
    .action(async (options: ServeOptions) => done(await serve(options, io, io.signal ?? new AbortController().signal)));

  return program;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError('a port number from 0 to 65535');
  return port;
}

function parsePositiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive integer');
  return n;
}

async function main(argv: readonly string[]): Promise<ExitCode> {
  // Ctrl-C aborts the running execution (status ABORTED, printed as usual); a second one exits.
  const interrupt = new AbortController();
  const onSignal = (): void => {
    interrupt.abort(new Error('interrupted'));
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
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

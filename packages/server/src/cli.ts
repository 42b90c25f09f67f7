#!/usr/bin/env node
// The `flowgate` command line.
import { createRequire } from 'node:module';
import { Command, InvalidArgumentError, Option } from 'commander';
import { readAllStdin } from './cli/command-io.js';
import type { CommandIo } from './cli/command-io.js';
import { exitCodeFor } from './cli/exit-codes.js';
import type { ExitCode } from './cli/exit-codes.js';
import { collect, parseMachineType } from './cli/option-parsers.js';
import { runDefinitionFile } from './cli/run-command.js';
import type { RunOptions } from './cli/run-command.js';
import { dev } from './cli/dev-command.js';
import type { DevOptions } from './cli/dev-command.js';
import { serve } from './cli/serve-command.js';
import type { ServeOptions } from './cli/serve-command.js';
import { runMockTests } from './cli/test-command.js';
import type { TestOptions } from './cli/test-command.js';
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

Task states: \`flowgate run\` registers no functions, so every Task state fails with
States.TaskFailed naming its resource (Retry and Catch handle it as usual). To call functions,
use \`flowgate dev\` (a project's functions) or \`flowgate serve --functions\`.

Examples:
  flowgate run workflow.asl.json --input '{"orderId": 42}'
  flowgate run workflow.asl.json --input @input.json --type STANDARD --history
  echo '{"a": 1}' | flowgate run workflow.asl.json --input @-`;

const TEST_HELP = `
Runs every test case of every state machine in a Step Functions Local mock configuration
(MockConfigFile.json), in-process on a simulated clock: Retry intervals and Wait states take
no real time. Mocked Task states answer from their mocked responses by invocation index
(retries included); other Task states call Flowgate's own integrations (no functions are
configured, so a Lambda task fails with Lambda.ResourceNotFoundException), or fail with
States.Runtime under --strict, as does an invocation index the mocked response does not cover.

Definitions: a machine is found by its name, the key under "StateMachines": <Name>.asl.json or
<Name>.json in the folders given to --definitions (default: the mock file's folder), or
--definition <Name>=<file>.

Expectations (optional): --expect <file>, else <mock file without .json>.expected.json when it
exists. A JSON object keyed "<StateMachine>/<TestCase>", each value with any of
  "status": SUCCEEDED | FAILED | TIMED_OUT | ABORTED   (default SUCCEEDED)
  "output": <JSON, compared as JSON>, "error": "<name>", "cause": "<text>",
  "input": <the execution input of this test case, default --input or {}>
A test case without an expectation passes when its execution SUCCEEDED.

Output: "PASS <Machine>/<TestCase>" or "FAIL …", then the execution's status, error, cause
and output ("<field>: expected …, got …" where it differs), then "<n> passed, <m> failed".
Exit codes: 0 all passed; 1 a test case failed; 2 a file is missing or invalid.

Examples:
  flowgate test MockConfigFile.json
  flowgate test mocks/MockConfigFile.json --definitions statemachines --expect mocks/expected.json
  flowgate test MockConfigFile.json --definition LambdaSQSIntegration=sfn/lambda-sqs.json --strict`;

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
    .command('test')
    .description('Run the test cases of a Step Functions Local mock configuration and report each as PASS or FAIL.')
    .argument('<mock-config>', 'mock configuration file (MockConfigFile.json format)')
    .option('--definitions <path...>', "folders or files of definitions, found by machine name (default: the mock file's folder)")
    .option('--definition <name=file>', 'the definition of one state machine (repeatable)', collect)
    .option('--expect <file>', 'expectations file (default: <mock file>.expected.json when it exists)')
    .option('--input <json|@file>', 'execution input of test cases whose expectation gives none (default {})')
    .addOption(new Option('--type <type>', 'state machine type: STANDARD or EXPRESS').argParser(parseMachineType).default('STANDARD'))
    .option('--strict', 'fail Task states the test case does not mock, instead of calling integrations')
    .addHelpText('after', TEST_HELP)
    .action(async (file: string, options: TestOptions) => done(await runMockTests(file, options, io)));

  program
    .command('dev')
    .description('Run a whole application locally: its HTTP API, workflows and functions, reloaded on change.')
    .argument('[dir]', 'the application folder (flowgate.yaml/.json/.config.ts, or a SAM template.yaml)', '.')
    .option('--template <file>', 'an AWS SAM template to run (default: found in the folder)')
    .addOption(new Option('--port <port>', "port of the application's HTTP API (the gateway)").argParser(parsePort).default(3000))
    .addOption(new Option('--api-port <port>', 'port of the AWS Step Functions API').argParser(parsePort).default(8083))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data-dir <folder>', 'folder of the embedded store (default: <dir>/.flowgate)')
    .option('--parameter <Name=Value...>', 'override a template or project parameter')
    .option('--no-watch', 'do not reload when files change')
    .option('--express-callbacks', 'extension: let EXPRESS workflows use .waitForTaskToken and activities (AWS refuses them)')
    .option('--logs', 'print execution log events (CloudWatch format) to stdout')
    .action(async (dir: string, options: DevOptions) => done(await dev(dir, options, io, io.signal ?? new AbortController().signal)));

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
    .option('--record-express', 'keep records and history of EXPRESS executions (AWS keeps none), for DescribeExecution, GetExecutionHistory and ListExecutions', false)
    .addOption(
      new Option('--mock-config <file>', 'Step Functions Local mock configuration: StartExecution/StartSyncExecution on <ARN>#<TestCase> runs that test case (reloaded when the file changes)').env(
        'SFN_MOCK_CONFIG',
      ),
    )
    .option('--functions <file>', 'functions Task states can call: a JSON file { "functions": { "<name>": { runtime, handler, codeUri, timeout, memorySize, environment } } }')
    .option('--http-allow-host <host...>', 'hosts HTTP Tasks (arn:aws:states:::http:invoke) may call, e.g. localhost:8080 or *.example.com')
    .option('--express-callbacks', 'extension: let EXPRESS workflows use .waitForTaskToken and activities (AWS refuses them)')
    .option('--mock-strict', 'in mock test cases, fail Task states the test case does not mock instead of calling the integration')
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

// `flowgate test <mock-config>`: every test case of every state machine of a Step Functions
// Local mock configuration, run in-process on a simulated clock (Retry and Wait cost no real
// time), reported like a test runner.
import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { compileStateMachine, createSimulatedClock, DefinitionError, parseExecutionInput } from '@flowgate/core';
import type { ExecutionResult, Json, StateMachine } from '@flowgate/core';
import { FunctionRegistry } from '../functions/function-registry.js';
import type { MockConfig, TestCase } from '../functions/mocks/mock-config.js';
import { MockConfigError, parseMockConfig } from '../functions/mocks/mock-config.js';
import { createMockedTaskPort } from '../functions/mocks/mocked-task-port.js';
import type { Expectation, ReportLine } from '../functions/mocks/test-expectations.js';
import { compareWithExpectation, DEFAULT_EXPECTATION, parseExpectations } from '../functions/mocks/test-expectations.js';
import { createIntegrationTaskPort } from '../functions/task-integrations.js';
import { readTextFile } from './command-io.js';
import type { CommandIo } from './command-io.js';
import { formatDiagnostic } from './diagnostic-lines.js';
import { ExitCode } from './exit-codes.js';
import type { MachineType } from './option-parsers.js';

export interface TestOptions {
  /** Folders (their `*.asl.json` and `*.json` files) or files; default the mock file's folder. */
  readonly definitions?: readonly string[];
  /** `Name=path`, for a definition whose file is not named after its machine. */
  readonly definition?: readonly string[];
  /** Expectations file; default `<mock file without .json>.expected.json` when it exists. */
  readonly expect?: string;
  /** Input of test cases whose expectation gives none: JSON text or `@file`; default `{}`. */
  readonly input?: string;
  readonly type: MachineType;
  /** Unmocked Task states fail instead of calling Flowgate's own integrations. */
  readonly strict?: boolean;
}

/** Outcome of one test case, before it is printed. */
interface CaseReport {
  readonly passed: boolean;
  readonly lines: readonly string[];
}

export async function runMockTests(mockFile: string, options: TestOptions, io: CommandIo): Promise<ExitCode> {
  let config: MockConfig;
  let expectations: ReadonlyMap<string, Expectation>;
  let definitions: ReadonlyMap<string, string>;
  try {
    config = parseMockConfig(await readTextFile('mock configuration file', mockFile), mockFile);
    expectations = await readExpectations(mockFile, options.expect, config);
    definitions = await findDefinitions(options.definitions ?? [dirname(mockFile)], options.definition ?? []);
  } catch (error) {
    if (!(error instanceof MockConfigError || error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n`);
    return ExitCode.Unusable;
  }
  const defaultInput = options.input === undefined ? {} : parseExecutionInput(await inputText(options.input));

  // Unmocked states reach Flowgate's integrations with no functions configured: a Lambda task
  // then fails as AWS fails an unknown function, any other service with States.TaskFailed.
  const functions = new FunctionRegistry([], { factories: {} });
  let passed = 0;
  let failed = 0;
  try {
    for (const [machineName, testCases] of config.stateMachines) {
      const machine = await compileMachine(machineName, definitions, options.type);
      for (const testCase of testCases.values()) {
        const key = `${machineName}/${testCase.name}`;
        const expectation = expectations.get(key) ?? DEFAULT_EXPECTATION;
        const report =
          machine.kind === 'unusable'
            ? { passed: false, lines: machine.lines }
            : await runCase(machine.value, testCase, config, expectation, expectation.input ?? defaultInput, options.strict === true, functions);
        if (report.passed) passed++;
        else failed++;
        io.stdout(`${report.passed ? 'PASS' : 'FAIL'} ${key}\n`);
        for (const line of report.lines) io.stdout(`  ${line}\n`);
      }
    }
  } finally {
    await functions.close();
  }
  io.stdout(`\n${passed} passed, ${failed} failed\n`);
  return failed === 0 ? ExitCode.Ok : ExitCode.Failed;
}

async function runCase(
  machine: StateMachine,
  testCase: TestCase,
  config: MockConfig,
  expectation: Expectation,
  input: Json,
  strict: boolean,
  functions: FunctionRegistry,
): Promise<CaseReport> {
  const executionName = randomUUID();
  const fallback = strict
    ? undefined
    : createIntegrationTaskPort({ functions }, { executionArn: `${machine.arn.replace(':stateMachine:', ':execution:')}:${executionName}` });
  const result: ExecutionResult = await machine.start(input, {
    mode: machine.type === 'STANDARD' ? 'STANDARD' : 'EXPRESS_SYNC',
    executionName,
    clock: createSimulatedClock(),
    taskPort: createMockedTaskPort(testCase, config, fallback),
  });
  const { passed, lines } = compareWithExpectation(result, expectation);
  return { passed, lines: lines.map(formatLine) };
}

function formatLine(line: ReportLine): string {
  return line.kind === 'mismatch' ? `${line.field}: expected ${line.expected}, got ${line.actual}` : `${line.field}: ${line.value}`;
}

type Compiled = { readonly kind: 'ok'; readonly value: StateMachine } | { readonly kind: 'unusable'; readonly lines: readonly string[] };

async function compileMachine(name: string, definitions: ReadonlyMap<string, string>, type: MachineType): Promise<Compiled> {
  const file = definitions.get(name);
  if (file === undefined) {
    return { kind: 'unusable', lines: [`no definition of the state machine '${name}': name a file ${name}.asl.json, or give --definition ${name}=<file>`] };
  }
  try {
    return { kind: 'ok', value: compileStateMachine(await readTextFile('definition file', file), { type, name }) };
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    return { kind: 'unusable', lines: [`InvalidDefinition (${file}): ${error.message}`, ...error.diagnostics.map((d) => `  ${formatDiagnostic(d)}`)] };
  }
}

/** A problem with what the user asked for (exit code 2), reported without a stack. */
class UsageError extends Error {}

/**
 * Machine name → definition file. A folder contributes its `<Name>.asl.json` and `<Name>.json`
 * files (the first wins when both exist); `Name=path` pairs win over both. Mock files key
 * machines by their exact name, so file names are not normalised.
 */
async function findDefinitions(paths: readonly string[], pairs: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) throw new UsageError(`Cannot read definitions from ${path}: no such file or folder`);
    const files = info.isDirectory() ? (await readdir(path)).sort(byAslFirst).map((file) => join(path, file)) : [path];
    for (const file of files) {
      const name = machineNameOf(basename(file));
      if (name !== undefined && !found.has(name)) found.set(name, file);
    }
  }
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) throw new UsageError(`--definition expects <StateMachineName>=<file>, got '${pair}'`);
    found.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return found;
}

function machineNameOf(file: string): string | undefined {
  if (file.endsWith('.asl.json')) return file.slice(0, -'.asl.json'.length);
  if (file.endsWith('.json')) return file.slice(0, -'.json'.length);
  return undefined;
}

function byAslFirst(a: string, b: string): number {
  return Number(!a.endsWith('.asl.json')) - Number(!b.endsWith('.asl.json')) || a.localeCompare(b);
}

async function readExpectations(mockFile: string, explicit: string | undefined, config: MockConfig): Promise<ReadonlyMap<string, Expectation>> {
  const sibling = `${mockFile.replace(/\.json$/i, '')}.expected.json`;
  const file = explicit ?? ((await stat(sibling).catch(() => undefined))?.isFile() === true ? sibling : undefined);
  if (file === undefined) return new Map();
  return parseExpectations(await readTextFile('expectations file', file), config, file);
}

async function inputText(input: string): Promise<string> {
  return input.startsWith('@') ? readTextFile('input file', input.slice(1)) : input;
}

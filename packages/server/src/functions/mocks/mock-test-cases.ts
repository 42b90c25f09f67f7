// The mock test cases a server runs: Step Functions Local's `StartExecution` on
// `<state machine ARN>#<TestCaseName>`, with the test cases read from a mock configuration file.
import { readFile, stat } from 'node:fs/promises';
import type { TaskPort } from '@flowgate/core';
import type { MockConfig } from './mock-config.js';
import { parseMockConfig } from './mock-config.js';
import { createMockedTaskPort } from './mocked-task-port.js';

export interface TestCaseSelection {
  /** The ARN without the suffix: what is resolved, recorded and shown in the execution ARN. */
  readonly arn: string;
  readonly testCaseName?: string;
}

/** Builds an execution's task port from the one it would have had (the fallback of unmocked states). */
export type TaskPortWrapper = (standard: TaskPort) => TaskPort;

export interface MockTestCases {
  /** The mock configuration file, for messages. */
  readonly source: string;
  split(arn: string): TestCaseSelection;
  /** The task port of one execution of a test case; throws UnknownMockTestCase. */
  taskPortFor(machineName: string, testCaseName: string): Promise<TaskPortWrapper>;
}

/**
 * A test case the configuration does not define. `code` is the AWS exception the API answers
 * with; the wording is LocalStack's, the one emulator that reports this case by name.
 */
export class UnknownMockTestCase extends Error {
  readonly code = 'InvalidName';
  constructor(testCaseName: string, machineName: string, known: readonly string[]) {
    const hint = known.length === 0 ? 'it has no test cases' : `its test cases: ${known.join(', ')}`;
    super(`Invalid mock test case name '${testCaseName}' for state machine '${machineName}' (${hint})`);
    this.name = 'UnknownMockTestCase';
  }
}

/**
 * `arn#TestCase` → the ARN and the test case. The name rules of AWS forbid `#`, so the first
 * one always starts the suffix; a bare trailing `#` selects no test case and runs unmocked, as
 * Step Functions Local does (floci-io/floci#2452, checked against amazon/aws-stepfunctions-local).
 */
export function splitTestCaseSuffix(arn: string): TestCaseSelection {
  const at = arn.indexOf('#');
  if (at < 0) return { arn };
  const testCaseName = arn.slice(at + 1);
  return testCaseName === '' ? { arn: arn.slice(0, at) } : { arn: arn.slice(0, at), testCaseName };
}

export interface MockTestCasesOptions {
  /** Unmocked Task states fail (States.Runtime) instead of calling the real integration. */
  readonly strict?: boolean;
  /** Told when the file changed and was reloaded, or could not be and the previous one stays. */
  readonly onReload?: (message: string) => void;
}

/** Test cases from a fixed, already parsed configuration. */
export function createMockTestCases(config: MockConfig, source: string, options: Pick<MockTestCasesOptions, 'strict'> = {}): MockTestCases {
  return testCasesOf(() => Promise.resolve(config), source, options.strict === true);
}

/**
 * Test cases from a mock configuration file, read now (a bad file throws) and read again when
 * its modification time or size changes, as LocalStack does, so tests can rewrite the file
 * without restarting the server. A changed file that does not parse leaves the previous
 * configuration in force.
 */
export async function openMockConfigFile(file: string, options: MockTestCasesOptions = {}): Promise<MockTestCases> {
  let current = await readConfigFile(file);
  let seen = await signatureOf(file);
  const report = options.onReload ?? (() => undefined);
  const load = async (): Promise<MockConfig> => {
    const signature = await signatureOf(file).catch((error: unknown) => `missing: ${String(error)}`);
    if (signature === seen) return current;
    seen = signature;
    try {
      current = await readConfigFile(file);
      report(`Flowgate: reloaded the mock configuration ${file}`);
    } catch (error) {
      report(`Flowgate: kept the previous mock configuration: ${error instanceof Error ? error.message : String(error)}`);
    }
    return current;
  };
  return testCasesOf(load, file, options.strict === true);
}

function testCasesOf(load: () => Promise<MockConfig>, source: string, strict: boolean): MockTestCases {
  return {
    source,
    split: splitTestCaseSuffix,
    async taskPortFor(machineName, testCaseName) {
      const config = await load();
      const testCases = config.stateMachines.get(machineName);
      const testCase = testCases?.get(testCaseName);
      if (testCase === undefined) throw new UnknownMockTestCase(testCaseName, machineName, [...(testCases?.keys() ?? [])]);
      return (standard) => createMockedTaskPort(testCase, config, strict ? undefined : standard);
    },
  };
}

async function readConfigFile(file: string): Promise<MockConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read mock configuration file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseMockConfig(text, file);
}

async function signatureOf(file: string): Promise<string> {
  const { mtimeMs, size } = await stat(file);
  return `${mtimeMs}:${size}`;
}

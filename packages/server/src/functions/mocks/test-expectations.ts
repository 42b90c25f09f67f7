// What `flowgate test` checks a test case against. Step Functions Local has no expectations
// (its users call DescribeExecution and assert by hand), so this file format is Flowgate's:
//   { "<Machine>/<TestCase>": { "status"?, "output"?, "error"?, "cause"?, "input"? } }
import type { ExecutionResult, ExecutionStatus, Json } from '@flowgate/core';
import { jsonEquals, toJsonText } from '@flowgate/core';
import type { MockConfig, MockConfigProblem } from './mock-config.js';
import { MockConfigError } from './mock-config.js';

export interface Expectation {
  /** Default SUCCEEDED: a test case with no expectation passes when its execution succeeds. */
  readonly status: ExecutionStatus;
  /** Compared as JSON (key order and number spelling do not matter). */
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  /** The execution input of this test case (the mock file has no place for one). */
  readonly input?: Json;
}

/** One line of a report: a field that differs, or one that is only shown. */
export type ReportLine =
  | { readonly kind: 'mismatch'; readonly field: string; readonly expected: string; readonly actual: string }
  | { readonly kind: 'fact'; readonly field: string; readonly value: string };

const STATUSES: readonly ExecutionStatus[] = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
const MEMBERS = ['status', 'output', 'error', 'cause', 'input'];

export const DEFAULT_EXPECTATION: Expectation = { status: 'SUCCEEDED' };

/** `Machine/TestCase` → expectation; every key must name a test case of the mock configuration. */
export function parseExpectations(text: string, config: MockConfig, source: string): ReadonlyMap<string, Expectation> {
  const problems: MockConfigProblem[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    problems.push({ path: '$', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
  }
  const expectations = new Map<string, Expectation>();
  if (problems.length === 0 && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    problems.push({ path: '$', message: 'must be an object mapping "Machine/TestCase" to {status, output, error, cause, input}' });
  }
  for (const [key, value] of problems.length === 0 ? Object.entries(raw as Record<string, unknown>) : []) {
    const path = `$['${key}']`;
    const [machine, testCase, ...rest] = key.split('/');
    if (machine === undefined || testCase === undefined || rest.length > 0 || config.stateMachines.get(machine)?.get(testCase) === undefined) {
      problems.push({ path, message: `names no test case of the mock configuration (keys are "<StateMachine>/<TestCase>")` });
      continue;
    }
    const expectation = readExpectation(value, path, problems);
    if (expectation !== undefined) expectations.set(key, expectation);
  }
  if (problems.length > 0) throw new MockConfigError(problems, `expectations ${source}`);
  return expectations;
}

function readExpectation(value: unknown, path: string, problems: MockConfigProblem[]): Expectation | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ path, message: 'must be an object with any of status, output, error, cause, input' });
    return undefined;
  }
  const members = value as Record<string, unknown>;
  const before = problems.length;
  for (const key of Object.keys(members)) {
    if (!MEMBERS.includes(key)) problems.push({ path: `${path}.${key}`, message: `is not an expectation member (allowed: ${MEMBERS.join(', ')})` });
  }
  const { status = 'SUCCEEDED', error, cause } = members;
  if (!STATUSES.includes(status as ExecutionStatus)) problems.push({ path: `${path}.status`, message: `must be one of ${STATUSES.join(', ')}` });
  if (error !== undefined && typeof error !== 'string') problems.push({ path: `${path}.error`, message: 'must be a string' });
  if (cause !== undefined && typeof cause !== 'string') problems.push({ path: `${path}.cause`, message: 'must be a string' });
  if (problems.length > before) return undefined;
  return {
    status: status as ExecutionStatus,
    ...(error === undefined ? {} : { error: error as string }),
    ...(cause === undefined ? {} : { cause: cause as string }),
    ...('output' in members ? { output: members.output as Json } : {}),
    ...('input' in members ? { input: members.input as Json } : {}),
  };
}

/** The report of one execution against its expectation: mismatches first, then what else it did. */
export function compareWithExpectation(result: ExecutionResult, expected: Expectation): { passed: boolean; lines: ReportLine[] } {
  const mismatches: ReportLine[] = [];
  const facts: ReportLine[] = [];
  const check = (field: string, want: string | undefined, got: string | undefined, equal: boolean): void => {
    if (want !== undefined && !equal) mismatches.push({ kind: 'mismatch', field, expected: want, actual: got ?? '(none)' });
    else if (got !== undefined) facts.push({ kind: 'fact', field, value: got });
  };
  check('status', expected.status, result.status, expected.status === result.status);
  check('error', expected.error, result.error, expected.error === result.error);
  check('cause', expected.cause, result.cause, expected.cause === result.cause);
  const output = result.output === undefined ? undefined : toJsonText(result.output);
  const wanted = expected.output === undefined ? undefined : toJsonText(expected.output);
  check('output', wanted, output, result.output !== undefined && expected.output !== undefined && jsonEquals(result.output, expected.output));
  return { passed: mismatches.length === 0, lines: [...mismatches, ...facts] };
}

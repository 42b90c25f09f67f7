// The mock configuration file of AWS Step Functions Local (`MockConfigFile.json`), parsed and
// checked once so that executions only look things up. Contract: shared spec
// integrations.md §9 and AWS's "Configuration file for mocked service integrations".
import type { Json, JsonObject } from '@flowgate/core';

export interface MockConfig {
  /** By state machine NAME (not ARN), then by test case name. */
  readonly stateMachines: ReadonlyMap<string, ReadonlyMap<string, TestCase>>;
  readonly mockedResponses: ReadonlyMap<string, MockedResponse>;
}

/** One test case: which Task states (by name, however deeply nested) answer from which mocked response. */
export interface TestCase {
  readonly machineName: string;
  readonly name: string;
  /** State name → mocked response name (always one that `mockedResponses` defines). */
  readonly states: ReadonlyMap<string, string>;
}

/** The answers of one mocked response, by invocation index. */
export interface MockedResponse {
  readonly name: string;
  /** Sorted by `from`, never overlapping; gaps are allowed (an invocation in a gap fails). */
  readonly entries: readonly MockedEntry[];
}

export interface MockedEntry {
  /** The key as written (`"0"`, `"1-2"`), for messages. */
  readonly key: string;
  /** First and last zero-based invocation index it answers, inclusive. */
  readonly from: number;
  readonly to: number;
  readonly outcome: MockOutcome;
}

/** `Return` is the raw service response (before ResultSelector/ResultPath); `Throw` fails the task. */
export type MockOutcome =
  | { readonly kind: 'return'; readonly value: Json }
  | { readonly kind: 'throw'; readonly error: string; readonly cause: string };

export interface MockConfigProblem {
  /** JSONPath of the offending member, e.g. `$.MockedResponses.MockedLambdaRetry['3-1']`. */
  readonly path: string;
  readonly message: string;
}

/** A mock configuration that breaks the file format's rules; lists every problem found. */
export class MockConfigError extends Error {
  readonly code = 'InvalidMockConfig';
  readonly problems: readonly MockConfigProblem[];
  constructor(problems: readonly MockConfigProblem[], source?: string) {
    const where = source === undefined ? '' : ` ${source}`;
    const lines = problems.map((problem) => `  ${problem.path}: ${problem.message}`);
    super(`Invalid mock configuration${where}:\n${lines.join('\n')}`);
    this.name = 'MockConfigError';
    this.problems = problems;
  }
}

/** Parses and checks a MockConfigFile (JSON text or value); throws MockConfigError listing every problem. */
export function parseMockConfig(input: string | Json, source?: string): MockConfig {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (error) {
      throw new MockConfigError([{ path: '$', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }], source);
    }
  }
  const problems: MockConfigProblem[] = [];
  const report = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const config = readConfig(raw, report);
  if (problems.length > 0) throw new MockConfigError(problems, source);
  return config;
}

type Report = (path: string, message: string) => void;

function readConfig(raw: unknown, report: Report): MockConfig {
  const mockedResponses = new Map<string, MockedResponse>();
  const stateMachines = new Map<string, Map<string, TestCase>>();
  if (!isObject(raw)) {
    report('$', 'must be an object with StateMachines and MockedResponses');
    return { stateMachines, mockedResponses };
  }
  // Misspelt members would silently mock nothing; AWS's own field list says "MockedResponse".
  onlyMembers(raw, '$', ['StateMachines', 'MockedResponses'], report);
  const responses = member(raw, '$', 'MockedResponses', report);
  for (const [name, value] of Object.entries(responses ?? {})) {
    const response = readMockedResponse(name, value, pathOf(pathOf('$', 'MockedResponses'), name), report);
    if (response !== undefined) mockedResponses.set(name, response);
  }
  const machines = member(raw, '$', 'StateMachines', report);
  for (const [machineName, machine] of Object.entries(machines ?? {})) {
    const machinePath = pathOf(pathOf('$', 'StateMachines'), machineName);
    if (!isObject(machine)) {
      report(machinePath, 'must be an object with TestCases');
      continue;
    }
    onlyMembers(machine, machinePath, ['TestCases'], report);
    const testCases = new Map<string, TestCase>();
    for (const [testCaseName, testCase] of Object.entries(member(machine, machinePath, 'TestCases', report) ?? {})) {
      const casePath = pathOf(pathOf(machinePath, 'TestCases'), testCaseName);
      if (!isObject(testCase)) {
        report(casePath, 'must be an object mapping state names to mocked response names');
        continue;
      }
      const states = new Map<string, string>();
      for (const [stateName, responseName] of Object.entries(testCase)) {
        const statePath = pathOf(casePath, stateName);
        if (typeof responseName !== 'string') report(statePath, 'must be the name of a mocked response (a string)');
        else if (!Object.prototype.hasOwnProperty.call(responses ?? {}, responseName)) {
          report(statePath, `refers to the mocked response '${responseName}', which MockedResponses does not define`);
        } else states.set(stateName, responseName);
      }
      testCases.set(testCaseName, { machineName, name: testCaseName, states });
    }
    stateMachines.set(machineName, testCases);
  }
  return { stateMachines, mockedResponses };
}

const INDEX_KEY = /^(\d+)(?:-(\d+))?$/;

function readMockedResponse(name: string, raw: unknown, path: string, report: Report): MockedResponse | undefined {
  if (!isObject(raw)) {
    report(path, 'must be an object mapping invocation indices ("0", "1-2") to Return or Throw');
    return undefined;
  }
  // An empty mocked response is allowed: Step Functions Local accepts it and fails the
  // execution only when a state invokes it, which is what an entry-less lookup does here too.
  const entries: MockedEntry[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const entryPath = pathOf(path, key);
    const indices = INDEX_KEY.exec(key);
    const from = indices === null ? NaN : Number(indices[1]);
    const to = indices === null ? NaN : indices[2] === undefined ? from : Number(indices[2]);
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) {
      report(entryPath, `'${key}' is not an invocation index: use a zero-based integer ("0") or an inclusive range ("1-2")`);
      continue;
    }
    if (to < from) {
      report(entryPath, `the range '${key}' runs backwards: its end must not be below its start`);
      continue;
    }
    const outcome = readOutcome(value, entryPath, report);
    if (outcome !== undefined) entries.push({ key, from, to, outcome });
  }
  entries.sort((a, b) => a.from - b.from);
  for (let i = 1; i < entries.length; i++) {
    const previous = entries[i - 1] as MockedEntry;
    const entry = entries[i] as MockedEntry;
    if (entry.from <= previous.to) {
      report(pathOf(path, entry.key), `overlaps '${previous.key}': each invocation index may have only one answer`);
    }
  }
  return { name, entries };
}

function readOutcome(raw: unknown, path: string, report: Report): MockOutcome | undefined {
  if (!isObject(raw)) {
    report(path, 'must be an object with exactly one of Return or Throw');
    return undefined;
  }
  const hasReturn = Object.prototype.hasOwnProperty.call(raw, 'Return');
  const hasThrow = Object.prototype.hasOwnProperty.call(raw, 'Throw');
  onlyMembers(raw, path, ['Return', 'Throw'], report);
  if (hasReturn === hasThrow) {
    report(path, hasReturn ? 'has both Return and Throw: give exactly one' : 'has neither Return nor Throw: give exactly one');
    return undefined;
  }
  if (hasReturn) return { kind: 'return', value: raw.Return as Json };
  const thrown = raw.Throw;
  const throwPath = pathOf(path, 'Throw');
  if (!isObject(thrown)) {
    report(throwPath, 'must be an object with string Error and Cause');
    return undefined;
  }
  onlyMembers(thrown, throwPath, ['Error', 'Cause'], report);
  const { Error: error, Cause: cause } = thrown;
  if (typeof error !== 'string' || error === '') report(pathOf(throwPath, 'Error'), 'must be a non-empty string: the error name Retry and Catch match');
  if (typeof cause !== 'string') report(pathOf(throwPath, 'Cause'), 'must be a string');
  if (typeof error !== 'string' || error === '' || typeof cause !== 'string') return undefined;
  return { kind: 'throw', error, cause };
}

function member(object: Record<string, unknown>, path: string, name: string, report: Report): Record<string, unknown> | undefined {
  const value = Object.prototype.hasOwnProperty.call(object, name) ? object[name] : undefined;
  if (isObject(value)) return value;
  report(pathOf(path, name), value === undefined ? 'is required (an object)' : 'must be an object');
  return undefined;
}

function onlyMembers(object: Record<string, unknown>, path: string, allowed: readonly string[], report: Report): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) report(pathOf(path, key), `is not a member of this object (allowed: ${allowed.join(', ')})`);
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSONPath child step: dotted for plain names, bracketed for anything else (`['1-2']`). */
function pathOf(parent: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${parent}.${key}` : `${parent}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

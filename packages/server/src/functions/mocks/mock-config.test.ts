import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from '@flowgate/core';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../repo-paths.js';
import type { MockConfigProblem } from './mock-config.js';
import { MockConfigError, parseMockConfig } from './mock-config.js';

const AWS_EXAMPLE = join(REPO_ROOT, 'packages', 'server', 'test-fixtures', 'mocks', 'lambda-sqs', 'MockConfigFile.json');

function problemsOf(input: unknown): MockConfigProblem[] {
  try {
    parseMockConfig(typeof input === 'string' ? input : JSON.stringify(input));
  } catch (error) {
    if (error instanceof MockConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

/** A configuration with one machine whose test case mocks `Task` with the response `R`. */
function withResponse(response: unknown): unknown {
  return { StateMachines: { M: { TestCases: { T: { Task: 'R' } } } }, MockedResponses: { R: response } };
}

describe('parseMockConfig', () => {
  it("reads AWS's example: test cases by machine name, entries sorted by invocation index", () => {
    const config = parseMockConfig(readFileSync(AWS_EXAMPLE, 'utf8'));
    const testCases = config.stateMachines.get('LambdaSQSIntegration');
    expect([...(testCases?.keys() ?? [])]).toEqual(['HappyPath', 'RetryPath', 'HybridPath']);
    expect(Object.fromEntries(testCases?.get('HybridPath')?.states ?? [])).toEqual({ LambdaState: 'MockedLambdaSuccess' });
    const retry = config.mockedResponses.get('MockedLambdaRetry');
    expect(retry?.entries.map(({ key, from, to }) => ({ key, from, to }))).toEqual([
      { key: '0', from: 0, to: 0 },
      { key: '1-2', from: 1, to: 2 },
      { key: '3', from: 3, to: 3 },
    ]);
    expect(retry?.entries[1]?.outcome).toEqual({ kind: 'throw', error: 'Lambda.TimeoutException', cause: 'Lambda timed out.' });
    expect(retry?.entries[2]?.outcome).toEqual({ kind: 'return', value: { StatusCode: 200, Payload: { StatusCode: 200, body: 'Hello from Lambda!' } } });
  });

  it('accepts an already parsed value, any JSON as Return, and an empty mocked response', () => {
    const config = parseMockConfig({
      StateMachines: { M: { TestCases: { T: { A: 'R', B: 'Empty' } } } },
      MockedResponses: { R: { '0': { Return: null }, '1': { Return: 'text' } }, Empty: {} },
    });
    expect(config.mockedResponses.get('R')?.entries.map((entry) => entry.outcome)).toEqual([
      { kind: 'return', value: null },
      { kind: 'return', value: 'text' },
    ]);
    expect(config.mockedResponses.get('Empty')?.entries).toEqual([]);
  });

  it('refuses a response with both Return and Throw, or neither', () => {
    expect(problemsOf(withResponse({ '0': { Return: {}, Throw: { Error: 'E', Cause: 'C' } } }))).toEqual([
      { path: "$.MockedResponses.R['0']", message: 'has both Return and Throw: give exactly one' },
    ]);
    expect(problemsOf(withResponse({ '0': {} }))).toEqual([
      { path: "$.MockedResponses.R['0']", message: 'has neither Return nor Throw: give exactly one' },
    ]);
  });

  it('refuses a Throw without string Error and Cause', () => {
    expect(problemsOf(withResponse({ '0': { Throw: { Error: 42 } } }))).toEqual([
      { path: "$.MockedResponses.R['0'].Throw.Error", message: 'must be a non-empty string: the error name Retry and Catch match' },
      { path: "$.MockedResponses.R['0'].Throw.Cause", message: 'must be a string' },
    ]);
    expect(problemsOf(withResponse({ '0': { Throw: 'Lambda.Unknown' } }))[0]?.message).toBe('must be an object with string Error and Cause');
  });

  it('refuses malformed, backwards and overlapping index ranges', () => {
    const answer = { Return: {} };
    expect(problemsOf(withResponse({ '3-1': answer, x: answer, '1-': answer, '-1': answer, ' 2': answer }))).toEqual([
      { path: "$.MockedResponses.R['3-1']", message: "the range '3-1' runs backwards: its end must not be below its start" },
      { path: '$.MockedResponses.R.x', message: `'x' is not an invocation index: use a zero-based integer ("0") or an inclusive range ("1-2")` },
      { path: "$.MockedResponses.R['1-']", message: `'1-' is not an invocation index: use a zero-based integer ("0") or an inclusive range ("1-2")` },
      { path: "$.MockedResponses.R['-1']", message: `'-1' is not an invocation index: use a zero-based integer ("0") or an inclusive range ("1-2")` },
      { path: "$.MockedResponses.R[' 2']", message: `' 2' is not an invocation index: use a zero-based integer ("0") or an inclusive range ("1-2")` },
    ]);
    expect(problemsOf(withResponse({ '0-2': answer, '2': answer, '4-6': answer, '5': answer }))).toEqual([
      { path: "$.MockedResponses.R['2']", message: "overlaps '0-2': each invocation index may have only one answer" },
      { path: "$.MockedResponses.R['5']", message: "overlaps '4-6': each invocation index may have only one answer" },
    ]);
  });

  it('allows gaps between ranges: an invocation in a gap fails only when it happens', () => {
    const config = parseMockConfig(withResponse({ '0': { Return: 1 }, '2': { Return: 3 } }) as Json);
    expect(config.mockedResponses.get('R')?.entries.map((entry) => entry.key)).toEqual(['0', '2']);
  });

  it('refuses a test case that refers to a missing mocked response, or not by name', () => {
    const problems = problemsOf({
      StateMachines: { M: { TestCases: { T: { Task: 'Nope', Other: 7 } } } },
      MockedResponses: {},
    });
    expect(problems).toEqual([
      { path: '$.StateMachines.M.TestCases.T.Task', message: "refers to the mocked response 'Nope', which MockedResponses does not define" },
      { path: '$.StateMachines.M.TestCases.T.Other', message: 'must be the name of a mocked response (a string)' },
    ]);
  });

  it('names misspelt and missing members, so that a typo does not silently mock nothing', () => {
    expect(problemsOf({ StateMachines: {}, MockedResponse: {} })).toEqual([
      { path: '$.MockedResponse', message: 'is not a member of this object (allowed: StateMachines, MockedResponses)' },
      { path: '$.MockedResponses', message: 'is required (an object)' },
    ]);
    expect(problemsOf({ StateMachines: { M: { Testcases: {} } }, MockedResponses: {} })).toEqual([
      { path: '$.StateMachines.M.Testcases', message: 'is not a member of this object (allowed: TestCases)' },
      { path: '$.StateMachines.M.TestCases', message: 'is required (an object)' },
    ]);
    expect(problemsOf(withResponse({ '0': { Return: 1, Retrun: 2 } }))[0]?.path).toBe("$.MockedResponses.R['0'].Retrun");
  });

  it('reports text that is not JSON, or not an object, at the root', () => {
    expect(problemsOf('{"StateMachines":')[0]?.message).toMatch(/^not valid JSON: /);
    expect(problemsOf([])).toEqual([{ path: '$', message: 'must be an object with StateMachines and MockedResponses' }]);
  });

  it('says where the configuration came from and lists every problem in the message', () => {
    try {
      parseMockConfig(JSON.stringify(withResponse({ '3-1': { Return: {} }, '0': {} })), 'MockConfigFile.json');
      throw new Error('expected a MockConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(MockConfigError);
      expect((error as MockConfigError).code).toBe('InvalidMockConfig');
      expect((error as Error).message).toBe(
        [
          'Invalid mock configuration MockConfigFile.json:',
          // Integer-like keys come first in a JSON object's member order.
          "  $.MockedResponses.R['0']: has neither Return nor Throw: give exactly one",
          "  $.MockedResponses.R['3-1']: the range '3-1' runs backwards: its end must not be below its start",
        ].join('\n'),
      );
    }
  });
});

import type { ExecutionResult } from '@flowgate/core';
import { describe, expect, it } from 'vitest';
import { MockConfigError, parseMockConfig } from './mock-config.js';
import { compareWithExpectation, DEFAULT_EXPECTATION, parseExpectations } from './test-expectations.js';

const config = parseMockConfig({
  StateMachines: { M: { TestCases: { Happy: { Task: 'R' }, Sad: { Task: 'R' } } } },
  MockedResponses: { R: { '0': { Return: {} } } },
});

function result(members: Partial<ExecutionResult>): ExecutionResult {
  return { executionArn: 'e', stateMachineArn: 's', name: 'n', status: 'SUCCEEDED', startDate: 0, stopDate: 0, input: {}, ...members };
}

describe('parseExpectations', () => {
  it('reads status (default SUCCEEDED), output, error, cause and input by "Machine/TestCase"', () => {
    const expectations = parseExpectations(
      JSON.stringify({ 'M/Happy': { output: { a: 1 }, input: { id: 7 } }, 'M/Sad': { status: 'FAILED', error: 'E', cause: 'C' } }),
      config,
      'expected.json',
    );
    expect(expectations.get('M/Happy')).toEqual({ status: 'SUCCEEDED', output: { a: 1 }, input: { id: 7 } });
    expect(expectations.get('M/Sad')).toEqual({ status: 'FAILED', error: 'E', cause: 'C' });
  });

  it('refuses keys that name no test case and members it does not know, listing every problem', () => {
    const text = JSON.stringify({ 'M/Nope': {}, Happy: {}, 'M/Happy': { status: 'DONE', outptu: 1, error: 3 } });
    try {
      parseExpectations(text, config, 'expected.json');
      throw new Error('expected a MockConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(MockConfigError);
      expect((error as MockConfigError).problems.map((problem) => problem.path)).toEqual([
        "$['M/Nope']",
        "$['Happy']",
        "$['M/Happy'].outptu",
        "$['M/Happy'].status",
        "$['M/Happy'].error",
      ]);
      expect((error as Error).message).toMatch(/^Invalid mock configuration expectations expected\.json:\n/);
    }
  });
});

describe('compareWithExpectation', () => {
  it('passes on the default expectation when the execution succeeded, showing its output', () => {
    expect(compareWithExpectation(result({ output: { b: 2, a: 1 } }), DEFAULT_EXPECTATION)).toEqual({
      passed: true,
      lines: [
        { kind: 'fact', field: 'status', value: 'SUCCEEDED' },
        { kind: 'fact', field: 'output', value: '{"b":2,"a":1}' },
      ],
    });
  });

  it('compares output as JSON, whatever the key order', () => {
    expect(compareWithExpectation(result({ output: { b: 2, a: 1 } }), { status: 'SUCCEEDED', output: { a: 1, b: 2 } }).passed).toBe(true);
  });

  it('lists the mismatches first, then what else the execution did', () => {
    const failed = result({ status: 'FAILED', error: 'States.TaskFailed', cause: 'boom' });
    expect(compareWithExpectation(failed, { status: 'SUCCEEDED', output: { ok: true } })).toEqual({
      passed: false,
      lines: [
        { kind: 'mismatch', field: 'status', expected: 'SUCCEEDED', actual: 'FAILED' },
        { kind: 'mismatch', field: 'output', expected: '{"ok":true}', actual: '(none)' },
        { kind: 'fact', field: 'error', value: 'States.TaskFailed' },
        { kind: 'fact', field: 'cause', value: 'boom' },
      ],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { compareApiError, compareOutcome, matchJson, matchText } from './matcher.js';
import type { Bindings } from './matcher.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const ANY = '[\\s\\S]*?';
const ARN_PART = '[^:"\\s]+';

describe('matchText', () => {
  it('compares text without tokens exactly', () => {
    expect(matchText('abc', 'abc')).toBe(true);
    expect(matchText('abc', 'abd')).toBe(false);
    expect(matchText('1', 1)).toBe(false);
  });

  it('treats regular-expression characters in the literal text literally', () => {
    const placeholders = { '<region>': '[a-z]{2}(?:-[a-z]+)+-\\d' };
    expect(matchText('a.b* (<region>)', 'a.b* (us-east-1)', placeholders)).toBe(true);
    expect(matchText('a.b* (<region>)', 'aXb* (us-east-1)', placeholders)).toBe(false);
  });

  it('lets a free token match each occurrence independently', () => {
    const placeholders = { '111111111111': '\\d{12}' };
    expect(matchText('111111111111/111111111111', '123456789012/999999999999', placeholders)).toBe(true);
  });

  it('requires a reference token to stand for the same value within one string', () => {
    const placeholders = { '<uuid:1>': UUID };
    const a = '0c9e4b6e-1111-4222-8333-944455556666';
    const b = '0c9e4b6e-1111-4222-8333-000000000000';
    expect(matchText('<uuid:1>+<uuid:1>', `${a}+${a}`, placeholders)).toBe(true);
    expect(matchText('<uuid:1>+<uuid:1>', `${a}+${b}`, placeholders)).toBe(false);
  });

  it('carries reference values across strings through the bindings', () => {
    const placeholders = { '<ExecArnPart_0idx>': ARN_PART };
    const bindings: Bindings = new Map();
    expect(matchText('execution:<ExecArnPart_0idx>', 'execution:run-1', placeholders, bindings)).toBe(true);
    expect(bindings.get('<ExecArnPart_0idx>')).toBe('run-1');
    expect(matchText('name <ExecArnPart_0idx>', 'name run-2', placeholders, bindings)).toBe(false);
    expect(matchText('name <ExecArnPart_0idx>', 'name run-1', placeholders, bindings)).toBe(true);
  });

  it('binds nothing when the string as a whole does not match', () => {
    const placeholders = { '<uuid:1>': UUID };
    const bindings: Bindings = new Map();
    expect(matchText('<uuid:1> ok', '0c9e4b6e-1111-4222-8333-944455556666 no', placeholders, bindings)).toBe(false);
    expect(bindings.size).toBe(0);
  });

  it('tries the longest token first', () => {
    const placeholders = { '<uuid:1>': UUID, '<uuid:10>': 'x+' };
    expect(matchText('<uuid:10>', 'xxx', placeholders)).toBe(true);
  });

  it('anchors the whole string', () => {
    const placeholders = { '<partition>': 'aws(?:-[a-z]+)*' };
    expect(matchText('arn:<partition>:states', 'arn:aws:states:extra', placeholders)).toBe(false);
  });

  it('lets a lazy free-text token take any text, newlines included', () => {
    const placeholders = { 'start-time': ANY };
    expect(matchText('at start-time.', 'at 2024-01-01\nT00:00.', placeholders)).toBe(true);
  });
});

describe('matchJson', () => {
  it('ignores key order but not array order', () => {
    expect(matchJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toEqual([]);
    expect(matchJson([1, 2], [2, 1])).toHaveLength(2);
  });

  it('compares numbers as numbers', () => {
    expect(matchJson({ n: 1.0 }, JSON.parse('{"n": 1}'))).toEqual([]);
    expect(matchJson(0, -0)).toEqual([]);
    expect(matchJson(1, '1')).toEqual([{ path: '$', expected: 1, actual: '1' }]);
  });

  it('names missing and unexpected keys with their path', () => {
    expect(matchJson({ a: { b: 1 } }, { a: { c: 1 } }, {}, new Map(), 'output')).toEqual([
      { path: 'output.a.b', expected: 1, actual: undefined, note: 'missing' },
      { path: 'output.a.c', expected: undefined, actual: 1, note: 'unexpected' },
    ]);
  });

  it('reports a length difference of arrays once', () => {
    expect(matchJson([1], [1, 2])).toEqual([{ path: '$', expected: [1], actual: [1, 2], note: 'length 1 vs 2' }]);
  });

  it('accepts any value where the expected string is exactly one token', () => {
    const placeholders = { '<json-input:1>': ANY };
    expect(matchJson({ v: '<json-input:1>' }, { v: { deep: [1] } }, placeholders)).toEqual([]);
    expect(matchJson({ v: '<json-input:1>' }, { v: 'text' }, placeholders)).toEqual([]);
  });

  it('does not treat null and an object alike', () => {
    expect(matchJson(null, {})).toHaveLength(1);
    expect(matchJson({}, null)).toHaveLength(1);
  });

  it('treats keys such as __proto__ as plain keys', () => {
    const expected = JSON.parse('{"__proto__": 1}') as unknown;
    expect(matchJson(expected, JSON.parse('{"__proto__": 1}'))).toEqual([]);
    expect(matchJson(expected, {})).toHaveLength(1);
  });
});

describe('compareOutcome', () => {
  it('passes a matching success', () => {
    expect(compareOutcome({ status: 'SUCCEEDED', output: { a: 1 } }, { status: 'SUCCEEDED', output: '{"a":1}' })).toEqual([]);
  });

  it('reports the status and a missing output', () => {
    expect(compareOutcome({ status: 'SUCCEEDED', output: {} }, { status: 'FAILED', error: 'E' })).toEqual([
      { path: 'status', expected: 'SUCCEEDED', actual: 'FAILED' },
      { path: 'output', expected: {}, actual: undefined, note: 'missing' },
    ]);
  });

  it('matches a whole-output token against the output text', () => {
    const expected = { status: 'SUCCEEDED', outputText: 'executionSucceededEventDetails.output', placeholders: { 'executionSucceededEventDetails.output': ANY } };
    expect(compareOutcome(expected, { status: 'SUCCEEDED', output: '"anything"' })).toEqual([]);
  });

  it('requires an error expected as null to be absent', () => {
    expect(compareOutcome({ status: 'SUCCEEDED', error: null, cause: null }, { status: 'SUCCEEDED', error: 'X' })).toEqual([
      { path: 'error', expected: null, actual: 'X', note: 'expected absent' },
    ]);
  });

  it('compares a cause recorded as parsed JSON structurally', () => {
    const expected = { status: 'FAILED', error: 'E', cause: { errorMessage: 'boom', n: 1 } };
    expect(compareOutcome(expected, { status: 'FAILED', error: 'E', cause: '{"n":1.0,"errorMessage":"boom"}' })).toEqual([]);
    expect(compareOutcome(expected, { status: 'FAILED', error: 'E', cause: 'boom' })).toEqual([
      { path: 'cause', expected: expected.cause, actual: 'boom', note: 'expected JSON text' },
    ]);
  });

  it('shares reference bindings between output, error and cause', () => {
    const placeholders = { '<uuid:1>': UUID };
    const id = '0c9e4b6e-1111-4222-8333-944455556666';
    const other = '0c9e4b6e-1111-4222-8333-000000000000';
    const expected = { status: 'FAILED', error: 'E', cause: 'id <uuid:1>', placeholders };
    expect(compareOutcome({ ...expected, status: 'FAILED' }, { status: 'FAILED', error: 'E', cause: `id ${id}` })).toEqual([]);
    const withOutput = { status: 'SUCCEEDED', output: { first: '<uuid:1>', second: '<uuid:1>' }, placeholders };
    expect(compareOutcome(withOutput, { status: 'SUCCEEDED', output: JSON.stringify({ first: id, second: id }) })).toEqual([]);
    expect(compareOutcome(withOutput, { status: 'SUCCEEDED', output: JSON.stringify({ first: id, second: other }) })).toEqual([
      { path: 'output.second', expected: '<uuid:1>', actual: other },
    ]);
  });
});

describe('compareApiError', () => {
  const expected = { code: 'InvalidDefinition', message: "Invalid State Machine Definition: 'X at arn:<partition>:states'" };
  const placeholders = { '<partition>': 'aws(?:-[a-z]+)*' };

  it('matches code and message with placeholders', () => {
    const actual = { code: 'InvalidDefinition', message: "Invalid State Machine Definition: 'X at arn:aws:states'" };
    expect(compareApiError(expected, actual, placeholders)).toEqual([]);
  });

  it('reports a call that succeeded', () => {
    expect(compareApiError(expected, undefined)).toEqual([{ path: 'error', expected, actual: 'no error (call succeeded)' }]);
  });

  it('does not compare a null message', () => {
    expect(compareApiError({ code: 'A', message: null }, { code: 'B', message: 'whatever' })).toEqual([
      { path: 'error.code', expected: 'A', actual: 'B' },
    ]);
  });
});

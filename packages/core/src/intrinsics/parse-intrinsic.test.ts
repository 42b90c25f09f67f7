import { describe, expect, it } from 'vitest';
import { MAX_NESTING, parseIntrinsic } from './parse-intrinsic.js';
import { IntrinsicSyntaxError } from './parse-intrinsic.js';

const nest = (levels: number): string => 'States.Array('.repeat(levels) + '1' + ')'.repeat(levels);

describe('parseIntrinsic', () => {
  it('parses literals, paths and nested calls', () => {
    const call = parseIntrinsic("States.Format('a {}', -1.5e2, true, null, $.x, $$.Execution.Id, States.UUID())");
    expect(call.name).toBe('States.Format');
    expect(call.args.map((arg) => arg.kind)).toEqual(['string', 'number', 'literal', 'literal', 'path', 'path', 'call']);
    expect(call.args[1]).toEqual({ kind: 'number', value: -150 });
    expect(call.args[2]).toEqual({ kind: 'literal', value: true });
    expect(call.args[3]).toEqual({ kind: 'literal', value: null });
    expect(call.args[5]).toMatchObject({ kind: 'path', source: '$$.Execution.Id' });
  });

  it('resolves the four escapes and keeps the raw text', () => {
    const call = parseIntrinsic("States.Format('\\'{}\\' \\{\\} \\\\ \"quoted\"\nline')");
    expect(call.args[0]).toEqual({
      kind: 'string',
      value: "'{}' {} \\ \"quoted\"\nline",
      raw: "\\'{}\\' \\{\\} \\\\ \"quoted\"\nline",
    });
  });

  it('ends a path at the comma or parenthesis that closes the argument', () => {
    const call = parseIntrinsic("States.Array($['a,b'], $.c[0] , $.d)");
    expect(call.args.map((arg) => (arg.kind === 'path' ? arg.source : arg.kind))).toEqual(["$['a,b']", '$.c[0]', '$.d']);
  });

  it('accepts spaces around arguments and an empty argument list', () => {
    expect(parseIntrinsic('States.Array( 1 , 2 )').args).toHaveLength(2);
    expect(parseIntrinsic('States.UUID()').args).toHaveLength(0);
  });

  it(`allows ${MAX_NESTING} levels of nesting, not more`, () => {
    expect(() => parseIntrinsic(nest(MAX_NESTING))).not.toThrow();
    expect(() => parseIntrinsic(nest(MAX_NESTING + 1))).toThrow(IntrinsicSyntaxError);
  });

  it.each([
    ["States.Format('He said, \\\"Hello, {}!\\\"', 'x')", 'illegal escape'],
    ["States.Base64Decode('YWJj\\nZA==')", 'illegal escape'],
    ["States.Format('open", 'unterminated'],
    ['States.Array(1.)', 'expected a number'],
    ['States.Array(.5)', 'unexpected character'],
    ['States.Array([1,2])', 'unexpected character'],
    ['States.Array(nul)', 'true, false or null'],
    ['States.Array($.a) trailing', 'after the closing parenthesis'],
    ['States.Array(', "missing ')'"],
    ['States.Array(1', "missing ')'"],
    ['States.ArrayGetItem($.arr, )', 'empty argument'],
    ['States.Array(1 2)', "expected ',' or ')'"],
    ['States.(1)', 'function name'],
    ['States.Array($.a[)', 'invalid path'],
  ])('refuses %s', (source, reason) => {
    expect(() => parseIntrinsic(source)).toThrow(reason);
  });
});

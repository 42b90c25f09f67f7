import { describe, expect, it } from 'vitest';
import { PathSyntaxError, compilePath, compileReferencePath } from './index.js';

function syntaxError(source: string): PathSyntaxError {
  try {
    compilePath(source);
  } catch (e) {
    expect(e).toBeInstanceOf(PathSyntaxError);
    return e as PathSyntaxError;
  }
  throw new Error(`expected '${source}' to be rejected`);
}

describe('roots', () => {
  it.each([
    ['$', 'input', undefined],
    ['$.a', 'input', undefined],
    ['$[0]', 'input', undefined],
    ["$['a']", 'input', undefined],
    ['$$', 'context', undefined],
    ['$$.Execution.Input', 'context', undefined],
    ["$$['Map']['Item']", 'context', undefined],
    ['$x', 'variable', 'x'],
    ['$foo.bar[0]', 'variable', 'foo'],
    ['$_under_score1', 'variable', '_under_score1'],
    ["$v['a b']", 'variable', 'v'],
    ['$v[*]', 'variable', 'v'],
    ['$café.x', 'variable', 'café'],
  ])('%s -> %s %s', (source, root, variable) => {
    const path = compilePath(source);
    expect(path.source).toBe(source);
    expect(path.root).toBe(root);
    expect(path.variable).toBe(variable);
  });

  it('keeps the source as written and trims blanks like Jayway', () => {
    const path = compilePath('  $.a  ');
    expect(path.source).toBe('  $.a  ');
    expect(path.select({ a: 1 })).toEqual({ found: true, value: 1 });
  });

  it.each([
    ['', 'must not be empty'],
    ['a.b', "must start with '$'"],
    ['@.a', "must start with '$'"],
    ['$1', "expected '.' or '[' after '$'"],
    ['$-a', "expected '.' or '[' after '$'"],
    ['$foo-bar', "unexpected '-' after the variable name '$foo'"],
    ['$$x', "expected '.' or '[' after '$'"],
    ['$ .a', "expected '.' or '['"],
  ])('rejects root %j', (source, text) => {
    expect(syntaxError(source).message).toContain(text);
  });
});

describe('steps and flags', () => {
  it.each([
    // source, definite, isReferencePath
    ['$', true, true],
    ['$.a', true, true],
    ['$.a.b.c', true, true],
    ["$['a']", true, true],
    ['$["a"]', true, true],
    ['$[0]', true, true],
    ['$[-1]', true, true],
    ['$.a[0].b', true, true],
    ['$.a[ 2 ]', true, true],
    ['$.a-b.c_d.e$f', true, true],
    ['$$.Execution.Input.input-value', true, true],
    ['$x.a[0]', true, true],
    ["$['a','b']", true, false], // Jayway: a multi-name last step merges into one object
    ["$['a','b'].c", false, false],
    ['$[0,1]', false, false],
    ['$[*]', false, false],
    ['$.*', false, false],
    ['$..a', false, false],
    ['$..*', false, false],
    ['$[1:2]', false, false],
    ['$[:2]', false, false],
    ['$[-2:]', false, false],
    ['$[?(@.a)]', false, false],
    ['$.a.length()', true, false],
  ])('%s definite=%s reference=%s', (source, definite, reference) => {
    const path = compilePath(source);
    expect(path.definite).toBe(definite);
    expect(path.isReferencePath).toBe(reference);
  });

  it('accepts the forms Jayway accepts after a dot', () => {
    const value = { a: { 'x y': [10, 20] } };
    expect(compilePath("$.a.['x y'][1]").select(value)).toEqual({ found: true, value: 20 });
    expect(compilePath('$.a.*').select(value)).toEqual({ found: true, value: [[10, 20]] });
    expect(compilePath("$.['a']").select(value)).toEqual({ found: true, value: value.a });
  });

  it.each([
    ['$.', "must not end with '.' or '..'", 1],
    ['$..', "must not end with '.' or '..'", 2],
    ['$.a.', "must not end with '.' or '..'", 3],
    ['$...a', "unexpected '.'", 3],
    ['$.a b', 'use bracket notation', 3],
    ['$[', 'could not parse the token', 1],
    ['$[]', 'could not parse the token', 1],
    ['$[a]', 'could not parse the token', 1],
    ["$['a'", "expected ',' or ']' after a quoted name", 5],
    ["$['a", 'a quoted name is not closed', 2],
    ["$['a',]", 'empty name in brackets', 6],
    ["$['a',,'b']", 'empty name in brackets', 6],
    ["$['a' 'b']", "expected ',' or ']' after a quoted name", 5],
    ['$[1:2', 'could not parse the token', 1],
    ['$[1 2]', "invalid array index '1 2'", 1],
    ['$[1,]', "invalid array index ''", 1],
    ['$[:]', 'invalid slice', 1],
    ['$[1 : 2]', 'invalid slice', 1],
    ['$[9999999999]', 'invalid array index', 1],
    ['$[*', "expected ']' after '*'", 3],
    ['$[?@.a]', "expected '(' after '[?'", 3],
    ['$[?(@.a]', "parentheses are not closed", 3],
    ['$[?(@.a)', "expected ']' after the filter's closing ')'", 8],
    ['$.a.sum(', "arguments of function 'sum' are not closed", 7],
  ])('rejects %j', (source, text, position) => {
    const error = syntaxError(source);
    expect(error.code).toBe('InvalidJsonPath');
    expect(error.source).toBe(source);
    expect(error.message).toContain(text);
    expect(error.message).toContain(`'${source}'`);
    expect(error.position).toBe(position);
  });

  it('reports positions relative to the source for context and variable roots', () => {
    expect(syntaxError('$$.a b').position).toBe(4);
    expect(syntaxError('$var.a b').position).toBe(6);
    expect(syntaxError('  $.a b').position).toBe(5);
  });
});

describe('filter syntax', () => {
  it.each([
    '$[?(@.a)]',
    '$[?(!@.a)]',
    '$[?(@.a == 1)]',
    '$[?(@.a==1)]',
    "$[?(@['a b'] == 'x')]",
    '$[?(@.a == "x")]',
    '$[?(@.a != null)]',
    '$[?(@.a == true && @.b == false)]',
    '$[?(@.a < 1 || @.b >= 2.5e3)]',
    '$[?((@.a > 1) && !(@.b <= -1))]',
    '$[?(@.a =~ /ab+c/i)]',
    "$[?(@.a in ['x', 'y'])]",
    "$[?(@.a NIN ['x'])]",
    '$[?(@.a size 2)]',
    '$[?(@.a empty false)]',
    "$[?(@.a contains 'x')]",
    '$[?(@.a subsetof [1,2])]',
    '$[?(@.a anyof [1,2])]',
    '$[?(@.a noneof [1,2])]',
    '$[?(@.a all [1,2])]',
    '$[?(@.a === 1)]',
    '$[?(@.a !== 1)]',
    '$[?(@.a == $.b)]',
    '$[?(@.items[?(@.x > 1)])]',
    '$[?(@.a == {"k": [1, 2]})]',
    '$[ ?( @.a == 1 ) ]',
    '$[?(@.a == "a)b")]',
    '$[?(@.a =~ /a\\)b/)]',
    '$[?(@ == 1)]',
  ])('accepts %s', (source) => {
    expect(() => compilePath(source)).not.toThrow();
  });

  it.each([
    ['$[?(@.a ==)]', "expected a value after '=='"],
    ['$[?(@.a == 1 &&)]', 'expected a value'],
    ['$[?(@.a <> 1)]', "unsupported operator '<>'"],
    ['$[?(@.a foo 1)]', "expected ')'"],
    ['$[?(1)]', 'expected a comparison operator after a literal'],
    ["$[?(@.a == 'x)]", 'a string in the filter is not closed'],
    ['$[?(@.a =~ /x(/)]', 'invalid regular expression'],
    ['$[?(@.a =~ /x/x)]', "flag 'x'"],
    ['$[?(@.a == 1) && (@.b == 2)]', "expected ']' after the filter's closing ')'"],
    ['$[?(@.a == [1,])]', 'invalid JSON literal'],
    ['$[?(@.a == [1,)]', 'a JSON literal is not closed'],
    ['$[?(@.a == 1x)]', "expected ')'"],
    ['$[?(@.a == 1.2.3)]', "invalid number '1.2.3'"],
    ['$[?(@.a b == 1)]', "expected ')'"],
  ])('rejects %j', (source, text) => {
    const error = syntaxError(source);
    expect(error.message).toContain(text);
    expect(error.position).toBeTypeOf('number');
  });
});

describe('compileReferencePath', () => {
  it.each(['$', '$.a', "$['a b'].c[0]", '$[1].x', '$var', '$var.a[0]'])('accepts %s', (source) => {
    expect(compileReferencePath(source).isReferencePath).toBe(true);
  });

  it.each([
    ['$$', "context object ('$$')"],
    ['$$.Execution', "context object ('$$')"],
    ['$.a[*]', 'not a reference path'],
    ['$..a', 'not a reference path'],
    ['$.a[0:1]', 'not a reference path'],
    ['$.a[0,1]', 'not a reference path'],
    ["$['a','b']", 'not a reference path'],
    ['$.a[?(@.b)]', 'not a reference path'],
    ['$.a.length()', 'not a reference path'],
    ['$.a b', 'use bracket notation'],
  ])('rejects %s', (source, text) => {
    expect(() => compileReferencePath(source)).toThrow(PathSyntaxError);
    expect(() => compileReferencePath(source)).toThrow(text);
  });
});

import { describe, expect, it } from 'vitest';
import { compileStringMatches, splitPattern } from './string-matches.js';

describe('splitPattern', () => {
  it('splits at unescaped stars and unescapes the rest', () => {
    expect(splitPattern('abc')).toEqual(['abc']);
    expect(splitPattern('*')).toEqual(['', '']);
    expect(splitPattern('a*b*c')).toEqual(['a', 'b', 'c']);
    expect(splitPattern('a\\*b')).toEqual(['a*b']);
    expect(splitPattern('a\\\\*b')).toEqual(['a\\', 'b']);
    expect(splitPattern('end\\')).toEqual(['end\\']);
  });
});

describe('compileStringMatches', () => {
  const cases: readonly (readonly [pattern: string, text: string, matches: boolean])[] = [
    ['*', '', true],
    ['*', 'anything', true],
    ['**', 'x', true],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['*.log', 'server.log', true],
    ['*.log', 'server.log.1', false],
    ['log-*', 'log-', true],
    ['a*a', 'a', false], // prefix and suffix may not overlap
    ['a*a', 'aa', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['a*bc*bc', 'abcbc', true],
    ['a*bc*bc', 'abcXbc', true],
    ['a*bc*bc', 'abc', false],
    ['*x*y*', 'yx', false],
    ['*x*y*', '..x..y..', true],
    ['\\*', '*', true],
    ['\\*', 'x', false],
    ['a\\\\b', 'a\\b', true],
  ];
  for (const [pattern, text, matches] of cases) {
    it(`${JSON.stringify(pattern)} ${matches ? 'matches' : 'does not match'} ${JSON.stringify(text)}`, () => {
      expect(compileStringMatches(pattern)(text)).toBe(matches);
    });
  }

  it('stays linear on patterns that make backtracking regexes explode', () => {
    const matcher = compileStringMatches('*a*a*a*a*a*a*a*a*c*b');
    const started = performance.now();
    expect(matcher(`${'a'.repeat(50_000)}b`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

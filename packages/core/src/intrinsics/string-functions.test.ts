import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import { INTRINSIC_FUNCTIONS } from './compile-intrinsic.js';
import { renderJavaNumber, renderJavaText } from './java-compat.js';
import { applyTemplate, parseTemplate } from './string-functions.js';
import { IntrinsicArgumentFailure } from './intrinsic-function.js';

const rt = { sources: { input: null, context: () => null, variable: () => undefined }, random: () => 0.5 };
const call = (name: string, ...args: Json[]): Json => {
  const fn = INTRINSIC_FUNCTIONS.get(name);
  if (fn === undefined) throw new Error(name);
  return fn.invoke(args, rt);
};
const invalid = (name: string) => new IntrinsicArgumentFailure(`Invalid arguments in ${name}`);

describe('renderJavaText', () => {
  it('writes values as Java toString does', () => {
    expect(renderJavaText({ Arg1: 1, Arg2: [] })).toBe('{Arg1=1, Arg2=[]}');
    expect(renderJavaText(['a', null, true, { k: [1.5, 'x'] }])).toBe('[a, null, true, {k=[1.5, x]}]');
    expect(renderJavaText('{"Arg1": 1}')).toBe('{"Arg1": 1}');
    expect(renderJavaText(null)).toBe('null');
  });
  it('writes non-integers as Double.toString (values printed by a JVM)', () => {
    expect(renderJavaNumber(1.1)).toBe('1.1');
    expect(renderJavaNumber(1e-4)).toBe('1.0E-4');
    expect(renderJavaNumber(12345678.5)).toBe('1.23456785E7');
    expect(renderJavaNumber(0.001)).toBe('0.001');
    expect(renderJavaNumber(1234567.25)).toBe('1234567.25');
    expect(renderJavaNumber(1e21)).toBe('1.0E21');
    expect(renderJavaNumber(-2.5e-7)).toBe('-2.5E-7');
    expect(renderJavaNumber(-0)).toBe('0');
    expect(renderJavaNumber(9007199254740991)).toBe('9007199254740991');
  });
});

describe('Format templates', () => {
  it('splits at {} and keeps escaped braces of literals', () => {
    expect(parseTemplate('a {} b {}', true)).toEqual({ kind: 'template', parts: ['a ', ' b ', ''] });
    expect(parseTemplate('\\{\\} {} \\\\ \\\'', true)).toEqual({ kind: 'template', parts: ["{} ", " \\ '"] });
    expect(parseTemplate('\\{}', false)).toEqual({ kind: 'template', parts: ['\\', ''] });
  });
  it('marks stray braces malformed; applying them fails', () => {
    for (const text of ['Hello {', 'Hello {{}}', '}', '{ }']) {
      const template = parseTemplate(text, true);
      expect(template.kind, text).toBe('malformed');
      expect(() => applyTemplate(template, ['t', 'x'], 1)).toThrow(invalid('States.Format'));
    }
  });
});

describe('States.Format', () => {
  it('inserts strings raw and other values as Java text', () => {
    expect(call('States.Format', 'Formatting argument {}.', null)).toBe('Formatting argument null.');
    expect(call('States.Format', 'fst={} and snd={}.', 1.1, { Arg1: 1, Arg2: [] })).toBe('fst=1.1 and snd={Arg1=1, Arg2=[]}.');
    expect(call('States.Format', 'no placeholders')).toBe('no placeholders');
    expect(call('States.Format', "It's {}!", 'Pikachu')).toBe("It's Pikachu!");
  });
  it('needs a string template and as many values as placeholders', () => {
    expect(() => call('States.Format', '{} {}', 'x')).toThrow(invalid('States.Format'));
    expect(() => call('States.Format', '{}', 'x', 'y')).toThrow(invalid('States.Format'));
    expect(() => call('States.Format', 123, 'x')).toThrow(invalid('States.Format'));
  });
});

describe('States.StringSplit', () => {
  it('splits on every delimiter character and drops empty parts', () => {
    expect(call('States.StringSplit', ' , ', ',')).toEqual([' ', ' ']);
    expect(call('States.StringSplit', ', , ,', ',')).toEqual([' ', ' ']);
    expect(call('States.StringSplit', ',,,,', ',')).toEqual([]);
    expect(call('States.StringSplit', 'This.is+a,test=string', '.+,=')).toEqual(['This', 'is', 'a', 'test', 'string']);
    expect(call('States.StringSplit', '1a2b3ab4', 'ab')).toEqual(['1', '2', '3', '4']);
    expect(call('States.StringSplit', 'Hello\nWorld', '\n')).toEqual(['Hello', 'World']);
    expect(call('States.StringSplit', '', ',')).toEqual([]);
    expect(call('States.StringSplit', 'abc', '')).toEqual(['abc']);
    expect(call('States.StringSplit', 'a🚀b🚀', '🚀')).toEqual(['a', 'b']);
  });
  it('needs two strings', () => {
    expect(() => call('States.StringSplit', 123, ',')).toThrow(invalid('States.StringSplit'));
    expect(() => call('States.StringSplit', 'a,b', [','])).toThrow(invalid('States.StringSplit'));
  });
});

import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import { INTRINSIC_FUNCTIONS } from './compile-intrinsic.js';
import { IntrinsicArgumentFailure } from './intrinsic-function.js';

const rt = { sources: { input: null, context: () => null, variable: () => undefined }, random: () => 0.5 };
const call = (name: string, ...args: Json[]): Json => {
  const fn = INTRINSIC_FUNCTIONS.get(name);
  if (fn === undefined) throw new Error(name);
  return fn.invoke(args, rt);
};
const invalid = (name: string) => new IntrinsicArgumentFailure(`Invalid arguments in ${name}`);

describe('States.StringToJson', () => {
  it('parses JSON text; blank text is null', () => {
    expect(call('States.StringToJson', '{"Arg1": 1, "Arg2": []}')).toEqual({ Arg1: 1, Arg2: [] });
    expect(call('States.StringToJson', '"HelloWorld"')).toBe('HelloWorld');
    expect(call('States.StringToJson', '1.1')).toBe(1.1);
    expect(call('States.StringToJson', ' ')).toBe(null);
    expect(call('States.StringToJson', '')).toBe(null);
    expect(JSON.stringify(call('States.StringToJson', '-0'))).toBe('0');
  });
  it('keeps __proto__ as a plain key', () => {
    const value = call('States.StringToJson', '{"__proto__": {"x": 1}}') as Record<string, Json>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
  it('fails on text that is not JSON, or on a non-string', () => {
    expect(() => call('States.StringToJson', '{oops')).toThrow(invalid('States.StringToJson'));
    expect(() => call('States.StringToJson', { a: 1 })).toThrow(invalid('States.StringToJson'));
  });
});

describe('States.JsonToString', () => {
  it('writes compact JSON', () => {
    expect(call('States.JsonToString', null)).toBe('null');
    expect(call('States.JsonToString', 'HelloWorld')).toBe('"HelloWorld"');
    expect(call('States.JsonToString', [1, 2, 'HelloWorld'])).toBe('[1,2,"HelloWorld"]');
    expect(call('States.JsonToString', { Arg1: 1, Arg2: [] })).toBe('{"Arg1":1,"Arg2":[]}');
  });
  it('round-trips with StringToJson', () => {
    const value: Json = { a: [1, { b: null }], c: 'x"y' };
    expect(call('States.StringToJson', call('States.JsonToString', value))).toEqual(value);
  });
});

describe('States.JsonMerge', () => {
  it('merges shallowly, the second object winning (recorded test_json_merge)', () => {
    const left = { a: { a1: 1, a2: 2 }, b: 2, d: 3 };
    const right = { a: { a3: 1, a4: 2 }, c: 3, d: 4 };
    expect(call('States.JsonMerge', left, right, false)).toEqual({ a: { a3: 1, a4: 2 }, b: 2, c: 3, d: 4 });
    expect(left).toEqual({ a: { a1: 1, a2: 2 }, b: 2, d: 3 });
  });
  it('takes anything but true as shallow, and needs two objects', () => {
    expect(call('States.JsonMerge', {}, { x: 1 }, 'false')).toEqual({ x: 1 });
    expect(() => call('States.JsonMerge', {}, {}, true)).toThrow(invalid('States.JsonMerge'));
    expect(() => call('States.JsonMerge', null, {}, false)).toThrow(invalid('States.JsonMerge'));
    expect(() => call('States.JsonMerge', {}, [], false)).toThrow(invalid('States.JsonMerge'));
  });
  it('keeps __proto__ as data', () => {
    const left = JSON.parse('{"__proto__": {"polluted": true}}') as Json;
    const merged = call('States.JsonMerge', left, { x: 1 }, false) as Record<string, Json>;
    expect(Object.keys(merged)).toEqual(['__proto__', 'x']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { collect, parseMachineType, parsePositiveInteger, parsePositiveNumber } from './option-parsers.js';

describe('option parsers', () => {
  it('collects repeated values', () => {
    expect(collect('b', collect('a', undefined))).toEqual(['a', 'b']);
  });

  it('accepts a machine type in any case', () => {
    expect(parseMachineType('standard')).toBe('STANDARD');
    expect(parseMachineType('EXPRESS')).toBe('EXPRESS');
    expect(() => parseMachineType('batch')).toThrow(InvalidArgumentError);
  });

  it('refuses numbers out of range', () => {
    expect(parsePositiveInteger('4')).toBe(4);
    expect(() => parsePositiveInteger('0')).toThrow(InvalidArgumentError);
    expect(() => parsePositiveInteger('1.5')).toThrow(InvalidArgumentError);
    expect(parsePositiveNumber('0.5')).toBe(0.5);
    expect(() => parsePositiveNumber('-1')).toThrow(InvalidArgumentError);
    expect(() => parsePositiveNumber('soon')).toThrow(InvalidArgumentError);
  });
});

import { describe, expect, it } from 'vitest';
import { bigDecimalText, documentNumberText, javaClassName } from './jayway.js';

describe('Java texts', () => {
  it.each([
    ['5', '5'],
    ['-5', '-5'],
    ['+5', '5'],
    ['007', '7'],
    ['5.0', '5.0'],
    ['5.', '5'],
    ['.5', '0.5'],
    ['-0', '0'],
    ['0.00', '0.00'],
    ['1e2', '1E+2'],
    ['1.5e2', '1.5E+2'],
    ['1.50e1', '15.0'],
    ['1e-2', '0.01'],
    ['1e-7', '1E-7'],
    ['0.0000001', '1E-7'],
    ['123.456e-10', '1.23456E-8'],
  ])('new BigDecimal(%j).toString() = %j', (text, expected) => {
    expect(bigDecimalText(text)).toBe(expected);
  });

  it('prints document numbers', () => {
    expect(documentNumberText(5)).toBe('5');
    expect(documentNumberText(-12)).toBe('-12');
    expect(documentNumberText(1.25)).toBe('1.25');
  });

  it('names the json-smart classes', () => {
    expect(javaClassName(1)).toBe('java.lang.Integer');
    expect(javaClassName(2 ** 40)).toBe('java.lang.Long');
    expect(javaClassName(1e30)).toBe('java.math.BigInteger');
    expect(javaClassName(0.5)).toBe('java.lang.Double');
    expect(javaClassName('s')).toBe('java.lang.String');
    expect(javaClassName(false)).toBe('java.lang.Boolean');
    expect(javaClassName(null)).toBe('null');
    expect(javaClassName([])).toBe('net.minidev.json.JSONArray');
    expect(javaClassName({})).toBe('net.minidev.json.JSONObject');
  });
});

import { describe, expect, it } from 'vitest';
import { formatErrorForLog, toRapidError, UnhandledPromiseRejection } from './rapid-error.js';

describe('toRapidError', () => {
  it("reports an Error by its name (not its class), message and stack lines", () => {
    class Unnamed extends Error {}
    const error = new Unnamed('plain');
    expect(toRapidError(error)).toEqual({ errorType: 'Error', errorMessage: 'plain', trace: error.stack?.split('\n') });
    const named = Object.assign(new Error('boom'), { name: 'CustomError' });
    expect(toRapidError(named)).toMatchObject({ errorType: 'CustomError', errorMessage: 'boom' });
  });

  it('reports error-like objects as errors, and other values by their type', () => {
    expect(toRapidError({ name: 'Remote', message: 'from elsewhere', stack: 'Remote: from elsewhere\n    at x' })).toEqual({
      errorType: 'Remote',
      errorMessage: 'from elsewhere',
      trace: ['Remote: from elsewhere', '    at x'],
    });
    expect(toRapidError('boom')).toEqual({ errorType: 'string', errorMessage: 'boom', trace: [] });
    expect(toRapidError(42)).toEqual({ errorType: 'number', errorMessage: '42', trace: [] });
    expect(toRapidError({ code: 7 })).toEqual({ errorType: 'object', errorMessage: '[object Object]', trace: [] });
  });

  it("falls back to the runtime's fixed document when the value cannot be read", () => {
    expect(toRapidError(Object.create(null))).toEqual({
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    });
  });

  it('names an unhandled rejection Runtime.UnhandledPromiseRejection with the reason as text', () => {
    expect(toRapidError(new UnhandledPromiseRejection(new Error('lost')))).toMatchObject({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: lost' });
    expect(toRapidError(new UnhandledPromiseRejection(undefined))).toMatchObject({ errorMessage: 'undefined' });
  });
});

describe('formatErrorForLog', () => {
  it('logs the enumerable members of an error beside its type, message and stack', () => {
    const error = Object.assign(new Error('with data'), { code: 'E_DATA', detail: { id: 1 } });
    const logged = JSON.parse(formatErrorForLog(error).slice(1)) as Record<string, unknown>;
    expect(logged).toMatchObject({ errorType: 'Error', errorMessage: 'with data', code: 'E_DATA', detail: { id: 1 } });
    expect(Array.isArray(logged.stack)).toBe(true);
  });
});

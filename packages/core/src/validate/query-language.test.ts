import { describe, expect, it } from 'vitest';
import { effectiveQueryLanguage, isJsonataExpression, machineQueryLanguage } from './query-language.js';

describe('query language resolution', () => {
  it('defaults the machine to JSONPath', () => {
    expect(machineQueryLanguage({ StartAt: 'A', States: {} })).toBe('JSONPath');
    expect(machineQueryLanguage(null)).toBe('JSONPath');
  });

  it('takes the machine language from the top-level field', () => {
    expect(machineQueryLanguage({ QueryLanguage: 'JSONata' })).toBe('JSONata');
  });

  it('lets a state override the machine default', () => {
    expect(effectiveQueryLanguage({ Type: 'Pass', QueryLanguage: 'JSONata' }, 'JSONPath')).toBe('JSONata');
    expect(effectiveQueryLanguage({ Type: 'Pass' }, 'JSONata')).toBe('JSONata');
  });

  it('treats any declared value other than the exact JSONPath as JSONata, as AWS does', () => {
    expect(effectiveQueryLanguage({ QueryLanguage: 'jsonpath' }, 'JSONPath')).toBe('JSONata');
    expect(effectiveQueryLanguage({ QueryLanguage: 7 }, 'JSONPath')).toBe('JSONata');
    expect(effectiveQueryLanguage({ QueryLanguage: 'JSONPath' }, 'JSONata')).toBe('JSONPath');
  });

  it('falls back to the default for non-objects', () => {
    expect(effectiveQueryLanguage(undefined, 'JSONata')).toBe('JSONata');
    expect(effectiveQueryLanguage([1], 'JSONPath')).toBe('JSONPath');
  });
});

describe('isJsonataExpression', () => {
  it('needs the whole string wrapped in {% %}', () => {
    expect(isJsonataExpression('{% 1 %}')).toBe(true);
    expect(isJsonataExpression('{%%}')).toBe(true);
    expect(isJsonataExpression(' {% 1 %}')).toBe(false);
    expect(isJsonataExpression('{% 1 %} ')).toBe(false);
    expect(isJsonataExpression('{%}')).toBe(false);
    expect(isJsonataExpression(3)).toBe(false);
  });
});

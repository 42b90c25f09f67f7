/** JSONata-mode field values: `{% %}` strings evaluated at any depth, everything else literal. */
import { describe, expect, it } from 'vitest';
import type { Json } from '../index.js';
import { execute } from '../../test/support.js';

const pass = (fields: Record<string, Json>): Json => ({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', End: true, ...fields } } });
const PREFIX = "An error occurred while executing the state 'P' (entered at the event id #2). ";

describe('a JSONata template', () => {
  it('evaluates expressions inside objects and arrays and keeps literals (AWS-recorded LIST_RICH)', async () => {
    const output: Json = [null, 0, 0.1, true, 'string', [], '$nosuchvar', '$.no.such.path', '{% $states.input %}', { key: '{% true %}' }];
    const { result } = await execute(pass({ Output: output }), { input_value: 'x' });
    expect(result.output).toEqual([null, 0, 0.1, true, 'string', [], '$nosuchvar', '$.no.such.path', { input_value: 'x' }, { key: true }]);
  });

  it('leaves `.$` keys alone: they mean nothing in JSONata', async () => {
    const { result } = await execute(pass({ Output: { 'a.$': '$', b: '$$' } }));
    expect(result.output).toEqual({ 'a.$': '$', b: '$$' });
  });

  it('keeps the template’s key order', async () => {
    const { result } = await execute(pass({ Output: { z: 1, a: '{% 2 %}', m: 3 } }));
    expect(Object.keys(result.output as object)).toEqual(['z', 'a', 'm']);
  });

  it('names the failing field with /key and [index], as AWS does', async () => {
    const { result } = await execute(pass({ Output: { a: { b: [0, '{% $states.input.none %}'] } } }));
    expect(result.cause).toBe(`${PREFIX}The JSONata expression '$states.input.none' specified for the field 'Output/a/b[1]' returned nothing (undefined).`);
  });

  it('evaluates fields in document order: the first failure is the one reported', async () => {
    const { result } = await execute(pass({ Output: { first: '{% $count([1,2]) = 2 ? $first : 1 %}', second: '{% $second %}' } }));
    expect(result.cause).toContain("for the field 'Output/first'");
  });

  it('a key named __proto__ is data', async () => {
    const { result } = await execute(pass({ Output: { ['__proto__']: '{% 1 %}', b: 2 } }));
    expect(JSON.stringify(result.output)).toBe('{"__proto__":1,"b":2}');
  });

  it('shares literal parts across executions without letting them change', async () => {
    const definition = pass({ Output: { fixed: { list: [1, 2] }, v: '{% $states.input.v %}' } });
    const first = await execute(definition, { v: 1 });
    const second = await execute(definition, { v: 2 });
    expect(first.result.output).toEqual({ fixed: { list: [1, 2] }, v: 1 });
    expect(second.result.output).toEqual({ fixed: { list: [1, 2] }, v: 2 });
  });
});

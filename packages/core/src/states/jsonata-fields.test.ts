/** The JSONata fields states share: Output/Assign after the work, single-value fields before it. */
import { describe, expect, it } from 'vitest';
import type { Json } from '../index.js';
import { execute } from '../../test/support.js';
import { integerAtLeast, isBoolean, isString, numberBetween } from './jsonata-fields.js';

describe('Output and Assign', () => {
  it('evaluate Assign before Output, both on the variables as they were on entry', async () => {
    const definition: Json = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { n: 1 }, Next: 'B' },
        B: { Type: 'Pass', Assign: { n: '{% $n + 1 %}' }, Output: '{% $n %}', Next: 'C' },
        C: { Type: 'Pass', Output: '{% [$states.input, $n] %}', End: true },
      },
    };
    expect((await execute(definition)).result.output).toEqual([1, 2]);
  });

  it('an Output failure after an Assign leaves the variables unchanged', async () => {
    const definition: Json = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: { Type: 'Pass', Assign: { n: 1 }, Output: '{% $missing %}', End: true } },
    };
    const { result } = await execute(definition);
    expect(result.cause).toContain("for the field 'Output' returned nothing");
  });
});

describe('value checks', () => {
  it('name the type AWS would say it expected', () => {
    expect(integerAtLeast(0)(3)).toBeUndefined();
    expect(integerAtLeast(0)(-1)).toBe('non-negative integer');
    expect(integerAtLeast(1)(0)).toBe('positive integer');
    expect(integerAtLeast(1)(1.5)).toBe('integer');
    expect(numberBetween(0, 100)(101)).toBe('number');
    expect(isString(1)).toBe('string');
    expect(isBoolean('true')).toBe('boolean');
  });
});

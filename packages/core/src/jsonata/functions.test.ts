/** The functions Step Functions adds to JSONata, and the clock and randomness they use. */
import { describe, expect, it } from 'vitest';
import { compileStateMachine, createSimulatedClock } from '../index.js';
import type { Json } from '../index.js';
import { START_MS } from '../../test/support.js';
import { seededRandom } from './functions.js';

async function evaluate(expression: string, input: Json = {}, random = () => 0.25): Promise<Json | undefined> {
  const machine = compileStateMachine({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: { v: `{% ${expression} %}` }, End: true } } });
  const result = await machine.start(input, { clock: createSimulatedClock(START_MS), random });
  if (result.status !== 'SUCCEEDED') return result.cause;
  return (result.output as { v: Json }).v;
}

describe('$partition', () => {
  it('chunks an array, the last chunk holding the rest (AWS-recorded)', async () => {
    expect(await evaluate('$partition([0, 1, 2], 2)')).toEqual([[0, 1], [2]]);
    expect(await evaluate('$partition([0], 2)')).toEqual([[0]]);
    expect(await evaluate('$partition([0, 1, 2, 3], 5)')).toEqual([[0, 1, 2, 3]]);
  });

  it('rounds the size towards zero; a size below one gives nothing', async () => {
    expect(await evaluate('$partition([1, 2, 3], 2.9)')).toEqual([[1, 2], [3]]);
    expect(await evaluate('$partition([1, 2, 3], 0)')).toContain('returned nothing (undefined)');
  });
});

describe('$range', () => {
  it('steps from start to end, inclusive when the step lands on it (AWS-recorded)', async () => {
    expect(await evaluate('$range(0, 9, 3)')).toEqual([0, 3, 6, 9]);
    expect(await evaluate('$range(0, 10, 3)')).toEqual([0, 3, 6, 9]);
    expect(await evaluate('$range(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(await evaluate('$range(5, 1, -2)')).toEqual([5, 3, 1]);
  });

  it('answers a single element bare, and nothing for a step against the direction', async () => {
    expect(await evaluate('$range(1, 9, 9)')).toBe(1);
    expect(await evaluate('$range(1, 9, -1)')).toContain('returned nothing (undefined)');
  });

  it('refuses a range over AWS’s size bound before building it', async () => {
    expect(await evaluate('$range(0, 100000000, 1)')).toContain('Expression evaluation memory limit exceeded');
  });
});

describe('$hash, $parse, $uuid, $random', () => {
  it('$hash gives the hex digest for the algorithms AWS lists', async () => {
    expect(await evaluate("$hash('abc', 'SHA-256')")).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await evaluate("$hash('abc', 'MD5')")).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(await evaluate("$hash('abc', 'sha-256')")).toContain('is not supported');
  });

  it('$parse reads JSON text (AWS-recorded: "-0" is 0)', async () => {
    expect(await evaluate('$parse($states.input.text)', { text: '{"Arg1": 1, "Arg2": []}' })).toEqual({ Arg1: 1, Arg2: [] });
    expect(JSON.stringify(await evaluate('$parse("-0")'))).toBe('0');
    expect(await evaluate('$parse("true")')).toBe(true);
    expect(await evaluate('$parse("{")')).toContain('threw an error during evaluation');
  });

  it('$uuid and $random() draw from the execution’s randomness', async () => {
    expect(await evaluate('$random()', {}, () => 0.75)).toBe(0.75);
    expect(await evaluate('$uuid()', {}, () => 0)).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('$random(seed) repeats for a seed', async () => {
    const first = await evaluate('$random(42)');
    expect(first).toBe(await evaluate('$random(42)', {}, () => 0.9));
    // Java: new Random(42).nextDouble() is 0.7275636800328681.
    expect(first).toBe(0.7275636800328681);
    expect(seededRandom(42)).toBe(0.7275636800328681);
    expect(seededRandom(42)).not.toBe(seededRandom(43));
    expect(seededRandom(7)).toBeGreaterThanOrEqual(0);
    expect(seededRandom(7)).toBeLessThan(1);
  });
});

describe('$now and $millis', () => {
  it('read the execution’s clock', async () => {
    expect(await evaluate('$millis()')).toBe(START_MS);
    expect(await evaluate('$now()')).toBe(new Date(START_MS).toISOString());
  });
});

/** Payload templates (Parameters, ResultSelector, ItemSelector) evaluated through Pass, Task and Map. */
import { describe, expect, it } from 'vitest';
import { compileStateMachine, createSimulatedClock } from './index.js';
import type { Json } from './index.js';
import { START_MS, execute, recordingPort, taskMachine } from '../test/support.js';
import { compilePath } from './jsonpath/index.js';
import { CompileContext } from './compile-context.js';
import { QUICK_BOUND, quickSize } from './payload-size.js';
import type { StateSources } from './run.js';
import type { SizeTally } from './template.js';
import { compileTemplate, mayHoldItsInput } from './template.js';

const parameters = (template: Json): Json => ({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: template, End: true } } });
const evaluate = async (template: Json, input: Json): Promise<Json | undefined> => (await execute(parameters(template), input)).result.output;

describe('payload templates', () => {
  it('strip .$ from dynamic keys and keep every other value literal', async () => {
    expect(await evaluate({ 'a.$': '$.x', b: '$.x', c: 1, d: null, e: [true] }, { x: 'X' })).toEqual({ a: 'X', b: '$.x', c: 1, d: null, e: [true] });
  });

  it('recurse into nested objects and into objects inside arrays', async () => {
    const template = { outer: { 'inner.$': '$.x', list: [{ 'item.$': '$.y' }, 'plain', [{ 'deep.$': '$.x' }]] } };
    expect(await evaluate(template, { x: 1, y: 2 })).toEqual({ outer: { inner: 1, list: [{ item: 2 }, 'plain', [{ deep: 1 }]] } });
  });

  it('a path selecting many nodes gives an array; a single node gives the node itself', async () => {
    const input = { items: [{ v: 1 }, { v: 2 }, { v: 3 }] };
    expect(await evaluate({ 'all.$': '$.items[*].v', 'big.$': '$.items[?(@.v > 1)].v', 'one.$': '$.items[0].v' }, input)).toEqual({
      all: [1, 2, 3],
      big: [2, 3],
      one: 1,
    });
  });

  it('$$ paths read the context object', async () => {
    expect(await evaluate({ 'name.$': '$$.State.Name', 'input.$': '$$.Execution.Input.a' }, { a: 5 })).toEqual({ name: 'P', input: 5 });
  });

  it('intrinsic functions are evaluated, with paths as arguments', async () => {
    const template = {
      'text.$': "States.Format('{} + {}', $.a, $.b)",
      'sum.$': 'States.MathAdd($.a, $.b)',
      'array.$': 'States.Array($.a, $.b)',
      'json.$': 'States.JsonToString($.obj)',
    };
    expect(await evaluate(template, { a: 1, b: 2, obj: { k: 'v' } })).toEqual({ text: '1 + 2', sum: 3, array: [1, 2], json: '{"k":"v"}' });
  });

  it('a path that finds nothing fails with States.Runtime (AWS’s cause)', async () => {
    const { result } = await execute(parameters({ 'a.$': '$.x' }), { y: 1 });
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: "An error occurred while executing the state 'P' (entered at the event id #2). The JSONPath '$.x' specified for the field 'a.$' could not be found in the input '{\"y\":1}'",
    });
  });

  it('a template without dynamic keys is returned as written', async () => {
    expect(await evaluate({ a: { b: [1, 2] } }, { ignored: true })).toEqual({ a: { b: [1, 2] } });
  });

  it('literal parts are not shared mutably between executions', async () => {
    const machine = compileStateMachine(parameters({ fixed: { list: [1] }, 'v.$': '$.v' }));
    const first = await machine.start({ v: 1 }, { clock: createSimulatedClock(START_MS) });
    try {
      ((first.output as { fixed: { list: number[] } }).fixed.list).push(2);
    } catch {
      // Frozen literals are fine.
    }
    const second = await machine.start({ v: 2 }, { clock: createSimulatedClock(START_MS) });
    expect(second.output).toEqual({ fixed: { list: [1] }, v: 2 });
  });

  it('a later ResultPath does not modify a literal part of an earlier template output', async () => {
    const definition: Json = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Parameters: { fixed: { n: 1 } }, Next: 'B' },
        B: { Type: 'Pass', Result: 2, ResultPath: '$.fixed.m', End: true },
      },
    };
    const machine = compileStateMachine(definition);
    const clock = createSimulatedClock(START_MS);
    expect((await machine.start({}, { clock })).output).toEqual({ fixed: { n: 1, m: 2 } });
    expect((await machine.start({}, { clock })).output).toEqual({ fixed: { n: 1, m: 2 } });
  });
});

describe('ResultSelector', () => {
  it('sees the raw task result as $ and the context object as $$', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => ({ Payload: { n: 3 }, Extra: 'drop' }));
    const definition = taskMachine({ ResultSelector: { 'n.$': '$.Payload.n', 'state.$': '$$.State.Name' } });
    const { result } = await execute(definition, { input: 1 }, { clock, taskPort: port });
    expect(result.output).toEqual({ n: 3, state: 'Work' });
  });

  it('a path into the result that finds nothing fails with States.Runtime', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => ({}));
    const { result } = await execute(taskMachine({ ResultSelector: { 'n.$': '$.missing' } }), {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('template objects', () => {
  /** The template semantics written plainly: every key in order, `.$` keys read a definite path. */
  const reference = (template: Json, input: Json): Json => {
    if (Array.isArray(template)) return template.map((item) => reference(item, input));
    if (typeof template !== 'object' || template === null) return template;
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(template)) {
      const name = key.endsWith('.$') ? key.slice(0, -2) : key;
      const field = key.endsWith('.$') ? (compilePath(value as string).get(input) as Json) : reference(value, input);
      Object.defineProperty(out, name, { value: field, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  const input: Json = { a: 1, b: 'two', c: [3], d: { e: 4 } };
  const paths = ['$.a', '$.b', '$.c', '$.d', '$.d.e', '$.c[0]', '$.a', '$.b', '$.d'];

  it('of every number of dynamic keys, between literal keys, give the reference output', async () => {
    for (let count = 0; count <= paths.length; count++) {
      const template: Record<string, Json> = { first: 'literal' };
      for (let i = 0; i < count; i++) {
        template[`k${i}.$`] = paths[i] as string;
        template[`lit${i}`] = { n: i };
      }
      const output = await evaluate(template, input);
      expect(JSON.stringify(output), String(count)).toBe(JSON.stringify(reference(template, input)));
    }
  });

  it('with a key written both plain and with .$ keep the first position and the last value', async () => {
    for (const template of [
      { a: 'plain', x: 0, 'a.$': '$.b' },
      { 'a.$': '$.b', x: 0, a: 'plain' },
      { n: { 'v.$': '$.a', v: 'later' } },
    ] as Json[]) {
      expect(JSON.stringify(await evaluate(template, input))).toBe(JSON.stringify(reference(template, input)));
    }
  });

  it('with a __proto__ key (literal or dynamic) make it an own data key', async () => {
    for (const template of [JSON.parse('{"__proto__": {"x": 1}, "v.$": "$.a"}'), { '__proto__.$': '$.d', 'v.$': '$.a' }] as Json[]) {
      const output = (await evaluate(template, input)) as Record<string, Json>;
      expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
      expect(JSON.stringify(output)).toBe(JSON.stringify(reference(template, input)));
    }
  });

  it('give a new object on every evaluation', async () => {
    const machine = compileStateMachine(parameters({ fixed: 1, 'v.$': '$.v' }));
    const first = (await machine.start({ v: 1 }, { clock: createSimulatedClock(START_MS) })).output;
    const second = (await machine.start({ v: 2 }, { clock: createSimulatedClock(START_MS) })).output;
    expect(first).toEqual({ fixed: 1, v: 1 });
    expect(second).toEqual({ fixed: 1, v: 2 });
    expect(first).not.toBe(second);
  });
});

describe('mayHoldItsInput', () => {
  it('is false when every value read from $ is strictly inside it', () => {
    expect(mayHoldItsInput({ 'a.$': '$.a', b: { 'c.$': '$.c[0].d' }, 'm.$': "$['x','y']" })).toBe(false);
    expect(mayHoldItsInput({ 'ctx.$': '$$', 'name.$': '$$.State.Name', 'n.$': 'States.MathAdd($.a, 1)' })).toBe(false);
    expect(mayHoldItsInput({ plain: '$', list: ['$', { nested: '$' }] })).toBe(false);
  });

  it('is true when a value may be $ itself, or unknown', () => {
    for (const field of ['$', '$[*]', '$..a', '$[?(@.a)]', '$.items[*]', '$var', '$var.a', 'States.Array($)', 'States.JsonMerge($.a, States.StringToJson($.s), false)', 'States.Format(\'{}\', $)']) {
      const expected = field !== 'States.JsonMerge($.a, States.StringToJson($.s), false)';
      expect(mayHoldItsInput({ 'v.$': field }), field).toBe(expected);
      expect(mayHoldItsInput({ deep: [{ 'v.$': field }] }), field).toBe(expected);
    }
  });

  it('counts a value that does not parse as holding it', () => {
    expect(mayHoldItsInput({ 'v.$': '$.a[' })).toBe(true);
    expect(mayHoldItsInput({ 'v.$': 'States.Nope(' })).toBe(true);
  });
});

describe('the size a template reports', () => {
  const sourcesOf = (input: Json): StateSources => {
    const sources = { input, context: () => ({}), variable: () => undefined, random: () => 0.5 } as unknown as StateSources & { sources: unknown };
    sources.sources = sources;
    return sources;
  };

  it('is the quick size of its output, without a walk of the output', () => {
    const input: Json = { a: 1, s: 'text', o: { deep: [1, { x: 'é' }] }, n: null, list: [1, 2, 3] };
    const templates: Json[] = [
      { fixed: 1 },
      { 'a.$': '$.a' },
      { 'a.$': '$.a', 's.$': '$.s', lit: 'x' },
      { 'o.$': '$.o', nested: { 'n.$': '$.n', more: { 'l.$': '$.list', k: true } }, arr: ['x', { 'a.$': '$.a' }] },
      { one: 1, 'a.$': '$.a', two: [2], 's.$': '$.s', three: { t: 3 }, 'o.$': '$.o', 'n.$': '$.n', 'l.$': '$.list', 'f.$': "States.Format('{}!', $.s)" },
      { 'a.$': '$.a', 'b.$': '$.s', 'c.$': '$.o', 'd.$': '$.n' },
      { big: { 'o.$': '$.o', 'big.$': '$.s' }, 'x.$': 'States.MathAdd($.a, 1)' },
    ];
    for (const template of templates) {
      const evaluate = compileTemplate(template, '', new CompileContext('JSONPath'));
      const tally: SizeTally = { size: -1 };
      const output = evaluate(sourcesOf(input), tally);
      expect(tally.size, JSON.stringify(template)).toBe(quickSize(output, Number.POSITIVE_INFINITY));
      // Without a tally the output is the same.
      expect(evaluate(sourcesOf(input))).toEqual(output);
    }
  });

  it('is left alone when the template does not know it', () => {
    for (const template of [[{ 'a.$': '$.a' }], { 'a.$': '$.a', a: 1 }, JSON.parse('{"__proto__": 1, "v.$": "$.a"}')] as Json[]) {
      const tally: SizeTally = { size: -1 };
      compileTemplate(template, '', new CompileContext('JSONPath'))(sourcesOf({ a: 1 }), tally);
      expect(tally.size, JSON.stringify(template)).toBe(-1);
    }
  });

  it('counts a large output as over the quick bound', () => {
    const tally: SizeTally = { size: -1 };
    compileTemplate({ 'a.$': '$.s', 'b.$': '$.s' }, '', new CompileContext('JSONPath'))(sourcesOf({ s: 'x'.repeat(QUICK_BOUND) }), tally);
    expect(tally.size).toBeGreaterThan(QUICK_BOUND);
  });
});

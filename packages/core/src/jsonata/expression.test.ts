/**
 * One JSONata expression: parsed once, evaluated with `$states` and the variables, its
 * failures in AWS's words, and the guard rails that keep a hostile expression from stalling
 * the process.
 */
import { describe, expect, it } from 'vitest';
import { DefinitionError, compileStateMachine, createSimulatedClock, validateStateMachine } from '../index.js';
import type { CompileOptions, Json } from '../index.js';
import { START_MS, execute } from '../../test/support.js';

const output = (value: Json, extra: Record<string, Json> = {}): Json => ({
  QueryLanguage: 'JSONata',
  StartAt: 'P',
  States: { P: { Type: 'Pass', Output: value, End: true, ...extra } },
});
const PREFIX = "An error occurred while executing the state 'P' (entered at the event id #2). ";

async function run(definition: Json, input: Json = {}, options: CompileOptions = {}) {
  const machine = compileStateMachine(definition, options);
  return machine.start(input, { clock: createSimulatedClock(START_MS), random: () => 0.5 });
}

describe('evaluation', () => {
  it('reads $states.input, at any depth and through the library', async () => {
    const input = { a: { b: [1, 2] }, items: [{ v: 1 }, { v: 2 }] };
    expect((await run(output('{% $states.input.a.b %}'), input)).output).toEqual([1, 2]);
    // Across an array the library maps the path over the items.
    expect((await run(output('{% $states.input.items.v %}'), input)).output).toEqual([1, 2]);
    expect((await run(output('{% $count($states.input.items) %}'), input)).output).toBe(2);
  });

  it('answers literals as they are', async () => {
    expect((await run(output('{% null %}'))).output).toBeNull();
    expect((await run(output("{% 'text' %}"))).output).toBe('text');
  });

  it('fails a field whose expression returns nothing, naming the field (AWS-recorded)', async () => {
    const { result } = await execute(output({ result: '{% $states.input.missing %}' }));
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.QueryEvaluationError',
      cause: `${PREFIX}The JSONata expression '$states.input.missing' specified for the field 'Output/result' returned nothing (undefined).`,
    });
  });

  it('a null is a value, not nothing', async () => {
    expect((await run(output({ v: '{% $states.input.bar %}' }), { bar: null })).output).toEqual({ v: null });
  });

  it('fails a function result as an unsupported type (AWS-recorded)', async () => {
    const result = await run(output('{% $fn := function($x){$x} %}'));
    expect(result.cause).toBe(`${PREFIX}The JSONata expression '$fn := function($x){$x}' specified for the field 'Output' returned an unsupported result type.`);
  });

  it('quotes the library error with its code (AWS-recorded: T1006)', async () => {
    const result = await run(output({ r: '{% $randomSeeded(1) %}' }));
    expect(result.cause).toBe(
      `${PREFIX}The JSONata expression '$randomSeeded(1)' specified for the field 'Output/r' threw an error during evaluation. T1006: Attempted to invoke a non-function`,
    );
  });

  it('has no $eval: AWS leaves it out', async () => {
    const result = await run(output('{% $eval("1 + 1") %}'));
    expect(result.cause).toContain('T1006: Attempted to invoke a non-function');
  });

  it('writes a non-finite number as the string JavaScript names it (measured on AWS)', async () => {
    expect((await run(output('{% 1/0 %}'))).output).toBe('Infinity');
  });

  it('records EvaluationFailed with the field as location', async () => {
    const { events } = await execute(output({ v: '{% $nothing %}' }));
    const failed = events.find((event) => event.type === 'EvaluationFailed');
    expect(failed).toMatchObject({
      previousEventId: 0,
      evaluationFailedEventDetails: { error: 'States.QueryEvaluationError', location: 'Output/v', state: 'P' },
    });
  });
});

describe('compilation', () => {
  it('refuses an expression that does not parse (INVALID_JSONATA_EXPRESSION at the field)', () => {
    expect(validateStateMachine(output({ v: '{% a[1,2) %}' }))).toEqual([
      { pointer: '/States/P/Output/v', code: 'INVALID_JSONATA_EXPRESSION', message: 'S0202: Expected "]", got ","' },
    ]);
  });

  it('refuses a top-level field reference and $$ (UNSUPPORTED_JSONATA_EXPRESSION)', () => {
    expect(validateStateMachine(output({ v: '{% phone %}' }))).toEqual([
      { pointer: '/States/P/Output/v', code: 'UNSUPPORTED_JSONATA_EXPRESSION', message: "Reference to 'phone' at the top level is not supported." },
    ]);
    expect(() => compileStateMachine(output('{% $$ %}'))).toThrow(DefinitionError);
  });

  it('a string with anything around the braces is a literal', async () => {
    expect((await run(output({ v: ' {% states.input %} ', w: '$states.input' }))).output).toEqual({ v: ' {% states.input %} ', w: '$states.input' });
  });
});

describe('guard rails', () => {
  it('fails a range too large to allocate at once, without allocating it', async () => {
    const started = Date.now();
    const result = await run(output('{% $sum([1..100000000]) %}'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.cause).toBe(
      `${PREFIX}The JSONata expression '$sum([1..100000000])' specified for the field 'Output' threw an error during evaluation. Expression evaluation memory limit exceeded`,
    );
  });

  it('nests as deep as AWS allows and no deeper (measured on AWS: $f(31) passes, $f(32) fails)', async () => {
    const recursion = (n: number): Json => output(`{% ($f := function($n){ $n <= 0 ? 0 : 1 + $f($n - 1) }; $f(${n})) %}`);
    expect((await run(recursion(31))).output).toBe(31);
    expect((await run(recursion(32))).cause).toContain('Depth=101 max=100');
    expect((await run(output(`{% ${Array(100).fill('1').join(' + ')} %}`))).output).toBe(100);
  });

  it('fails unbounded recursion at the depth limit', async () => {
    const result = await run(output('{% ($f := function($x){ $f($x + 1) + 1 }; $f(0)) %}'), {}, { jsonataLimits: { maxDepth: 200 } });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    expect(result.cause).toContain('Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive. Depth=201 max=200');
  });

  it('fails an endless loop after the time limit, and the process goes on', async () => {
    const started = Date.now();
    const result = await run(output('{% ($f := function($x){ $f($x + 1) }; $f(0)) %}'), {}, { jsonataLimits: { timeoutMs: 100 } });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.cause).toContain('Expression evaluation timeout: 100ms. Check for infinite loop');
    expect((await run(output('{% 1 + 1 %}'))).output).toBe(2);
  });

  it('times each evaluation on its own: many at once do not push each other over the limit', async () => {
    const machine = compileStateMachine(output('{% $count($map([1..20000], function($v){ $v + 1 })) %}'), { jsonataLimits: { timeoutMs: 700 } });
    const runs = Array.from({ length: 50 }, () => machine.start({}, { clock: createSimulatedClock(START_MS) }));
    const results = await Promise.all(runs);
    expect(results.map((result) => result.status)).toEqual(Array(50).fill('SUCCEEDED'));
  });

  it('a failure is a States.QueryEvaluationError a Catch can route', async () => {
    const definition: Json = {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Output: '{% $sum([1..100000000]) %}', End: true } } }],
          Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', Output: '{% $states.input.Error %}', End: true },
      },
    };
    expect((await run(definition)).output).toBe('States.QueryEvaluationError');
  });
});

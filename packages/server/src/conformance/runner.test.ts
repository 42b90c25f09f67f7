import { DefinitionError, systemClock } from '@flowgate/core';
import type { CompileOptions, ExecutionResult, Json, StartOptions, StateMachine } from '@flowgate/core';
import { describe, expect, it } from 'vitest';
import { parseCase } from './case-file.js';
import type { ConformanceCase } from './case-file.js';
import { runCase, runCases, runModeOf } from './runner.js';

function makeCase(fields: Record<string, unknown> = {}): ConformanceCase {
  const c = {
    id: 'tests/x.py::T::test_pass',
    category: 'base',
    features: ['state:Pass'],
    execution: { runAs: 'ANY' },
    definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
    input: '{"a":1}',
    expected: { status: 'SUCCEEDED', output: { a: 1 }, placeholders: {} },
    ...fields,
  };
  return parseCase('case.json', JSON.stringify(c));
}

interface Call {
  definition: string;
  compileOptions: CompileOptions;
  input?: Json;
  startOptions?: StartOptions;
}

/** A stand-in engine: `outcome` decides what each execution returns. */
function fakeEngine(outcome: (input: Json, options: StartOptions) => Promise<Partial<ExecutionResult>>) {
  const calls: Call[] = [];
  const compile = (definition: string, compileOptions: CompileOptions): StateMachine => {
    const call: Call = { definition, compileOptions };
    calls.push(call);
    return {
      name: 'm',
      arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
      type: compileOptions.type ?? 'EXPRESS',
      definition: JSON.parse(definition) as never,
      async start(input, options = {}) {
        call.input = input;
        call.startOptions = options;
        const partial = await outcome(input, options);
        return { executionArn: 'e', stateMachineArn: 'm', name: 'n', status: 'SUCCEEDED', startDate: 0, stopDate: 0, input, ...partial };
      },
    };
  };
  return { compile, calls };
}

const echo = fakeEngine(async (input) => ({ output: input }));

describe('runCase', () => {
  it('passes when the outcome matches, giving the engine the definition text and the parsed input', async () => {
    const engine = fakeEngine(async (input) => ({ output: input }));
    const result = await runCase(makeCase(), { compile: engine.compile });
    expect(result).toMatchObject({ result: 'pass', mode: 'EXPRESS_SYNC', diffs: [] });
    expect(JSON.parse(engine.calls[0]?.definition ?? '')).toEqual(makeCase().definition);
    expect(engine.calls[0]?.input).toEqual({ a: 1 });
  });

  it('runs every execution on a simulated clock, with a task port and an abort signal', async () => {
    const engine = fakeEngine(async (input) => ({ output: input }));
    await runCase(makeCase(), { compile: engine.compile });
    const options = engine.calls[0]?.startOptions;
    expect(options?.clock).toBeDefined();
    expect(options?.clock).not.toBe(systemClock);
    expect(options?.taskPort).toBeDefined();
    expect(options?.signal).toBeInstanceOf(AbortSignal);
  });

  it('fails with the differences', async () => {
    const engine = fakeEngine(async () => ({ status: 'FAILED', error: 'States.Runtime', cause: 'x' }));
    const result = await runCase(makeCase(), { compile: engine.compile });
    expect(result.result).toBe('fail');
    expect(result.diffs.map((d) => d.path)).toEqual(['status', 'output']);
    expect(result.actual).toEqual({ status: 'FAILED', error: 'States.Runtime', cause: 'x' });
  });

  it('fails, without throwing, when the engine throws', async () => {
    const compile = (): StateMachine => {
      throw new Error('not yet implemented');
    };
    const result = await runCase(makeCase(), { compile });
    expect(result).toMatchObject({ result: 'fail', diffs: [{ path: 'run', actual: 'Error: not yet implemented' }] });
  });

  it('picks machine type and mode from runAs, else from the type option', async () => {
    expect(runModeOf(makeCase())).toBe('EXPRESS_SYNC');
    expect(runModeOf(makeCase(), 'STANDARD')).toBe('STANDARD');
    expect(runModeOf(makeCase({ execution: { runAs: 'EXPRESS_ASYNC' } }), 'STANDARD')).toBe('EXPRESS_ASYNC');
    const engine = fakeEngine(async (input) => ({ output: input }));
    await runCase(makeCase({ execution: { runAs: 'STANDARD' } }), { compile: engine.compile });
    await runCase(makeCase({ execution: { runAs: 'EXPRESS_ASYNC' } }), { compile: engine.compile });
    expect(engine.calls.map((c) => [c.compileOptions.type, c.startOptions?.mode])).toEqual([
      ['STANDARD', 'STANDARD'],
      ['EXPRESS', 'EXPRESS_ASYNC'],
    ]);
  });

  describe('validation cases', () => {
    const message = "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at /States/S/Credentials'";
    const validation = makeCase({ category: 'validation', input: undefined, expected: { createError: { code: 'InvalidDefinition', message }, placeholders: {} } });

    it('pass when compiling throws the expected DefinitionError', async () => {
      const compile = (): StateMachine => {
        throw new DefinitionError([{ pointer: '/States/S/Credentials', code: 'SCHEMA_VALIDATION_FAILED', message: "The field 'RoleArn' is required but was missing" }]);
      };
      expect(await runCase(validation, { compile })).toMatchObject({ result: 'pass', diffs: [] });
    });

    it('fail when the definition is accepted', async () => {
      const result = await runCase(validation, { compile: echo.compile });
      expect(result).toMatchObject({ result: 'fail', actual: 'created', diffs: [{ path: 'error' }] });
    });
  });

  it('compares a rejected start with startError', async () => {
    const c = makeCase({ input: '{not json', expected: { startError: { code: 'InvalidExecutionInput', message: null }, placeholders: {} } });
    expect(await runCase(c, { compile: echo.compile })).toMatchObject({ result: 'pass', actual: { code: 'InvalidExecutionInput' } });
  });

  it('skips by rule unless the rule is included', async () => {
    const c = makeCase({ category: 'lambda' });
    expect(await runCase(c, { compile: echo.compile })).toMatchObject({ result: 'skip', reason: 'needs a Task state runner (use --include-task)' });
    expect(await runCase(c, { compile: echo.compile, include: new Set(['task']) })).toMatchObject({ result: 'pass' });
  });

  it('fails a case that hangs after the timeout and aborts its execution', async () => {
    let seen: AbortSignal | undefined;
    const engine = fakeEngine((_input, options) => {
      seen = options.signal;
      return new Promise(() => {});
    });
    const result = await runCase(makeCase(), { compile: engine.compile, timeoutMs: 30 });
    expect(result.result).toBe('fail');
    expect(result.diffs[0]?.actual).toMatch(/^CaseTimeout: no result after 0.03 s/);
    expect(seen?.aborted).toBe(true);
  });
});

describe('runCases', () => {
  it('keeps at most `concurrency` cases in flight and returns results in case order', async () => {
    let inFlight = 0;
    let peak = 0;
    const engine = fakeEngine(async (input) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return { output: input };
    });
    const cases = Array.from({ length: 7 }, (_, i) => makeCase({ id: `case-${i}` }));
    const seen: string[] = [];
    const results = await runCases(cases, { compile: engine.compile, concurrency: 2 }, (r) => seen.push(r.id));
    expect(peak).toBe(2);
    expect(results.map((r) => r.id)).toEqual(cases.map((c) => c.id));
    expect(seen.sort()).toEqual(cases.map((c) => c.id).sort());
  });
});

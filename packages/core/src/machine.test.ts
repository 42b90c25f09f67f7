/**
 * compileStateMachine and StateMachine.start: definitions in and out, the execution result,
 * the execution timeout, the express limit, aborting, the context object, input parsing and
 * hostile keys. Everything runs on a simulated clock.
 */
import { describe, expect, it } from 'vitest';
import { DefinitionError, EngineError, ExecutionStopper, compileStateMachine, createSimulatedClock, parseExecutionInput, validateStateMachine } from './index.js';
import type { Diagnostic, Json, JsonObject } from './index.js';
import { START_MS, execute, never, recordingPort, sleep, taskMachine, typesOf } from '../test/support.js';

const PASS: Json = { StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } };
const waitFor = (seconds: number, top: Record<string, Json> = {}): Json => ({
  ...top,
  StartAt: 'Wait',
  States: { Wait: { Type: 'Wait', Seconds: seconds, End: true } },
});
const CONTEXT_DUMP: Json = { StartAt: 'Dump', States: { Dump: { Type: 'Pass', Parameters: { 'context.$': '$$' }, End: true } } };

describe('compileStateMachine', () => {
  it('accepts a definition as JSON text or as a value', async () => {
    const fromText = compileStateMachine(JSON.stringify(PASS));
    const fromValue = compileStateMachine(PASS);
    expect(fromText.definition).toEqual(PASS);
    const clock = createSimulatedClock(START_MS);
    expect((await fromText.start({ a: 1 }, { clock })).output).toEqual({ a: 1 });
    expect((await fromValue.start({ a: 1 }, { clock })).output).toEqual({ a: 1 });
  });

  it('names the machine as told, with AWS-shaped defaults', () => {
    const machine = compileStateMachine(PASS);
    expect(machine).toMatchObject({ name: 'flowgate', type: 'EXPRESS', arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:flowgate' });
    const named = compileStateMachine(PASS, { name: 'orders', type: 'STANDARD' });
    expect(named).toMatchObject({ name: 'orders', type: 'STANDARD', arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:orders' });
    const explicit = compileStateMachine(PASS, { arn: 'arn:aws:states:eu-west-1:111111111111:stateMachine:other' });
    expect(explicit.arn).toBe('arn:aws:states:eu-west-1:111111111111:stateMachine:other');
  });

  it('does not freeze or change the caller’s definition object', async () => {
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', Result: { list: [1, 2] }, End: true } } };
    const machine = compileStateMachine(definition);
    await machine.start({}, { clock: createSimulatedClock(START_MS) });
    expect(Object.isFrozen(definition.States.P.Result)).toBe(false);
    definition.States.P.Result.list.push(3);
    const { output } = await machine.start({}, { clock: createSimulatedClock(START_MS) });
    expect(output).toEqual({ list: [1, 2] });
  });

  it('runs many independent executions of one compiled machine', async () => {
    const machine = compileStateMachine({
      StartAt: 'Add',
      States: { Add: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, End: true } },
    });
    const clock = createSimulatedClock(START_MS);
    const results = await Promise.all([1, 2, 3].map((a) => machine.start({ a, b: 10 }, { clock })));
    expect(results.map((result) => result.output)).toEqual([{ sum: 11 }, { sum: 12 }, { sum: 13 }]);
  });
});

describe('invalid definitions', () => {
  const problems = (definition: Json | string): Diagnostic[] => {
    try {
      compileStateMachine(definition);
    } catch (error) {
      expect(error).toBeInstanceOf(DefinitionError);
      const definitionError = error as DefinitionError;
      expect(definitionError.code).toBe('InvalidDefinition');
      expect(definitionError.message).toMatch(/^Invalid State Machine Definition: '/);
      expect(validateStateMachine(definition)).toEqual(definitionError.diagnostics);
      return [...definitionError.diagnostics];
    }
    throw new Error('expected a DefinitionError');
  };

  it('reports an unknown field', () => {
    expect(problems({ StartAt: 'A', States: { A: { Type: 'Pass', Bogus: 1, End: true } } })).toEqual([
      { code: 'SCHEMA_VALIDATION_FAILED', message: "Field 'Bogus' is not supported", pointer: '/States/A' },
    ]);
  });

  it('reports a bad path', () => {
    const [problem, ...rest] = problems({ StartAt: 'A', States: { A: { Type: 'Pass', InputPath: '$.[', End: true } } });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'SCHEMA_VALIDATION_FAILED', pointer: '/States/A/InputPath' });
    expect(problem?.message).toMatch(/^The value for the field 'InputPath' must be a valid JSONPath/);
  });

  it('reports a ResultPath that is not a reference path', () => {
    const [problem] = problems({ StartAt: 'A', States: { A: { Type: 'Pass', ResultPath: '$.a[*]', End: true } } });
    expect(problem).toMatchObject({ code: 'SCHEMA_VALIDATION_FAILED', pointer: '/States/A/ResultPath' });
  });

  it('reports a bad intrinsic function call', () => {
    for (const call of ['States.Format(', 'States.NoSuchFunction(1)', 'States.Array(1,,2)']) {
      expect(problems({ StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'x.$': call }, End: true } } }), call).toEqual([
        {
          code: 'SCHEMA_VALIDATION_FAILED',
          message: "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call",
          pointer: '/States/A/Parameters',
        },
      ]);
    }
  });

  it('reports a missing Next target', () => {
    expect(problems({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, C: { Type: 'Succeed' } } })).toContainEqual({
      code: 'MISSING_TRANSITION_TARGET',
      message: "Missing 'Next' target: B",
      pointer: '/States/A/Next',
    });
  });

  it('reports an unreachable state', () => {
    expect(problems({ StartAt: 'A', States: { A: { Type: 'Pass', End: true }, B: { Type: 'Pass', End: true } } })).toEqual([
      { code: 'MISSING_TRANSITION_TARGET', message: 'State "B" is not reachable.', pointer: '/States/B' },
    ]);
  });

  it('reports several problems at once', () => {
    const found = problems({ StartAt: 'A', States: { A: { Type: 'Pass', Bogus: 1, InputPath: 7, Next: 'Z' } } });
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(new Set(found.map((problem) => problem.pointer))).toEqual(new Set(['/States/A', '/States/A/InputPath', '/States/A/Next', '']));
  });

  it('reports malformed JSON text', () => {
    expect(problems('{"StartAt": ')).toEqual([expect.objectContaining({ code: 'INVALID_JSON_DESCRIPTION', pointer: '' })]);
  });

  it('never crashes on garbage: always a DefinitionError with diagnostics', () => {
    const garbage: (Json | string)[] = [
      null, 0, -1, 'text', '', '[]', 'null', '{', [], [PASS], {}, { States: 1 }, { StartAt: 1, States: {} }, { StartAt: 'A' },
      { StartAt: 'A', States: [] }, { StartAt: 'A', States: { A: null } }, { StartAt: 'A', States: { A: { Type: 'Nope' } } },
      { StartAt: 'A', States: { A: { Type: 'Map' } } }, { StartAt: 'A', States: { A: { Type: 'Map', ItemProcessor: 5, End: true } } },
      { StartAt: 'A', States: { A: { Type: 'Parallel', Branches: [null, {}, { StartAt: 'X', States: null }], End: true } } },
      { StartAt: 'A', States: { A: { Type: 'Choice', Choices: [null, { Not: null }, { And: 'x' }], Default: 5 } } },
      { StartAt: 'A', States: { A: { Type: 'Task', Resource: 5, Retry: [null, { ErrorEquals: 'x' }], Catch: {}, End: true } } },
      { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 'x', Timestamp: 5, End: true } } },
      { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'a.$': 5, 'b.$': null, 'c.$': {} }, End: true } } },
      { StartAt: 'A', States: { A: { Type: 'Fail', ErrorPath: 5, CausePath: '$..[' } } },
      { StartAt: 'A', QueryLanguage: 'Nope', States: { A: { Type: 'Pass', End: true } } },
    ];
    for (const definition of garbage) {
      const found = problems(definition);
      expect(found.length, JSON.stringify(definition)).toBeGreaterThan(0);
      for (const problem of found) {
        expect(typeof problem.pointer).toBe('string');
        expect(typeof problem.code).toBe('string');
        expect(typeof problem.message).toBe('string');
      }
    }
  });

  it('never crashes on randomly damaged definitions', () => {
    // A seeded generator (mulberry32), so that any failure reproduces.
    let seed = 0x5eed;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const values: Json[] = [null, true, 0, -5, 1.5, '', '$', '$.x', '$$', 'States.Array(', 'Pass', 'Task', 'Map', 'End', [], {}, [null], { Type: 'Pass' }];
    const base: Json = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'a.$': '$.a' }, Retry: [{ ErrorEquals: ['States.ALL'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }], Next: 'C' },
        C: { Type: 'Choice', Choices: [{ Variable: '$.a', NumericGreaterThan: 1, Next: 'M' }], Default: 'P' },
        M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, Next: 'W' },
        W: { Type: 'Wait', Seconds: 1, Next: 'P' },
        P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Succeed' } } }], End: true },
        F: { Type: 'Fail', Error: 'E' },
      },
    };
    for (let round = 0; round < 400; round++) {
      const copy = JSON.parse(JSON.stringify(base)) as Json;
      let node: Json = copy;
      for (let depth = 0; depth < 8 && node !== null && typeof node === 'object'; depth++) {
        const keys = Array.isArray(node) ? node.map((_, index) => String(index)) : Object.keys(node);
        const key = keys[Math.floor(random() * keys.length)];
        if (key === undefined) break;
        const container = node as Record<string, Json>;
        if (random() < 0.3) {
          container[key] = values[Math.floor(random() * values.length)] ?? null;
          break;
        }
        node = container[key] ?? null;
      }
      try {
        compileStateMachine(copy);
      } catch (error) {
        expect(error, JSON.stringify(copy)).toBeInstanceOf(DefinitionError);
        expect((error as DefinitionError).diagnostics.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('the execution result', () => {
  it('is shaped like the StartSyncExecution response', async () => {
    const { result } = await execute(waitFor(3), { in: 1 }, { name: 'orders', start: { executionName: 'run-1', mode: 'STANDARD' } });
    expect(result).toEqual({
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:orders:run-1',
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:orders',
      name: 'run-1',
      status: 'SUCCEEDED',
      startDate: START_MS,
      stopDate: START_MS + 3000,
      input: { in: 1 },
      output: { in: 1 },
    });
  });

  it('has error and cause, and no output, when the execution fails', async () => {
    const { result } = await execute({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } } });
    expect(result).toMatchObject({ status: 'FAILED', error: 'E', cause: 'C' });
    expect(result).not.toHaveProperty('output');
  });

  it('draws the execution name from the given randomness when none is given', async () => {
    const machine = compileStateMachine(PASS, { type: 'STANDARD' });
    const run = (): Promise<string> => machine.start({}, { clock: createSimulatedClock(START_MS), random: () => 0.5 }).then((result) => result.name);
    const [first, second] = await Promise.all([run(), run()]);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).toBe(first);
  });
});

describe('execution TimeoutSeconds', () => {
  it('times out a STANDARD execution that runs too long', async () => {
    const { result, events, elapsedMs, clock } = await execute(waitFor(60, { TimeoutSeconds: 10 }), {}, { type: 'STANDARD' });
    expect(result.status).toBe('TIMED_OUT');
    expect(result.error).toBe('States.Timeout');
    expect(result).not.toHaveProperty('output');
    expect(elapsedMs).toBe(10_000);
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionTimedOut']);
    expect(events.at(-1)).toMatchObject({ previousEventId: 0, timestamp: START_MS + 10_000 });
    expect(clock.pending()).toBe(0);
  });

  it('lets an execution finish within its TimeoutSeconds', async () => {
    const { result } = await execute(waitFor(9, { TimeoutSeconds: 10 }), {}, { type: 'STANDARD' });
    expect(result.status).toBe('SUCCEEDED');
  });

  it('a STANDARD execution without TimeoutSeconds has no limit', async () => {
    const { result, elapsedMs } = await execute(waitFor(86_400), {}, { type: 'STANDARD' });
    expect(result.status).toBe('SUCCEEDED');
    expect(elapsedMs).toBe(86_400_000);
  });

  it('times out while a task is in flight, with status TIMED_OUT (not a task failure)', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => never());
    const definition = taskMachine({ Retry: [{ ErrorEquals: ['States.ALL'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] }, { Caught: { Type: 'Pass', End: true } }, { TimeoutSeconds: 10 });
    const { result, events, elapsedMs } = await execute(definition, {}, { type: 'STANDARD', clock, taskPort: port });
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(elapsedMs).toBe(10_000);
    expect(port.calls).toHaveLength(1);
    expect(port.calls[0]?.signal.aborted).toBe(true);
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'ExecutionTimedOut']);
    expect(clock.pending()).toBe(0);
  });

  it('times out during a retry back-off', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => Promise.reject(new Error('fails')));
    const definition = taskMachine({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 30 }] }, {}, { TimeoutSeconds: 10 });
    const { result, elapsedMs } = await execute(definition, {}, { type: 'STANDARD', clock, taskPort: port });
    expect(result.status).toBe('TIMED_OUT');
    expect(elapsedMs).toBe(10_000);
    expect(port.calls).toHaveLength(1);
  });
});

describe('the EXPRESS five-minute limit', () => {
  it('stops an EXPRESS execution at 300 s', async () => {
    const { result, elapsedMs } = await execute(waitFor(1000));
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(elapsedMs).toBe(300_000);
  });

  it('applies to asynchronous EXPRESS executions too', async () => {
    const { result, elapsedMs } = await execute(waitFor(1000), {}, { start: { mode: 'EXPRESS_ASYNC' } });
    expect(result.status).toBe('TIMED_OUT');
    expect(elapsedMs).toBe(300_000);
  });

  it('a shorter TimeoutSeconds wins, a longer one does not', async () => {
    expect((await execute(waitFor(1000, { TimeoutSeconds: 20 }))).elapsedMs).toBe(20_000);
    expect((await execute(waitFor(1000, { TimeoutSeconds: 900 }))).elapsedMs).toBe(300_000);
  });

  it('stops a task that is still running at 300 s', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, () => never());
    const { result, elapsedMs } = await execute(taskMachine({}), {}, { clock, taskPort: port });
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(elapsedMs).toBe(300_000);
  });

  it('lets an execution of 299 s succeed', async () => {
    expect((await execute(waitFor(299))).result.status).toBe('SUCCEEDED');
  });
});

describe('aborting through an AbortSignal', () => {
  it('stops a waiting execution with status ABORTED', async () => {
    const clock = createSimulatedClock(START_MS);
    const controller = new AbortController();
    clock.setTimer(5000, () => controller.abort());
    const { result, events, elapsedMs } = await execute(waitFor(60), {}, { clock, start: { signal: controller.signal } });
    expect(result.status).toBe('ABORTED');
    expect(result).not.toHaveProperty('error');
    expect(elapsedMs).toBe(5000);
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted']);
    expect(clock.pending()).toBe(0);
  });

  it('stops a running task and tells its port', async () => {
    const clock = createSimulatedClock(START_MS);
    const controller = new AbortController();
    clock.setTimer(2000, () => controller.abort());
    const port = recordingPort(clock, () => never());
    const definition = taskMachine({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] }, { Caught: { Type: 'Pass', End: true } });
    const { result, events, elapsedMs } = await execute(definition, {}, { clock, taskPort: port, type: 'STANDARD', start: { signal: controller.signal } });
    expect(result.status).toBe('ABORTED');
    expect(elapsedMs).toBe(2000);
    expect(port.calls[0]?.signal.aborted).toBe(true);
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'ExecutionAborted']);
    expect(clock.pending()).toBe(0);
  });

  it('an already aborted signal stops the execution before its first state', async () => {
    const { result, events } = await execute(waitFor(1), {}, { start: { signal: AbortSignal.abort() } });
    expect(result.status).toBe('ABORTED');
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'ExecutionAborted']);
  });

  it('aborting after the end changes nothing', async () => {
    const controller = new AbortController();
    const { result } = await execute(waitFor(1), {}, { start: { signal: controller.signal } });
    controller.abort();
    expect(result.status).toBe('SUCCEEDED');
  });
});

describe('stopping through an ExecutionStopper', () => {
  it('stops a waiting execution with status ABORTED', async () => {
    const clock = createSimulatedClock(START_MS);
    const stopper = new ExecutionStopper();
    clock.setTimer(5000, () => stopper.stop());
    const { result, events, elapsedMs } = await execute(waitFor(60), {}, { clock, start: { stopper } });
    expect(result.status).toBe('ABORTED');
    expect(elapsedMs).toBe(5000);
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted']);
    expect(clock.pending()).toBe(0);
  });

  it('stops a running task and tells its port', async () => {
    const clock = createSimulatedClock(START_MS);
    const stopper = new ExecutionStopper();
    clock.setTimer(2000, () => stopper.stop());
    const port = recordingPort(clock, () => never());
    const { result } = await execute(taskMachine({}), {}, { clock, taskPort: port, type: 'STANDARD', start: { stopper } });
    expect(result.status).toBe('ABORTED');
    expect(port.calls[0]?.signal.aborted).toBe(true);
  });

  it('a stop asked for before the start stops the execution before its first state', async () => {
    const stopper = new ExecutionStopper();
    stopper.stop();
    const { result, events } = await execute(waitFor(1), {}, { start: { stopper } });
    expect(result.status).toBe('ABORTED');
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'ExecutionAborted']);
  });

  it('stopping after the end changes nothing', async () => {
    const stopper = new ExecutionStopper();
    const { result } = await execute(waitFor(1), {}, { start: { stopper } });
    stopper.stop();
    expect(result.status).toBe('SUCCEEDED');
  });
});

describe('the context object', () => {
  const contextOf = async (options: Parameters<typeof execute>[2]): Promise<JsonObject> => {
    const { result } = await execute(CONTEXT_DUMP, { in: 1 }, options);
    return (result.output as JsonObject).context as JsonObject;
  };

  it('of a STANDARD execution has RedriveCount and an :execution: ARN', async () => {
    const context = await contextOf({ type: 'STANDARD', name: 'm', start: { executionName: 'e1', roleArn: 'arn:aws:iam::123456789012:role/r' } });
    expect(context).toEqual({
      Execution: {
        Id: 'arn:aws:states:us-east-1:123456789012:execution:m:e1',
        Input: { in: 1 },
        StartTime: '2026-01-01T00:00:00.000Z',
        Name: 'e1',
        RoleArn: 'arn:aws:iam::123456789012:role/r',
        RedriveCount: 0,
      },
      StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:m', Name: 'm' },
      State: { Name: 'Dump', EnteredTime: '2026-01-01T00:00:00.000Z' },
    });
  });

  it('of a synchronous EXPRESS execution has no RedriveCount and an :express: ARN', async () => {
    const context = await contextOf({ name: 'm', start: { executionName: 'e1', random: () => 0 } });
    const execution = context.Execution as JsonObject;
    expect(execution).not.toHaveProperty('RedriveCount');
    expect(execution.Id).toBe('arn:aws:states:us-east-1:123456789012:express:m:e1:00000000-0000-4000-8000-000000000000');
    expect(execution.Name).toBe('e1');
  });

  it('of an asynchronous EXPRESS execution has RedriveCount and an :express: ARN', async () => {
    const context = await contextOf({ name: 'm', start: { executionName: 'e1', mode: 'EXPRESS_ASYNC' } });
    const execution = context.Execution as JsonObject;
    expect(execution.RedriveCount).toBe(0);
    expect(execution.Id).toMatch(/^arn:aws:states:us-east-1:123456789012:express:m:e1:[0-9a-f-]{36}$/);
  });

  it('has the time each state was entered', async () => {
    const definition: Json = {
      StartAt: 'Wait',
      States: { Wait: { Type: 'Wait', Seconds: 90, Next: 'Dump' }, Dump: { Type: 'Pass', Parameters: { 'state.$': '$$.State', 'start.$': '$$.Execution.StartTime' }, End: true } },
    };
    const { result } = await execute(definition);
    expect(result.output).toEqual({ state: { Name: 'Dump', EnteredTime: '2026-01-01T00:01:30.000Z' }, start: '2026-01-01T00:00:00.000Z' });
  });

  it('uses an explicit execution ARN as its Id', async () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:execution:m:custom';
    const context = await contextOf({ start: { executionArn: arn } });
    expect((context.Execution as JsonObject).Id).toBe(arn);
  });
});

describe('hostile keys in data and templates', () => {
  const hostileInput = parseExecutionInput('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "plain": 1}');

  it('__proto__ and constructor in the input stay plain keys', async () => {
    const { result } = await execute(PASS, hostileInput);
    expect(JSON.stringify(result.output)).toBe('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"plain":1}');
    expect(Object.getPrototypeOf(result.output)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('paths read __proto__ and constructor as plain keys', async () => {
    const definition = '{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"p.$":"$.__proto__.polluted","c.$":"$.constructor"},"End":true}}}';
    const { result } = await execute(definition, hostileInput);
    expect(JSON.stringify(result.output)).toBe('{"p":true,"c":{"prototype":{"polluted":true}}}');
  });

  it('a path to an inherited property such as constructor finds nothing', async () => {
    const definition: Json = { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'c.$': '$.constructor' }, End: true } } };
    const { result } = await execute(definition, {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('__proto__ and constructor keys in Parameters templates stay plain keys', async () => {
    const definition =
      '{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"nested":{"__proto__.$":"$.plain"},"x.$":"$.plain"},"End":true}}}';
    const { result } = await execute(definition, { plain: 7 });
    expect(JSON.stringify(result.output)).toBe('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"nested":{"__proto__":7},"x":7}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a ResultPath of $.__proto__ writes a plain key', async () => {
    const definition = '{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"polluted":true},"ResultPath":"$.__proto__","End":true}}}';
    const { result } = await execute(definition, { plain: 1 });
    expect(JSON.stringify(result.output)).toBe('{"plain":1,"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseExecutionInput', () => {
  it('parses JSON text and treats absent input as {}', () => {
    expect(parseExecutionInput('{"a":[1,"x",null]}')).toEqual({ a: [1, 'x', null] });
    expect(parseExecutionInput('7')).toBe(7);
    expect(parseExecutionInput(undefined)).toEqual({});
  });

  it('refuses malformed JSON with EngineError InvalidExecutionInput', () => {
    for (const text of ['{', '', "{'a': 1}", '{"a": 1,}', 'undefined', '[1, 2']) {
      let thrown: unknown;
      try {
        parseExecutionInput(text);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, text).toBeInstanceOf(EngineError);
      expect((thrown as EngineError).code).toBe('InvalidExecutionInput');
      expect((thrown as EngineError).message).toMatch(/^Invalid State Machine Execution Input: '/);
    }
  });
});

describe('a task port that answers through the clock', () => {
  it('sees the simulated time pass', async () => {
    const clock = createSimulatedClock(START_MS);
    const port = recordingPort(clock, async () => {
      await sleep(clock, 1500);
      return clock.now() - START_MS;
    });
    const { result } = await execute(taskMachine({}), {}, { clock, taskPort: port });
    expect(result.output).toBe(1500);
  });
});

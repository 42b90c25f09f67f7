import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { FunctionDefinition, FunctionRunner, InvocationOutcome } from '../function-runner.js';
import { describeFunctionRunner } from '../function-runner.suite.js';
import { createNodeFunctionRunner } from './node-function-runner.js';
import type { NodeFunctionRunnerOptions } from './node-function-runner.js';

const FIXTURES = fileURLToPath(new URL('../../../test-fixtures/functions/node/', import.meta.url));

function fixture(folder: string, handler: string, overrides: Partial<FunctionDefinition> = {}): FunctionDefinition {
  return { name: `${folder}-${handler.replace(/\W/g, '-')}`, kind: 'nodejs', handler, codeDirectory: join(FIXTURES, folder), timeoutSeconds: 5, memoryMb: 128, ...overrides };
}

const quiet = (definition: FunctionDefinition): FunctionRunner => createNodeFunctionRunner(definition, { onLog: () => undefined });

describeFunctionRunner('node worker threads', quiet, {
  echo: () => fixture('echo', 'index.handler', { environment: { FLOWGATE_TEST_VALUE: 'from-config' } }),
  throws: () => fixture('failures', 'index.throws'),
  sleeps: () => fixture('failures', 'index.sleeps', { timeoutSeconds: 1 }),
  loops: () => fixture('failures', 'index.loops', { timeoutSeconds: 1 }),
  exits: () => fixture('failures', 'index.exits'),
});

const runners: FunctionRunner[] = [];
afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.close()));
});

function start(definition: FunctionDefinition, options: NodeFunctionRunnerOptions = { onLog: () => undefined }): FunctionRunner {
  const runner = createNodeFunctionRunner(definition, options);
  runners.push(runner);
  return runner;
}

function invoke(runner: FunctionRunner, event: unknown = {}, extra: { signal?: AbortSignal; clientContext?: string } = {}): Promise<InvocationOutcome> {
  return runner.invoke({
    payload: JSON.stringify(event),
    requestId: randomUUID(),
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:under-test',
    signal: extra.signal ?? new AbortController().signal,
    ...(extra.clientContext === undefined ? {} : { clientContext: extra.clientContext }),
  });
}

const parsed = (outcome: InvocationOutcome): unknown => JSON.parse(outcome.payload);

describe('node function runner: handler styles', () => {
  it('runs a TypeScript handler with types, local imports and a package from node_modules', async () => {
    const runner = start(fixture('typescript', 'src/app.lambdaHandler'));
    const outcome = await invoke(runner, { name: 'Ada', items: [{ price: 2.5, quantity: 2 }, { price: 1, quantity: 3 }] });
    expect(outcome.functionError).toBeUndefined();
    expect(parsed(outcome)).toMatchObject({ greeting: { text: 'Hello, Ada!', length: 11 }, total: 8, status: 'PRICED' });
    // import.meta.url is the source's own, not the transpiled copy's.
    expect((parsed(outcome) as { here: string }).here).toMatch(/\/typescript\/src\/app\.ts$/);
  });

  it("reports a TypeScript handler's error with a trace through its source", async () => {
    const outcome = await invoke(start(fixture('typescript', 'src/app.fails')));
    expect(outcome.functionError).toBe('Handled');
    const error = parsed(outcome) as { errorType: string; errorMessage: string; trace: string[] };
    expect(error).toMatchObject({ errorType: 'RangeError', errorMessage: 'typed failure' });
    expect(error.trace.join('\n')).toMatch(/app\.ts:\d+/);
  });

  it('runs CommonJS callback handlers: result, error, nested member, first answer wins', async () => {
    expect(parsed(await invoke(start(fixture('callback', 'index.result')), { n: 21 }))).toEqual({ doubled: 42 });
    const failed = await invoke(start(fixture('callback', 'index.error')));
    expect(failed.functionError).toBe('Handled');
    expect(parsed(failed)).toMatchObject({ errorType: 'ValidationError', errorMessage: 'refused by callback' });
    expect(parsed(await invoke(start(fixture('callback', 'index.nested.deeper.handler'))))).toBe('nested member');
    expect(parsed(await invoke(start(fixture('callback', 'index.firstAnswerWins'))))).toBe('first');
    expect(parsed(await invoke(start(fixture('callback', 'index.legacySucceed'))))).toBe('via context.succeed');
  });

  it('answers a callback once the event loop is empty, unless the function says not to wait', async () => {
    const waiting = start(fixture('callback', 'index.waitsForEventLoop'));
    await invoke(waiting); // warm up, so the timing below is the handler's alone
    let started = Date.now();
    // The answer is serialised when sent, after the timer ran: proof that the runner waited.
    expect(parsed(await invoke(waiting))).toEqual({ timerFired: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    const eager = start(fixture('callback', 'index.doesNotWait'));
    await invoke(eager);
    started = Date.now();
    expect(parsed(await invoke(eager))).toBe('answered at once');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('answers null for a handler that neither returns a promise nor calls back', async () => {
    const outcome = await invoke(start(fixture('callback', 'index.neverAnswers')));
    expect(outcome).toMatchObject({ payload: 'null' });
    expect(outcome.functionError).toBeUndefined();
  });

  it('runs an ES module .js file and answers undefined as null', async () => {
    expect(parsed(await invoke(start(fixture('esm', 'index.moduleKind'))))).toEqual({ isModule: true, url: true });
    expect((await invoke(start(fixture('esm', 'index.nothing')))).payload).toBe('null');
  });

  it('keeps a warm worker between invocations (module state survives)', async () => {
    const runner = start(fixture('esm', 'index.counter'));
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(parsed(await invoke(runner)) as { invocations: number; loadedAt: number });
    expect(answers.map((a) => a.invocations)).toEqual([1, 2, 3]);
    expect(new Set(answers.map((a) => a.loadedAt)).size).toBe(1);
  });
});

describe('node function runner: errors as Lambda reports them', () => {
  const failures = (name: string, overrides: Partial<FunctionDefinition> = {}) => start(fixture('failures', `index.${name}`, overrides));

  it('reports throws of non-Errors and empty rejections the way the Node.js runtime does', async () => {
    const thrownString = await invoke(failures('throwsString'));
    expect(thrownString.functionError).toBe('Handled');
    expect(parsed(thrownString)).toEqual({ errorType: 'string', errorMessage: 'boom', trace: [] });
    expect(parsed(await invoke(failures('rejectsEmpty')))).toEqual({ errorType: 'string', errorMessage: 'handled', trace: [] });
    const sync = await invoke(failures('throwsSync'));
    expect(parsed(sync)).toMatchObject({ errorType: 'TypeError', errorMessage: 'not a number', trace: expect.arrayContaining([expect.stringContaining('TypeError: not a number')]) as unknown });
  });

  it('fails a result that cannot be serialised, and one beyond 6 MB', async () => {
    const circular = await invoke(failures('circular'));
    expect(circular.functionError).toBe('Unhandled');
    expect(parsed(circular)).toMatchObject({ errorType: 'Error', errorMessage: 'Unable to stringify response body' });
    const large = await invoke(failures('tooLarge'));
    expect(large.functionError).toBe('Unhandled');
    expect(parsed(large)).toEqual({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size (7340034 bytes) exceeded maximum allowed payload size (6291556 bytes).',
    });
  });

  it('fails the invocation on an uncaught exception in a timer, then serves the next one', async () => {
    const runner = failures('uncaught');
    for (let i = 0; i < 2; i += 1) {
      const outcome = await invoke(runner);
      expect(outcome.functionError).toBe('Unhandled');
      expect(parsed(outcome)).toMatchObject({ errorType: 'Error', errorMessage: 'thrown from a timer' });
    }
  });

  it('fails the invocation on an unhandled promise rejection, then serves the next one', async () => {
    const runner = failures('unhandledRejection');
    for (let i = 0; i < 2; i += 1) {
      const outcome = await invoke(runner);
      expect(outcome.functionError).toBe('Unhandled');
      expect(parsed(outcome)).toMatchObject({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: nobody listens' });
    }
  });

  it('reports exit status 0 as an exit without a reason', async () => {
    const outcome = await invoke(failures('exitsCleanly'));
    expect(parsed(outcome)).toMatchObject({ errorType: 'Runtime.ExitError', errorMessage: expect.stringMatching(/Error: Runtime exited without providing a reason$/) as unknown });
  });

  it('reports init failures: missing export, non-function, missing module, bad handler string, top-level throw', async () => {
    const cases: Array<[FunctionDefinition, string, string | RegExp]> = [
      [fixture('failures', 'index.missing'), 'Runtime.HandlerNotFound', 'index.missing is undefined or not exported'],
      [fixture('failures', 'index.notAFunction'), 'Runtime.HandlerNotFound', 'index.notAFunction is not a function'],
      [fixture('failures', 'nowhere.handler'), 'Runtime.ImportModuleError', /Cannot find module 'nowhere'/],
      [fixture('failures', 'index'), 'Runtime.MalformedHandlerName', 'Bad handler'],
      [fixture('failures', '../index.throws'), 'Runtime.MalformedHandlerName', /is not a valid handler name/],
      [fixture('broken', 'top-level.handler'), 'Error', 'cannot start: missing configuration'],
    ];
    for (const [definition, errorType, errorMessage] of cases) {
      const outcome = await invoke(start(definition));
      expect(outcome.functionError, definition.handler).toBe('Unhandled');
      const error = parsed(outcome) as { errorType: string; errorMessage: string };
      expect(error.errorType, definition.handler).toBe(errorType);
      expect(error.errorMessage, definition.handler).toMatch(errorMessage);
    }
  });

  it('refuses an event that is not JSON as InvalidRequestContentException', async () => {
    const runner = start(fixture('echo', 'index.handler'));
    const call = { payload: '{not json', requestId: randomUUID(), invokedFunctionArn: 'arn', signal: new AbortController().signal };
    await expect(runner.invoke(call)).rejects.toMatchObject({ errorCode: 'InvalidRequestContentException', statusCode: 400 });
    expect((await invoke(runner, { ok: true })).functionError).toBeUndefined();
  });
});

describe('node function runner: logs', () => {
  it("captures the invocation's console output as Lambda's log tail and forwards every line", async () => {
    const lines: string[] = [];
    const runner = start(fixture('esm', 'index.logs', { name: 'logger' }), { onLog: (name, line) => lines.push(`${name}|${line}`) });
    const first = await invoke(runner, { who: 'tests' });
    const tail = first.logTail ?? '';
    expect(tail).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
    expect(tail).toMatch(/\t[0-9a-f-]{36}\tINFO\thello from tests \{ nested: \[ 1, 2 \] \}\n/);
    expect(tail).toMatch(/\tWARN\tcareful\n/);
    expect(tail).toMatch(/\tERROR\tlogged, not thrown\n/);
    expect(tail).toMatch(/END RequestId: [0-9a-f-]{36}\nREPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms\t\n$/);
    const second = await invoke(runner, { who: 'again' });
    expect(second.logTail).not.toMatch(/Init Duration/);
    await vi.waitFor(() => expect(lines).toContain('logger|raw stdout line'));
    expect(lines.some((line) => line.startsWith('logger|START RequestId:'))).toBe(true);
  });

  it('keeps the last 4 KB of a long log, cut at a character boundary', async () => {
    const outcome = await invoke(start(fixture('esm', 'index.chatty')));
    const tail = outcome.logTail ?? '';
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(tail)).toBeGreaterThan(4000);
    expect(tail).not.toContain('\uFFFD');
    expect(tail).toMatch(/line 199 /);
    expect(tail).toMatch(/REPORT RequestId: .*\n$/);
  });
});

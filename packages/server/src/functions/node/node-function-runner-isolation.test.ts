import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { FunctionDefinition, FunctionRunner, InvocationOutcome } from '../function-runner.js';
import { LambdaServiceError } from '../function-runner.js';
import { createNodeFunctionRunner } from './node-function-runner.js';

const FIXTURES = fileURLToPath(new URL('../../../test-fixtures/functions/node/', import.meta.url));

function fixture(folder: string, handler: string, overrides: Partial<FunctionDefinition> = {}): FunctionDefinition {
  return { name: `${folder}-${handler.replace(/\W/g, '-')}`, kind: 'nodejs', handler, codeDirectory: join(FIXTURES, folder), timeoutSeconds: 5, memoryMb: 128, ...overrides };
}

const runners: FunctionRunner[] = [];
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.close()));
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

function start(definition: FunctionDefinition, cacheDir?: string): FunctionRunner {
  const runner = createNodeFunctionRunner(definition, { onLog: () => undefined, ...(cacheDir === undefined ? {} : { cacheDir }) });
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

const parsed = (outcome: InvocationOutcome): Record<string, unknown> => JSON.parse(outcome.payload) as Record<string, unknown>;

async function temporaryCode(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'flowgate-node-runner-test-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  return folder;
}

describe('node function runner: limits', () => {
  it('ends a worker that exceeds its memory size as Runtime.OutOfMemory, then serves the next invocation', async () => {
    const runner = start(fixture('failures', 'index.allocates', { memoryMb: 32, timeoutSeconds: 20 }));
    const outcome = await invoke(runner);
    expect(outcome.functionError).toBe('Unhandled');
    expect(parsed(outcome)).toEqual({ errorType: 'Runtime.OutOfMemory', errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: signal: killed$/) as unknown });
    expect(outcome.logTail).toMatch(/Status: error\tError Type: Runtime.OutOfMemory/);
    expect(parsed(await invoke(runner))).toMatchObject({ errorType: 'Runtime.OutOfMemory' });
  }, 60_000);

  it('throttles invocations beyond maxConcurrency with TooManyRequestsException, and admits again after', async () => {
    const runner = start(fixture('failures', 'index.slow', { maxConcurrency: 2 }));
    const first = invoke(runner, { ms: 400 });
    const second = invoke(runner, { ms: 400 });
    const third = invoke(runner, { ms: 10 });
    await expect(third).rejects.toBeInstanceOf(LambdaServiceError);
    await expect(third).rejects.toMatchObject({ errorCode: 'TooManyRequestsException', message: 'Rate Exceeded.', statusCode: 429 });
    expect((await Promise.all([first, second])).map((o) => o.payload)).toEqual(['"done"', '"done"']);
    expect((await invoke(runner, { ms: 10 })).payload).toBe('"done"');
  });

  it('queues invocations beyond its worker count when no concurrency limit is set', async () => {
    const runner = createNodeFunctionRunner(fixture('failures', 'index.slow'), { onLog: () => undefined, maxWorkers: 1 });
    runners.push(runner);
    const started = Date.now();
    const outcomes = await Promise.all([invoke(runner, { ms: 200 }), invoke(runner, { ms: 200 })]);
    expect(outcomes.map((o) => o.payload)).toEqual(['"done"', '"done"']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('stops the code and rejects with an AbortError when the caller aborts, then runs again', async () => {
    const runner = start(fixture('failures', 'index.slow'));
    await invoke(runner, { ms: 1 });
    const controller = new AbortController();
    const pending = invoke(runner, { ms: 5_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect((await invoke(runner, { ms: 1 })).payload).toBe('"done"');
    await expect(invoke(runner, {}, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects invocations in flight and after close', async () => {
    const runner = createNodeFunctionRunner(fixture('failures', 'index.slow'), { onLog: () => undefined });
    const pending = invoke(runner, { ms: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await runner.close();
    await expect(pending).rejects.toMatchObject({ errorCode: 'ServiceException' });
    await expect(invoke(runner)).rejects.toMatchObject({ errorCode: 'ServiceException' });
  });
});

describe('node function runner: environment', () => {
  it("gives each function its own environment and Lambda's variables, none of the server's", async () => {
    process.env.FLOWGATE_SERVER_ONLY = 'secret';
    try {
      const a = start(fixture('esm', 'index.environment', { name: 'fn-a', environment: { FLOWGATE_TEST_VALUE: 'a' } }));
      const b = start(fixture('esm', 'index.environment', { name: 'fn-b', memoryMb: 256, environment: { FLOWGATE_TEST_VALUE: 'b', AWS_REGION: 'eu-west-1' } }));
      const clientContext = Buffer.from(JSON.stringify({ custom: { tenant: 't-1' } })).toString('base64');
      const seenByA = parsed(await invoke(a, {}, { clientContext }));
      const seenByB = parsed(await invoke(b));
      expect(seenByA).toMatchObject({
        value: 'a',
        functionName: 'fn-a',
        memorySize: '128',
        version: '$LATEST',
        region: 'us-east-1',
        defaultRegion: 'us-east-1',
        taskRoot: join(FIXTURES, 'esm'),
        handler: 'index.environment',
        tz: ':UTC',
        logGroupName: '/aws/lambda/fn-a',
        functionVersion: '$LATEST',
        memoryLimitInMB: '128',
        waits: true,
        clientContext: { custom: { tenant: 't-1' } },
      });
      expect(seenByA.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
      expect(seenByA.fromServer).toBeUndefined();
      expect(seenByB).toMatchObject({ value: 'b', functionName: 'fn-b', memorySize: '256', region: 'eu-west-1', defaultRegion: 'eu-west-1' });
      // A sets a variable in its own environment; B never sees it, and neither does the server.
      expect(seenByB.leakedFromOtherFunction).toBeUndefined();
      expect(parsed(await invoke(b)).leakedFromOtherFunction).toBe('fn-b');
      expect(parsed(await invoke(a)).leakedFromOtherFunction).toBe('fn-a');
      expect(process.env.SET_BY_OTHER_FUNCTION).toBeUndefined();
    } finally {
      delete process.env.FLOWGATE_SERVER_ONLY;
    }
  });

  it('rebuilds a TypeScript handler when its code changes, caching the build elsewhere', async () => {
    const code = await temporaryCode({ 'handler.ts': "export const handler = async (): Promise<string> => 'first';\n" });
    const cache = await temporaryCode({});
    const definition: FunctionDefinition = { name: 'edited', kind: 'nodejs', handler: 'handler.handler', codeDirectory: code, timeoutSeconds: 5, memoryMb: 128 };
    const before = start(definition, cache);
    expect((await invoke(before)).payload).toBe('"first"');
    await writeFile(join(code, 'handler.ts'), "export const handler = async (): Promise<string> => 'second';\n");
    const later = new Date(Date.now() + 5_000);
    await utimes(join(code, 'handler.ts'), later, later);
    // A warm worker keeps the code it loaded; a new environment loads the edit.
    expect((await invoke(before)).payload).toBe('"first"');
    expect((await invoke(start(definition, cache))).payload).toBe('"second"');
  });

  it('reports code that does not parse as Runtime.UserCodeSyntaxError, in JavaScript and TypeScript', async () => {
    const code = await temporaryCode({ 'plain.mjs': 'export const handler = async () => { return {; };\n', 'typed.ts': 'export const handler = (): number => 1 +;\n' });
    for (const handler of ['plain.handler', 'typed.handler']) {
      const outcome = await invoke(start({ name: handler.replace('.', '-'), kind: 'nodejs', handler, codeDirectory: code, timeoutSeconds: 5, memoryMb: 128 }));
      expect(outcome.functionError).toBe('Unhandled');
      expect(parsed(outcome).errorType, handler).toBe('Runtime.UserCodeSyntaxError');
    }
  });

  it('refuses a definition it cannot run', () => {
    expect(() => createNodeFunctionRunner({ ...fixture('echo', 'index.handler'), kind: 'python' })).toThrow(/cannot run a 'python' function/);
    const { handler: _handler, ...withoutHandler } = fixture('echo', 'index.handler');
    expect(() => createNodeFunctionRunner(withoutHandler)).toThrow(/needs a handler/);
  });
});

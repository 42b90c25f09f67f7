/**
 * How the runner manages its processes (reuse, replacement, concurrency, logs), shown with the
 * bash bootstrap of the fixtures; the Python runner's own behaviour is in its test file.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionDefinition, FunctionRunner, InvocationOutcome } from '../function-runner.js';
import { LambdaServiceError } from '../function-runner.js';
import { createProvidedFunctionRunner } from './provided-function-runner.js';
import { DEFAULT_PROCESSES } from './runtime-api-runner.js';

const SHELL = fileURLToPath(new URL('../../../test-fixtures/functions/runtime-api/shell/', import.meta.url));

beforeAll(() => chmodSync(`${SHELL}bootstrap`, 0o755));

const runners: FunctionRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

function start(handler: string, overrides: Partial<FunctionDefinition> = {}, onLog: (name: string, line: string) => void = () => undefined): FunctionRunner {
  const definition: FunctionDefinition = { name: `shell-${handler}`, kind: 'provided', handler: `function.${handler}`, codeDirectory: SHELL, timeoutSeconds: 5, memoryMb: 128, ...overrides };
  const runner = createProvidedFunctionRunner(definition, { onLog });
  runners.push(runner);
  return runner;
}

function call(payload: unknown, signal: AbortSignal = new AbortController().signal) {
  return { payload: JSON.stringify(payload), requestId: randomUUID(), invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:under-test', signal };
}

const answer = (outcome: InvocationOutcome): { count: number; pid: number } => JSON.parse(outcome.payload) as { count: number; pid: number };

describe('runtime API runner: processes', () => {
  it('reuses one process between invocations, keeping its state', async () => {
    const runner = start('counter');
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(answer(await runner.invoke(call({}))));
    expect(answers.map((a) => a.count)).toEqual([1, 2, 3]);
    expect(new Set(answers.map((a) => a.pid)).size).toBe(1);
  });

  it('replaces a process that exited, with Lambda’s Runtime.ExitError for the invocation it owed', async () => {
    const runner = start('counter');
    const first = answer(await runner.invoke(call({})));
    const crash = call({ exit: true });
    const crashed = await runner.invoke(crash);
    expect(crashed.functionError).toBe('Unhandled');
    expect(JSON.parse(crashed.payload)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${crash.requestId} Error: Runtime exited with error: exit status 7`,
    });
    const after = answer(await runner.invoke(call({})));
    expect(after.count).toBe(1);
    expect(after.pid).not.toBe(first.pid);
  });

  it('replaces a process that timed out', async () => {
    const runner = start('counter', { timeoutSeconds: 1 });
    const first = answer(await runner.invoke(call({})));
    expect(JSON.parse((await runner.invoke(call({ sleep: true }))).payload)).toMatchObject({ errorType: 'Sandbox.Timedout' });
    const after = answer(await runner.invoke(call({})));
    expect(after).toMatchObject({ count: 1 });
    expect(after.pid).not.toBe(first.pid);
  }, 10_000);

  it('reports an init error the runtime posts as the invocation’s error, and tries a new process next time', async () => {
    const runner = start('missing', { handler: 'missing.handler' });
    for (let i = 0; i < 2; i++) {
      const outcome = await runner.invoke(call({}));
      expect(outcome.functionError).toBe('Unhandled');
      expect(JSON.parse(outcome.payload)).toEqual({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'No script for handler missing.handler' });
      expect(outcome.logTail).toContain('no script for handler missing.handler');
    }
  });

  it('reports a bootstrap that cannot be started as Runtime.InvalidEntrypoint', async () => {
    const runner = start('echo_event', { bootstrap: 'no-such-bootstrap' });
    const request = call({});
    const outcome = await runner.invoke(request);
    expect(outcome.functionError).toBe('Unhandled');
    expect(JSON.parse(outcome.payload)).toEqual({
      errorType: 'Runtime.InvalidEntrypoint',
      errorMessage: `RequestId: ${request.requestId} Error: fork/exec ${SHELL}no-such-bootstrap: no such file or directory`,
    });
  });

  it('stops every process on close, and refuses invocations after it', async () => {
    const runner = start('counter');
    const { pid } = answer(await runner.invoke(call({})));
    await runner.close();
    expect(() => process.kill(pid, 0)).toThrow();
    await expect(runner.invoke(call({}))).rejects.toMatchObject({ errorCode: 'ServiceException' });
  });
});

describe('runtime API runner: concurrency', () => {
  it('refuses invocations beyond maxConcurrency with TooManyRequestsException', async () => {
    const runner = start('counter', { maxConcurrency: 2 });
    const controller = new AbortController();
    const busy = [runner.invoke(call({ sleep: true }, controller.signal)), runner.invoke(call({ sleep: true }, controller.signal))];
    const refused = await runner.invoke(call({})).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LambdaServiceError);
    expect(refused).toMatchObject({ errorCode: 'TooManyRequestsException', statusCode: 429, message: 'Rate Exceeded.' });
    controller.abort();
    await Promise.allSettled(busy);
    expect(answer(await runner.invoke(call({}))).count).toBe(1);
  });

  it(`runs at most ${DEFAULT_PROCESSES} processes by default and queues the invocations beyond them`, async () => {
    const runner = start('counter');
    const outcomes = await Promise.all(Array.from({ length: DEFAULT_PROCESSES + 5 }, () => runner.invoke(call({ pause: true }))));
    expect(new Set(outcomes.map((outcome) => answer(outcome).pid)).size).toBe(DEFAULT_PROCESSES);
  });

  it('stops waiting for a queued invocation when its caller aborts', async () => {
    const runner = start('counter');
    const busyController = new AbortController();
    const busy = Array.from({ length: DEFAULT_PROCESSES }, () => runner.invoke(call({ sleep: true }, busyController.signal)));
    const controller = new AbortController();
    const queued = runner.invoke(call({}, controller.signal));
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    // Long before any busy process (sleeping 30 s) could have taken it.
    expect(Date.now() - started).toBeLessThan(5000);
    busyController.abort();
    await Promise.allSettled(busy);
  });
});

describe('runtime API runner: logs', () => {
  it("keeps the invocation's output as its log tail, framed as Lambda frames it, and forwards every line", async () => {
    const lines: Array<[string, string]> = [];
    const runner = start('logs', {}, (name, line) => lines.push([name, line]));
    const request = call({});
    const outcome = await runner.invoke(request);
    expect(outcome.payload).toBe('"done"');
    const tail = (outcome.logTail ?? '').split('\n');
    const startAt = tail.indexOf(`START RequestId: ${request.requestId} Version: $LATEST`);
    expect(startAt).toBeGreaterThanOrEqual(0);
    expect(tail.slice(startAt + 1, startAt + 4)).toEqual([`working on ${request.requestId}`, 'still working', `END RequestId: ${request.requestId}`]);
    expect(tail[startAt + 4]).toMatch(
      new RegExp(`^REPORT RequestId: ${request.requestId}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tInit Duration: \\d+\\.\\d\\d ms$`),
    );
    expect(lines).toContainEqual(['shell-logs', `working on ${request.requestId}`]);
  });

  it('writes the timeout line into the log tail', async () => {
    const runner = start('sleeps', { timeoutSeconds: 1 });
    const request = call({});
    const outcome = await runner.invoke(request);
    expect(outcome.logTail).toMatch(new RegExp(`\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${request.requestId} Task timed out after 1\\.00 seconds\\n`));
  });
});

/**
 * The one test suite every function runner passes. A runner's test file calls
 * `describeFunctionRunner` with its factory and fixtures: functions, in that runner's own
 * language, that behave as each fixture describes. A fixture a runner cannot express returns
 * undefined and its tests are skipped (say why in that runner's test file).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { FunctionDefinition, FunctionRunner, FunctionRunnerFactory, InvocationOutcome } from './function-runner.js';
import { timeoutMessage } from './function-runner.js';

export interface RunnerFixtures {
  /**
   * Returns `{ event, context: { requestId, functionName, invokedFunctionArn, remainingMs,
   * traceId, memoryLimitMb }, env: process.env.FLOWGATE_TEST_VALUE }` where `event` is the
   * parsed event, `remainingMs` the context's remaining time and `traceId` what the function
   * sees of the trace header (`_X_AMZN_TRACE_ID` or `context` member). Timeout 5 s, memory 128,
   * environment `FLOWGATE_TEST_VALUE=from-config`.
   */
  echo(): FunctionDefinition | undefined;
  /** Fails as the function's own error: type `CustomError`, message `boom`. */
  throws(): FunctionDefinition | undefined;
  /** Waits 30 s before answering; timeout 1 s. */
  sleeps(): FunctionDefinition | undefined;
  /** Spins forever without yielding; timeout 1 s. */
  loops(): FunctionDefinition | undefined;
  /** Ends its process (or worker) with exit code 3 while handling the event. */
  exits(): FunctionDefinition | undefined;
}

interface EchoAnswer {
  event: unknown;
  context: { requestId: string; functionName: string; invokedFunctionArn: string; remainingMs: number; traceId?: string; memoryLimitMb?: number };
  env?: string;
}

const TRACE = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

function request(payload: unknown, signal: AbortSignal = new AbortController().signal) {
  return {
    payload: JSON.stringify(payload),
    requestId: randomUUID(),
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:under-test',
    traceHeader: TRACE,
    signal,
  };
}

function errorOf(outcome: InvocationOutcome): { errorType: string; errorMessage: string } {
  return JSON.parse(outcome.payload) as { errorType: string; errorMessage: string };
}

export function describeFunctionRunner(runnerName: string, create: FunctionRunnerFactory, fixtures: RunnerFixtures): void {
  describe(`function runner: ${runnerName}`, () => {
    const runners: FunctionRunner[] = [];
    const start = (definition: FunctionDefinition): FunctionRunner => {
      const runner = create(definition);
      runners.push(runner);
      return runner;
    };
    afterAll(async () => {
      await Promise.all(runners.map((runner) => runner.close()));
    });

    const echo = fixtures.echo();
    const throws = fixtures.throws();
    const sleeps = fixtures.sleeps();
    const loops = fixtures.loops();
    const exits = fixtures.exits();

    it.skipIf(echo === undefined)('answers with what the function returned and gives it a Lambda context', async () => {
      const runner = start(echo as FunctionDefinition);
      const call = request({ order: 42, text: 'é"\\', nested: { list: [1, null, true] } });
      const outcome = await runner.invoke(call);
      expect(outcome.functionError).toBeUndefined();
      expect(outcome.executedVersion).toBe('$LATEST');
      const answer = JSON.parse(outcome.payload) as EchoAnswer;
      expect(answer.event).toEqual({ order: 42, text: 'é"\\', nested: { list: [1, null, true] } });
      expect(answer.context.requestId).toBe(call.requestId);
      expect(answer.context.invokedFunctionArn).toBe(call.invokedFunctionArn);
      expect(answer.context.remainingMs).toBeGreaterThan(0);
      expect(answer.context.remainingMs).toBeLessThanOrEqual(5000);
      expect(answer.context.traceId).toBe(TRACE);
      expect(answer.env).toBe('from-config');
    });

    it.skipIf(echo === undefined)('runs concurrent invocations, each with its own event', async () => {
      const runner = start(echo as FunctionDefinition);
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => runner.invoke(request({ i }))));
      expect(outcomes.map((o) => (JSON.parse(o.payload) as EchoAnswer).event)).toEqual(Array.from({ length: 12 }, (_, i) => ({ i })));
    });

    it.skipIf(echo === undefined)('answers non-object events and results', async () => {
      const runner = start(echo as FunctionDefinition);
      for (const event of ['text', 7, null, [1, 2]]) {
        const answer = JSON.parse((await runner.invoke(request(event))).payload) as EchoAnswer;
        expect(answer.event).toEqual(event);
      }
    });

    it.skipIf(throws === undefined)("reports the function's own error as a handled function error", async () => {
      const runner = start(throws as FunctionDefinition);
      const outcome = await runner.invoke(request({}));
      expect(outcome.functionError).toBe('Handled');
      expect(errorOf(outcome)).toMatchObject({ errorType: 'CustomError', errorMessage: 'boom' });
    });

    for (const [label, fixture] of [
      ['a function that does not answer in time', sleeps],
      ['a function that never yields', loops],
    ] as const) {
      it.skipIf(fixture === undefined)(`times out ${label} as Sandbox.Timedout, then runs again`, async () => {
        const definition = fixture as FunctionDefinition;
        const runner = start(definition);
        const call = request({});
        const started = Date.now();
        const outcome = await runner.invoke(call);
        const elapsed = Date.now() - started;
        expect(outcome.functionError).toBe('Unhandled');
        expect(errorOf(outcome)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: timeoutMessage(call.requestId, definition.timeoutSeconds) });
        expect(elapsed).toBeGreaterThanOrEqual(definition.timeoutSeconds * 1000 - 50);
        expect(elapsed).toBeLessThan(definition.timeoutSeconds * 1000 + 3000);
        // The next invocation is served (by a fresh worker or process where needed).
        const again = await runner.invoke(request({}));
        expect(again.functionError).toBe('Unhandled');
      }, 20_000);
    }

    it.skipIf(exits === undefined)('reports an exit of the runtime as Runtime.ExitError, then runs again', async () => {
      const runner = start(exits as FunctionDefinition);
      const first = await runner.invoke(request({}));
      expect(first.functionError).toBe('Unhandled');
      const error = errorOf(first);
      expect(error.errorType).toBe('Runtime.ExitError');
      expect(error.errorMessage).toMatch(/exit status 3/);
      const second = await runner.invoke(request({}));
      expect(errorOf(second).errorType).toBe('Runtime.ExitError');
    }, 20_000);

    it.skipIf(sleeps === undefined)('stops waiting when the caller aborts', async () => {
      const runner = start(sleeps as FunctionDefinition);
      const controller = new AbortController();
      const pending = runner.invoke(request({}, controller.signal));
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      await pending.then(
        () => undefined,
        () => undefined,
      );
      expect(Date.now() - started).toBeLessThan(900);
    }, 20_000);
  });
}

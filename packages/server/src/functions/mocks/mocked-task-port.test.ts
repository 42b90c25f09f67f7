// Mocked task ports driving real executions of compiled definitions on a simulated clock, so
// that Retry intervals cost no real time and the elapsed simulated time can be asserted.
import { compileStateMachine, createSimulatedClock } from '@flowgate/core';
import type { ExecutionResult, Json, TaskPort, TaskRequest } from '@flowgate/core';
import { describe, expect, it } from 'vitest';
import { parseMockConfig } from './mock-config.js';
import type { MockConfig, TestCase } from './mock-config.js';
import { createMockedTaskPort } from './mocked-task-port.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const SQS = 'arn:aws:states:::sqs:sendMessage';
const throwing = (error: string, cause = `${error} happened`) => ({ Throw: { Error: error, Cause: cause } });

/** A config with one machine `M` and one test case `T` mapping states to responses named like them. */
function configOf(responses: Record<string, unknown>): { config: MockConfig; testCase: TestCase } {
  const states = Object.fromEntries(Object.keys(responses).map((state) => [state, state]));
  const config = parseMockConfig({ StateMachines: { M: { TestCases: { T: states } } }, MockedResponses: responses } as Json);
  return { config, testCase: config.stateMachines.get('M')?.get('T') as TestCase };
}

async function run(definition: Json, taskPort: TaskPort, input: Json = {}): Promise<ExecutionResult> {
  return compileStateMachine(definition, { type: 'STANDARD', name: 'M' }).start(input, { clock: createSimulatedClock(), taskPort });
}

/** A stand-in for the real integrations: records the states that reached it. */
function recordingFallback(): TaskPort & { readonly states: string[] } {
  const states: string[] = [];
  return {
    states,
    invoke(request: TaskRequest) {
      states.push(request.stateName);
      return Promise.resolve({ real: request.stateName });
    },
  };
}

const callWithRetry = (extra: Record<string, Json> = {}): Json => ({
  StartAt: 'Call',
  States: {
    Call: {
      Type: 'Task',
      Resource: LAMBDA,
      Parameters: { FunctionName: 'f', 'Payload.$': '$' },
      Retry: [{ ErrorEquals: ['Lambda.TimeoutException'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      End: true,
      ...extra,
    },
    // Only a Catch reaches it, and AWS refuses unreachable states.
    ...(extra.Catch === undefined ? {} : { Recovered: { Type: 'Pass', End: true } }),
  },
});

describe('createMockedTaskPort', () => {
  it('answers by invocation index, counting retries: "0", "1-2" throw, "3" returns after 2+4+8 s of back-off', async () => {
    const { config, testCase } = configOf({
      Call: { '0': throwing('Lambda.TimeoutException'), '1-2': throwing('Lambda.TimeoutException'), '3': { Return: { StatusCode: 200, Payload: 'ok' } } },
    });
    const result = await run(callWithRetry(), createMockedTaskPort(testCase, config, undefined));
    expect(result.status).toBe('SUCCEEDED');
    // Return is the raw integration response: it becomes the task result as it is.
    expect(result.output).toEqual({ StatusCode: 200, Payload: 'ok' });
    expect(result.stopDate - result.startDate).toBe(14_000);
  });

  it('throws the mocked Error and Cause, which Retry and Catch match by name', async () => {
    const { config, testCase } = configOf({
      Call: { '0': throwing('Lambda.TimeoutException'), '1': throwing('Lambda.ResourceNotReadyException', 'not ready') },
    });
    const definition = callWithRetry({ Catch: [{ ErrorEquals: ['Lambda.ResourceNotReadyException'], ResultPath: '$.error', Next: 'Recovered' }] });
    const result = await run(definition, createMockedTaskPort(testCase, config, undefined), { id: 1 });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ id: 1, error: { Error: 'Lambda.ResourceNotReadyException', Cause: 'not ready' } });
  });

  it('fails the execution with States.Runtime, past any Retry and Catch, when the invocation has no entry', async () => {
    const { config, testCase } = configOf({ Call: { '0': throwing('Lambda.TimeoutException') } });
    const definition = callWithRetry({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recovered' }] });
    const result = await run(definition, createMockedTaskPort(testCase, config, undefined));
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(
      "The mocked response 'Call' has no entry for invocation 1 of the state 'Call' in test case 'M#T' (invocations count from 0 and include retries).",
    );
  });

  it('treats an index in a gap between entries like a missing one', async () => {
    const { config, testCase } = configOf({ Call: { '0': throwing('Lambda.TimeoutException'), '2': { Return: 'late' } } });
    const result = await run(callWithRetry(), createMockedTaskPort(testCase, config, undefined));
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toMatch(/no entry for invocation 1 /);
  });

  it('sends the states the test case does not mock to the fallback (HybridPath)', async () => {
    const { config, testCase } = configOf({ First: { '0': { Return: { mocked: true } } } });
    const definition: Json = {
      StartAt: 'First',
      States: {
        First: { Type: 'Task', Resource: LAMBDA, Parameters: { FunctionName: 'f' }, ResultPath: '$.first', Next: 'Second' },
        Second: { Type: 'Task', Resource: SQS, Parameters: { QueueUrl: 'q', MessageBody: 'm' }, ResultPath: '$.second', End: true },
      },
    };
    const fallback = recordingFallback();
    const hybrid = await run(definition, createMockedTaskPort(testCase, config, fallback));
    expect(hybrid.output).toEqual({ first: { mocked: true }, second: { real: 'Second' } });
    expect(fallback.states).toEqual(['Second']);

    // Strict: no fallback, so an unmocked Task state never reaches a service.
    const strict = await run(definition, createMockedTaskPort(testCase, config, undefined));
    expect(strict.status).toBe('FAILED');
    expect(strict.error).toBe('States.Runtime');
    expect(strict.cause).toBe(
      `The Task state 'Second' (${SQS}) has no mocked response in test case 'M#T', and strict mocking forbids calling the service.`,
    );
  });

  it('matches states by name inside Map iterations and Parallel branches, one counter per state', async () => {
    const { config, testCase } = configOf({
      Item: { '0': { Return: 'a' }, '1-2': { Return: 'b' } },
      Left: { '0': { Return: 'left' } },
    });
    const definition: Json = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          // One at a time: with more, the order of calls (and so each item's index) is not fixed.
          MaxConcurrency: 1,
          ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Task', Resource: LAMBDA, Parameters: { FunctionName: 'f' }, End: true } } },
          ResultPath: '$.mapped',
          Next: 'Both',
        },
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Left', States: { Left: { Type: 'Task', Resource: SQS, Parameters: { QueueUrl: 'q' }, End: true } } },
            { StartAt: 'Right', States: { Right: { Type: 'Task', Resource: SQS, Parameters: { QueueUrl: 'q' }, End: true } } },
          ],
          ResultPath: '$.branches',
          End: true,
        },
      },
    };
    const fallback = recordingFallback();
    const result = await run(definition, createMockedTaskPort(testCase, config, fallback), { items: [1, 2, 3] });
    expect(result.output).toEqual({ items: [1, 2, 3], mapped: ['a', 'b', 'b'], branches: ['left', { real: 'Right' }] });
    expect(fallback.states).toEqual(['Right']);
  });

  it('keeps the counters per execution: a new port starts again at invocation 0', async () => {
    const { config, testCase } = configOf({ Call: { '0': { Return: 'first call' } } });
    for (let execution = 0; execution < 2; execution++) {
      const result = await run(callWithRetry(), createMockedTaskPort(testCase, config, undefined));
      expect(result.output).toBe('first call');
    }
  });
});

describe('task tokens in mocked test cases', () => {
  it('come from the real integration for unmocked states, and need none from it for mocked ones', async () => {
    const { config, testCase } = configOf({ Mocked: { '0': { Return: { mocked: true } } } });
    const issuedFor: string[] = [];
    const seen: (string | undefined)[] = [];
    const fallback: TaskPort = {
      issueTaskToken(request) {
        issuedFor.push(request.stateName);
        return 'real-token';
      },
      invoke(request) {
        seen.push(request.taskToken);
        return Promise.resolve('real answer');
      },
    };
    const callback = { Type: 'Task', Resource: `${SQS}.waitForTaskToken`, Parameters: { 'token.$': '$$.Task.Token' } };
    const definition: Json = { StartAt: 'Mocked', States: { Mocked: { ...callback, Next: 'Real' }, Real: { ...callback, End: true } } };
    const result = await run(definition, createMockedTaskPort(testCase, config, fallback));
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'real answer' });
    expect(issuedFor).toEqual(['Real']);
    expect(seen).toEqual(['real-token']);
  });
});

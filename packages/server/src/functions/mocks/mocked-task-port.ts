import { randomUUID } from 'node:crypto';
import type { Json, TaskPort, TaskRequest } from '@flowgate/core';
import { StatesErrors, TaskFailure } from '@flowgate/core';
import type { MockConfig, MockedEntry, TestCase } from './mock-config.js';

/**
 * The task port of one execution of a mock test case. Each mocked state answers from its
 * mocked response by invocation index: a per-state counter over the whole execution that
 * counts every call, retries included (first call 0, first retry 1…), as Step Functions Local
 * does. States are matched by name wherever they sit (Map iterations and Parallel branches
 * share the counter of their state, so concurrent iterations take indices in call order).
 *
 * States the test case does not name call `fallback` (AWS's "HybridPath"). Without a
 * fallback (strict mode) they fail the execution instead of reaching a real service.
 *
 * Create one port per execution: the counters are the execution's.
 */
export function createMockedTaskPort(testCase: TestCase, config: MockConfig, fallback: TaskPort | undefined): TaskPort {
  const invocations = new Map<string, number>();
  const label = `${testCase.machineName}#${testCase.name}`;
  const port: TaskPort = {
    invoke(request: TaskRequest): Promise<Json> {
      const { stateName } = request;
      const responseName = testCase.states.get(stateName);
      if (responseName === undefined) {
        if (fallback !== undefined) return fallback.invoke(request);
        return Promise.reject(
          runtimeFailure(`The Task state '${stateName}' (${request.resource}) has no mocked response in test case '${label}', and strict mocking forbids calling the service.`),
        );
      }
      const index = invocations.get(stateName) ?? 0;
      invocations.set(stateName, index + 1);
      const entry = entryAt(config.mockedResponses.get(responseName)?.entries ?? [], index);
      if (entry === undefined) {
        return Promise.reject(
          runtimeFailure(
            `The mocked response '${responseName}' has no entry for invocation ${index} of the state '${stateName}' in test case '${label}' (invocations count from 0 and include retries).`,
          ),
        );
      }
      const { outcome } = entry;
      return outcome.kind === 'return' ? Promise.resolve(outcome.value) : Promise.reject(new TaskFailure(outcome.error, outcome.cause));
    },
  };
  // Unmocked callback and activity states wait on tokens of the real integration, which must
  // have issued them; a mocked one answers at once, so its token (still made, as Step
  // Functions Local does) is the engine's own.
  const issue = fallback?.issueTaskToken?.bind(fallback);
  if (issue === undefined) return port;
  return {
    invoke: port.invoke,
    issueTaskToken: (request) => (testCase.states.has(request.stateName) ? randomUUID() : issue(request)),
  };
}

function entryAt(entries: readonly MockedEntry[], index: number): MockedEntry | undefined {
  return entries.find((entry) => entry.from <= index && index <= entry.to);
}

/**
 * A mock that cannot answer fails the execution with States.Runtime, which no Retry or Catch
 * handles: Step Functions Local does the same when an invocation has no mocked entry
 * (observed with amazon/aws-stepfunctions-local 2.0.0, floci-io/floci#2823). A test case that
 * runs out of answers is a mistake in the test, not a path the workflow should recover from.
 */
function runtimeFailure(cause: string): TaskFailure {
  return new TaskFailure(StatesErrors.Runtime, cause);
}

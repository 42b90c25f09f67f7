import type { Json, JsonObject, TaskPort } from '@flowgate/core';
import { compileStateMachine, DefinitionError, formatDefinitionMessage, TaskFailure, toJsonText } from '@flowgate/core';
import { apiError } from './errors.js';

/**
 * TestState: runs one state on its own. The state is placed in a small machine of its own in
 * which every transition it can take (Next, Choice targets, Default, Catch targets) leads to a
 * marker state, so that where it would go next is read off the history; Retry is not run (AWS
 * reports RETRIABLE instead), so a failure is first run without Catch, then matched against
 * the retriers and catchers in AWS's order.
 */
export interface TestStateRequest {
  readonly definition: JsonObject;
  readonly stateName?: string;
  readonly input: Json;
  readonly inspectionLevel: 'INFO' | 'DEBUG' | 'TRACE';
  readonly mock?: { readonly result?: string; readonly errorOutput?: { readonly error?: string; readonly cause?: string } };
  readonly retrierRetryCount: number;
  readonly taskPort: TaskPort;
}

export interface TestStateResult {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly nextState?: string;
  readonly inspectionData?: Record<string, unknown>;
}

// Marker states are named by number: a target's own name may already be 80 characters long.
const MARKER = 'Flowgate.TestState.Next.';
const NEEDS_MOCK = /\.(sync(:2)?|waitForTaskToken)$|:activity:/;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The state under test and its name, from a lone state or a whole machine plus `stateName`. */
export function stateUnderTest(definition: JsonObject, stateName: string | undefined): { name: string; state: JsonObject } {
  if (typeof definition.Type === 'string') return { name: stateName ?? 'TestState', state: definition };
  const states = definition.States;
  if (!isObject(states)) throw apiError('InvalidDefinition', "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [Type] at /'");
  const name = stateName ?? (typeof definition.StartAt === 'string' ? definition.StartAt : '');
  const state = states[name];
  if (!isObject(state)) throw apiError('ValidationException', `State '${name}' does not exist in the definition.`);
  return { name, state };
}

/** A copy of the state whose transitions lead to markers, without Retry, optionally without Catch. */
function isolate(state: JsonObject, keepCatch: boolean): { state: JsonObject; targets: string[] } {
  const targets: string[] = [];
  const redirect = (target: Json | undefined): Json | undefined => {
    if (typeof target !== 'string') return target;
    if (!targets.includes(target)) targets.push(target);
    return `${MARKER}${targets.indexOf(target)}`;
  };
  const copy: JsonObject = { ...state };
  delete copy.Retry;
  if (copy.Next !== undefined) copy.Next = redirect(copy.Next) as Json;
  if (copy.Default !== undefined) copy.Default = redirect(copy.Default) as Json;
  if (Array.isArray(copy.Choices)) copy.Choices = copy.Choices.map((rule) => (isObject(rule) ? { ...rule, Next: redirect(rule.Next) as Json } : rule));
  if (!keepCatch) delete copy.Catch;
  else if (Array.isArray(copy.Catch)) copy.Catch = copy.Catch.map((catcher) => (isObject(catcher) ? { ...catcher, Next: redirect(catcher.Next) as Json } : catcher));
  return { state: copy, targets };
}

interface SingleRun {
  readonly status: string;
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  readonly nextState?: string;
  readonly taskResult?: Json;
}

async function runIsolated(name: string, state: JsonObject, request: TestStateRequest, keepCatch: boolean): Promise<SingleRun> {
  const { state: isolated, targets } = isolate(state, keepCatch);
  const states: JsonObject = { [name]: isolated };
  for (const index of targets.keys()) states[`${MARKER}${index}`] = { Type: 'Succeed' };
  let machine;
  try {
    machine = compileStateMachine({ StartAt: name, States: states }, { type: 'EXPRESS', name: 'TestState' });
  } catch (error) {
    if (error instanceof DefinitionError) throw apiError('InvalidDefinition', formatDefinitionMessage(error.diagnostics));
    throw error;
  }
  let taskResult: Json | undefined;
  const port: TaskPort = {
    async invoke(task) {
      const mock = request.mock;
      if (mock?.errorOutput !== undefined) throw new TaskFailure(mock.errorOutput.error ?? 'States.TaskFailed', mock.errorOutput.cause);
      taskResult = mock?.result !== undefined ? (JSON.parse(mock.result) as Json) : await request.taskPort.invoke(task);
      return taskResult;
    },
  };
  let entered: string | undefined;
  const result = await machine.start(request.input, {
    mode: 'EXPRESS_SYNC',
    taskPort: port,
    history: (event) => {
      const details = (event as Record<string, unknown>).stateEnteredEventDetails as { name?: string } | undefined;
      if (event.type.endsWith('StateEntered') && details?.name?.startsWith(MARKER) === true) entered = targets[Number(details.name.slice(MARKER.length))];
    },
  });
  return {
    status: result.status,
    ...(result.output === undefined ? {} : { output: result.output }),
    ...(result.error === undefined ? {} : { error: result.error }),
    ...(result.cause === undefined ? {} : { cause: result.cause }),
    ...(entered === undefined ? {} : { nextState: entered }),
    ...(taskResult === undefined ? {} : { taskResult }),
  };
}

/** AWS's matching: a name, `States.ALL` (not the terminal errors), `States.TaskFailed` (not States.Timeout). */
export function errorMatches(errorEquals: unknown, error: string): boolean {
  if (!Array.isArray(errorEquals)) return false;
  if (errorEquals.includes(error)) return true;
  if (errorEquals.includes('States.ALL') && error !== 'States.Runtime' && error !== 'States.DataLimitExceeded') return true;
  return errorEquals.includes('States.TaskFailed') && error !== 'States.Timeout' && error !== 'States.Runtime' && !error.startsWith('States.Data');
}

export async function testState(request: TestStateRequest): Promise<TestStateResult> {
  const { name, state } = stateUnderTest(request.definition, request.stateName);
  const type = state.Type;
  if ((type === 'Map' || type === 'Parallel' || (typeof state.Resource === 'string' && NEEDS_MOCK.test(state.Resource))) && request.mock === undefined) {
    throw apiError('ValidationException', `TestState needs a mock to test a ${String(type)} state with this resource or type.`);
  }
  const debug = request.inspectionLevel !== 'INFO';
  const inspection = (run: SingleRun): Record<string, unknown> | undefined => {
    if (!debug) return undefined;
    const data: Record<string, unknown> = { input: toJsonText(request.input) };
    if (run.taskResult !== undefined) data.result = toJsonText(run.taskResult);
    if (run.output !== undefined) data.afterResultPath = toJsonText(run.output);
    return data;
  };
  const plain = await runIsolated(name, state, request, false);
  if (plain.status === 'SUCCEEDED') {
    return {
      status: 'SUCCEEDED',
      output: toJsonText(plain.output ?? null),
      ...(plain.nextState === undefined ? {} : { nextState: plain.nextState }),
      ...withInspection(inspection(plain)),
    };
  }
  const error = plain.error ?? 'States.Runtime';
  const retriers = Array.isArray(state.Retry) ? state.Retry : [];
  for (const [index, retrier] of retriers.entries()) {
    if (!isObject(retrier) || !errorMatches(retrier.ErrorEquals, error)) continue;
    const maxAttempts = typeof retrier.MaxAttempts === 'number' ? retrier.MaxAttempts : 3;
    if (request.retrierRetryCount >= maxAttempts) break;
    const interval = typeof retrier.IntervalSeconds === 'number' ? retrier.IntervalSeconds : 1;
    const rate = typeof retrier.BackoffRate === 'number' ? retrier.BackoffRate : 2;
    let backoff = interval * rate ** request.retrierRetryCount;
    if (typeof retrier.MaxDelaySeconds === 'number') backoff = Math.min(backoff, retrier.MaxDelaySeconds);
    const data = inspection(plain);
    return {
      status: 'RETRIABLE',
      error,
      ...(plain.cause === undefined ? {} : { cause: plain.cause }),
      ...withInspection(data === undefined ? undefined : { ...data, errorDetails: { retryIndex: index, retryBackoffIntervalSeconds: Math.round(backoff) } }),
    };
  }
  const catchers = Array.isArray(state.Catch) ? state.Catch : [];
  const catchIndex = catchers.findIndex((catcher) => isObject(catcher) && errorMatches(catcher.ErrorEquals, error));
  if (catchIndex >= 0) {
    const caught = await runIsolated(name, state, request, true);
    const data = inspection(caught);
    return {
      status: 'CAUGHT_ERROR',
      output: toJsonText(caught.output ?? null),
      error,
      ...(plain.cause === undefined ? {} : { cause: plain.cause }),
      ...(caught.nextState === undefined ? {} : { nextState: caught.nextState }),
      ...withInspection(data === undefined ? undefined : { ...data, errorDetails: { catchIndex } }),
    };
  }
  return { status: 'FAILED', error, ...(plain.cause === undefined ? {} : { cause: plain.cause }), ...withInspection(inspection(plain)) };
}

function withInspection(data: Record<string, unknown> | undefined): { inspectionData?: Record<string, unknown> } {
  return data === undefined ? {} : { inspectionData: data };
}

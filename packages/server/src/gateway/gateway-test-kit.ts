/**
 * Test support for the gateway's tests: fake invokers that record what they were asked, and a
 * gateway listening on a loopback port. Not exported from index.ts.
 */
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestMapping, ResponseMapping, RouteConfig } from '../app/application.js';
import type { Gateway, GatewayOptions } from './gateway.js';
import { createGateway } from './gateway.js';
import type { AsyncStart, FunctionInvoker, FunctionInvokeOptions, FunctionResult, SyncOutcome, WorkflowInvoker, WorkflowStartOptions } from './invokers.js';

export interface WorkflowCall {
  readonly kind: 'sync' | 'async';
  readonly workflow: string;
  readonly inputText: string;
  readonly options: WorkflowStartOptions & { readonly signal?: AbortSignal };
}

export type FakeWorkflows = WorkflowInvoker & { readonly calls: WorkflowCall[] };

const START = Date.UTC(2025, 0, 2, 3, 4, 5, 600);

/** An outcome as an executor would report it; `overrides` replace any member. */
export function outcomeOf(call: Pick<WorkflowCall, 'workflow' | 'inputText'>, overrides: Partial<SyncOutcome> = {}): SyncOutcome {
  const machine = call.workflow.split(':')[0] ?? call.workflow;
  return {
    executionArn: `arn:aws:states:us-east-1:123456789012:express:${machine}:run-1:0f0e0d0c-0b0a-4908-8706-050403020100`,
    stateMachineArn: `arn:aws:states:us-east-1:123456789012:stateMachine:${machine}`,
    name: 'run-1',
    startDate: START,
    stopDate: START + 250,
    status: 'SUCCEEDED',
    output: call.inputText,
    input: call.inputText,
    ...overrides,
  };
}

/** By default every sync start succeeds with its input as output (an echo workflow). */
export function fakeWorkflows(behaviour: (call: WorkflowCall) => SyncOutcome | Promise<SyncOutcome> = (call) => outcomeOf(call)): FakeWorkflows {
  const calls: WorkflowCall[] = [];
  return {
    calls,
    async startSync(workflow, inputText, options) {
      const call: WorkflowCall = { kind: 'sync', workflow, inputText, options };
      calls.push(call);
      return behaviour(call);
    },
    async startAsync(workflow, inputText, options): Promise<AsyncStart> {
      const call: WorkflowCall = { kind: 'async', workflow, inputText, options };
      calls.push(call);
      // Behaviour may refuse the start by throwing; its outcome is otherwise ignored.
      await behaviour(call);
      return { executionArn: outcomeOf(call).executionArn.replace(':express:', ':execution:'), startDate: START };
    },
  };
}

export interface FunctionCall {
  readonly functionName: string;
  readonly event: Record<string, unknown>;
  readonly options: FunctionInvokeOptions;
}

export type FakeFunctions = FunctionInvoker & { readonly calls: FunctionCall[] };

/** A function whose answer `behaviour` decides from the event it receives. */
export function fakeFunctions(behaviour: (call: FunctionCall) => FunctionResult | Promise<FunctionResult>): FakeFunctions {
  const calls: FunctionCall[] = [];
  return {
    calls,
    async invoke(functionName, eventText, options) {
      const call: FunctionCall = { functionName, event: JSON.parse(eventText) as Record<string, unknown>, options };
      calls.push(call);
      return behaviour(call);
    },
  };
}

export function workflowRoute(
  method: string,
  path: string,
  extras: {
    readonly workflow?: string;
    readonly invocation?: 'sync' | 'async';
    readonly request?: RequestMapping;
    readonly response?: ResponseMapping;
  } & Omit<Partial<RouteConfig>, 'target'> = {},
): RouteConfig {
  const { workflow = 'Echo', invocation = 'sync', request = { kind: 'default' }, response = { kind: 'default' }, ...route } = extras;
  return { method, path, ...route, target: { kind: 'workflow', workflow, invocation, request, response } };
}

export interface RunningGateway {
  readonly gateway: Gateway;
  readonly url: string;
  /** What the gateway reported through `onError`. */
  readonly errors: unknown[];
  close(): Promise<void>;
}

/** A gateway on an ephemeral loopback port. */
export async function startGateway(options: Omit<GatewayOptions, 'onError'>): Promise<RunningGateway> {
  const errors: unknown[] = [];
  const gateway = createGateway({ ...options, onError: (error) => errors.push(error) });
  const { port } = await gateway.listen(0, '127.0.0.1');
  return { gateway, url: `http://127.0.0.1:${port}`, errors, close: () => gateway.close(100) };
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A request through node:http, for what fetch cannot send: repeated header lines (`headers` as
 * name/value pairs) and a chunked body of several writes.
 */
export function rawRequest(
  url: string,
  init: { readonly method?: string; readonly path: string; readonly headers?: readonly (readonly [string, string])[]; readonly chunks?: readonly string[] },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(init.path, url);
    // With headers as a raw list, node:http adds no Host header of its own.
    const headers = [['Host', target.host] as const, ...(init.headers ?? [])].flatMap(([name, value]) => [name, value]);
    const request = httpRequest({ method: init.method ?? 'GET', host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    for (const chunk of init.chunks ?? []) request.write(chunk);
    request.end();
  });
}

import type { Json, JsonObject, TaskPort, TaskRequest } from '@flowgate/core';
import { StatesErrors, TaskFailure, toJsonText } from '@flowgate/core';
import type { TaskCallbacks } from './callbacks/task-callbacks.js';
import type { FunctionRegistry } from './function-registry.js';
import { callFunction, directFunctionResult, lambdaInvokeResult } from './lambda-integration.js';

/** Starts other workflows for `states:startExecution` and `aws-sdk:sfn:*` tasks. */
export interface NestedWorkflows {
  invoke(kind: NestedCallKind, parameters: JsonObject, caller: CallerExecution, signal: AbortSignal): Promise<Json>;
}

/** The Resource's service and action: the optimised `states:` forms or the SDK `sfn` forms. */
export type NestedCallKind =
  | 'states:startExecution'
  | 'states:startExecution.sync'
  | 'states:startExecution.sync:2'
  | 'aws-sdk:sfn:startExecution'
  | 'aws-sdk:sfn:startSyncExecution';

/** A service integration that answers a Task state's request on its own. */
export type HttpTaskInvoker = (parameters: Json, signal: AbortSignal) => Promise<Json>;

export interface IntegrationServices {
  readonly functions: FunctionRegistry;
  readonly http?: HttpTaskInvoker;
  readonly workflows?: NestedWorkflows;
  /** Serves `.waitForTaskToken` tasks and activities; without it they fail like any unserved resource. */
  readonly callbacks?: TaskCallbacks;
}

/** What a task needs to know of the execution it runs in. */
export interface CallerExecution {
  readonly executionArn: string;
  readonly traceHeader?: string;
}

const LAMBDA_FUNCTION_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:/;
const SERVICE_ARN = /^arn:[^:]+:states:[^:]*:[^:]*:(.+)$/;
const CALLBACK_SUFFIX = '.waitForTaskToken';

/**
 * What the submit step of a `.waitForTaskToken` task answers for a service Flowgate does not
 * emulate (SQS, SNS, EventBridge, ECS…): an empty object, recorded as TaskSubmitted's output.
 * Nothing is sent anywhere; the task waits for its token, which the workflow put in its
 * Parameters and TaskScheduled shows, to be completed from outside (SendTaskSuccess or
 * SendTaskFailure, e.g. with the AWS CLI).
 */
export const UNEMULATED_SUBMIT_OUTPUT: Json = Object.freeze({});

/**
 * The task port of one execution: dispatches each Task state's Resource to the integration
 * that serves it. Resources Flowgate cannot serve fail the task with States.TaskFailed,
 * naming the resource, as data that Retry and Catch route. `.waitForTaskToken` resources call
 * their service (the same integration without the suffix) and then wait for the token;
 * activity ARNs wait for a worker.
 */
export function createIntegrationTaskPort(services: IntegrationServices, caller: CallerExecution): TaskPort {
  const { callbacks } = services;
  const port: TaskPort = {
    invoke(request: TaskRequest): Promise<Json> {
      const { resource } = request;
      if (LAMBDA_FUNCTION_ARN.test(resource)) {
        return callFunction(services.functions, {
          functionName: resource,
          payload: toJsonText(request.payload),
          signal: request.signal,
          ...(caller.traceHeader === undefined ? {} : { traceHeader: caller.traceHeader }),
        }).then(directFunctionResult);
      }
      const service = SERVICE_ARN.exec(resource)?.[1];
      if (callbacks !== undefined && service !== undefined) {
        if (service.startsWith('activity:')) return callbacks.runActivity(request);
        if (service.endsWith(CALLBACK_SUFFIX)) {
          const submitted = service.slice(0, -CALLBACK_SUFFIX.length);
          return callbacks.waitForCallback(request, () => serveRequest(services, submitted, request, caller) ?? Promise.resolve(UNEMULATED_SUBMIT_OUTPUT));
        }
      }
      const served = service === undefined ? undefined : serveRequest(services, service, request, caller);
      return (
        served ??
        Promise.reject(
          new TaskFailure(StatesErrors.TaskFailed, `Flowgate cannot run the resource '${resource}' (state '${request.stateName}'): no integration serves it.`),
        )
      );
    },
  };
  if (callbacks === undefined) return port;
  return { invoke: port.invoke, issueTaskToken: (request) => callbacks.issueToken(caller.executionArn, request) };
}

/** The answer of the integration serving `service` (`lambda:invoke`…), or undefined when none does. */
function serveRequest(services: IntegrationServices, service: string, request: TaskRequest, caller: CallerExecution): Promise<Json> | undefined {
  switch (service) {
    case 'lambda:invoke':
      return invokeLambda(services, request, caller);
    case 'http:invoke':
      return services.http?.(request.payload, request.signal);
    case 'states:startExecution':
    case 'states:startExecution.sync':
    case 'states:startExecution.sync:2':
    case 'aws-sdk:sfn:startSyncExecution':
    case 'aws-sdk:sfn:startExecution': {
      if (services.workflows === undefined) return undefined;
      return services.workflows.invoke(service, objectParameters(request.payload, request.resource), caller, request.signal);
    }
    default:
      return undefined;
  }
}

/**
 * The request body `lambda:invoke` sends (AWS-observed): no Payload, or null, sends `{}`; a
 * string that is JSON text is sent as that text (`"0.0"` arrives as the number 0.0), any
 * other string as a JSON string; everything else as its JSON.
 */
export function lambdaPayloadOf(payload: Json | undefined): string {
  if (payload === undefined || payload === null) return '{}';
  if (typeof payload === 'string') {
    try {
      JSON.parse(payload);
      return payload;
    } catch {
      return JSON.stringify(payload);
    }
  }
  return toJsonText(payload);
}

function objectParameters(payload: Json, resource: string): JsonObject {
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) return payload as JsonObject;
  throw new TaskFailure(StatesErrors.TaskFailed, `The parameters of '${resource}' must be an object.`);
}

async function invokeLambda(services: IntegrationServices, request: TaskRequest, caller: CallerExecution): Promise<Json> {
  const parameters = objectParameters(request.payload, request.resource);
  const functionName = parameters.FunctionName;
  if (typeof functionName !== 'string') {
    throw new TaskFailure(StatesErrors.TaskFailed, "The field 'FunctionName' is required by 'arn:aws:states:::lambda:invoke'.");
  }
  const payload = parameters.Payload;
  const clientContext = typeof parameters.ClientContext === 'string' ? parameters.ClientContext : undefined;
  const answer = await callFunction(services.functions, {
    functionName: typeof parameters.Qualifier === 'string' ? `${functionName}:${parameters.Qualifier}` : functionName,
    payload: lambdaPayloadOf(payload),
    signal: request.signal,
    ...(caller.traceHeader === undefined ? {} : { traceHeader: caller.traceHeader }),
    ...(clientContext === undefined ? {} : { clientContext }),
  });
  return lambdaInvokeResult(answer, caller.traceHeader);
}

import { randomUUID } from 'node:crypto';
import { errorTypeOf } from '../api/errors.js';
import { parseBody } from '../api/protocol.js';
import { checkRequest } from '../api/request-shapes.js';
import type { GatewayRequest } from '../gateway/gateway-request.js';
import type { WorkflowInvoker } from '../gateway/invokers.js';
import { rawSyncBody } from '../gateway/response-mapping.js';
import { refusalOf } from '../gateway/start-refusal.js';

export type StepFunctionsAction = 'StartSyncExecution' | 'StartExecution';

/** The service's HTTP answer, which the integration response then maps. */
export interface ServiceResponse {
  readonly statusCode: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Sends what the request template rendered to Step Functions, as API Gateway's `AWS`
 * integration with `uri: arn:aws:apigateway:<region>:states:action/<Action>` does: the text is the
 * action's AWS JSON 1.0 request, and the answer is the service's own — 200 with the
 * StartSyncExecution record (epoch-second dates, `output` as JSON text, present only when
 * SUCCEEDED) or StartExecution's `{executionArn, startDate}`, else the error status with
 * `{"__type", "message"}`. A rendering that is not JSON is the service's SerializationException
 * (400), as an `escapeJavaScript`d `'` makes it on AWS.
 */
export async function callStepFunctions(action: StepFunctionsAction, requestText: string, workflows: WorkflowInvoker, request: GatewayRequest): Promise<ServiceResponse> {
  let members: Record<string, unknown>;
  try {
    members = parseBody(requestText);
    checkRequest(action, members);
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === undefined) throw error;
    return errorResponse(refusal.code, refusal.message, refusal.status);
  }
  const stateMachineArn = members.stateMachineArn as string;
  const inputText = typeof members.input === 'string' ? members.input : '{}';
  const options = {
    traceHeader: typeof members.traceHeader === 'string' ? members.traceHeader : request.trace.traceHeader,
    traceparent: request.trace.traceparent,
    ...(typeof members.name === 'string' ? { name: members.name } : {}),
  };
  try {
    if (action === 'StartExecution') {
      const start = await workflows.startAsync(stateMachineArn, inputText, options);
      return jsonResponse(200, { executionArn: start.executionArn, startDate: start.startDate / 1000 });
    }
    const outcome = await workflows.startSync(stateMachineArn, inputText, { ...options, signal: request.signal });
    return jsonResponse(200, rawSyncBody(outcome));
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === undefined) throw error;
    return errorResponse(refusal.code, refusal.message, refusal.status);
  }
}

function jsonResponse(statusCode: number, body: unknown): ServiceResponse {
  return { statusCode, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() }, body: JSON.stringify(body) };
}

function errorResponse(code: string, message: string, status: number | undefined): ServiceResponse {
  return jsonResponse(status ?? 400, { __type: errorTypeOf(code), message });
}

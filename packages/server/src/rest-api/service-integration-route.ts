import { randomUUID } from 'node:crypto';
import type { ServiceIntegrationTarget } from '../app/application.js';
import type { GatewayRequest } from '../gateway/gateway-request.js';
import type { HttpAnswer } from '../gateway/http-answer.js';
import { jsonAnswer } from '../gateway/http-answer.js';
import type { WorkflowInvoker } from '../gateway/invokers.js';
import { compileRequestTemplates } from './integration-request.js';
import { applyOverrides, compileIntegrationResponses, responseHeaders, responseTemplateFor, selectIntegrationResponse } from './integration-response.js';
import { TemplateInput, PayloadNotJson } from './template-input.js';
import { restContextVariables, templateParams } from './rest-context.js';
import { callStepFunctions } from './step-functions-action.js';

export type RestRouteHandler = (request: GatewayRequest) => Promise<HttpAnswer>;

/** REST APIs' own answers, in their wording (`Internal server error`, lower case). */
const UNSUPPORTED_MEDIA_TYPE = { statusCode: 415, message: 'Unsupported Media Type' } as const;
const INTERNAL_SERVER_ERROR = { statusCode: 500, message: 'Internal server error' } as const;

/**
 * A REST API route with an `AWS` integration to Step Functions: method request → request
 * template (chosen by Content-Type, or passed through) → the Step Functions action → the
 * integration response chosen by the service's status → its template over the service's
 * answer, its response parameters and the template's `$context.responseOverride`.
 *
 * Templates are compiled here, once; problems are pushed to `problems` and refuse the routes.
 * What fails at request time is answered as REST APIs answer it and told to `report`:
 * a template that cannot render, or no integration response for the status → 500.
 */
export function compileServiceIntegrationRoute(
  target: ServiceIntegrationTarget,
  workflows: WorkflowInvoker,
  stageName: string,
  where: string,
  problems: string[],
  report: (problem: Error, request: GatewayRequest) => void,
): RestRouteHandler {
  const requestTemplates = compileRequestTemplates(target.requestTemplates, target.passthroughBehavior, where, problems);
  const responses = compileIntegrationResponses(target.responses, where, problems);

  return async (request) => {
    const restRequestId = randomUUID();
    const answer = (statusCode: number, body: unknown): HttpAnswer => jsonAnswer(statusCode, body, { 'x-amzn-requestid': restRequestId });
    const context = restContextVariables({ request, stageName, restRequestId });
    const stageVariables = request.api.stageVariables;
    const choice = requestTemplates.choose(request.body.mediaType);
    if (choice.kind === 'unsupported') return answer(UNSUPPORTED_MEDIA_TYPE.statusCode, { message: UNSUPPORTED_MEDIA_TYPE.message });
    const payload = request.body.bytes.toString('utf8');
    const params = templateParams(request);
    let serviceRequest = payload;
    if (choice.kind === 'template') {
      try {
        serviceRequest = choice.template.render({ input: new TemplateInput(payload, params), context, stageVariables }).output;
      } catch (error) {
        // AWS's words when a template reads a body that is not JSON.
        if (error instanceof PayloadNotJson) return answer(400, { message: `Could not parse request body into json: Could not parse payload into json: ${error.detail}` });
        report(error instanceof Error ? error : new Error(String(error)), request);
        return answer(INTERNAL_SERVER_ERROR.statusCode, { message: INTERNAL_SERVER_ERROR.message });
      }
    }
    let service;
    try {
      service = await callStepFunctions(target.action, serviceRequest, workflows, request);
    } catch (error) {
      // Not a refusal of the service but a fault behind it (the invoker threw).
      report(error instanceof Error ? error : new Error(String(error)), request);
      return answer(INTERNAL_SERVER_ERROR.statusCode, { message: INTERNAL_SERVER_ERROR.message });
    }
    const selected = selectIntegrationResponse(responses, service.statusCode);
    if (selected === undefined) {
      report(new Error(`${where}: no integration response matches status ${service.statusCode} and none is the default`), request);
      return answer(INTERNAL_SERVER_ERROR.statusCode, { message: INTERNAL_SERVER_ERROR.message });
    }
    const headers = responseHeaders(selected, { headers: service.headers, body: service.body, context, stageVariables });
    const chosen = responseTemplateFor(selected, request.headers.accept);
    if (chosen === undefined) {
      // No template: the service's body passes through as the method response.
      return { statusCode: selected.statusCode, headers: { 'content-type': 'application/json', ...headers, 'x-amzn-requestid': restRequestId }, body: service.body };
    }
    let rendered;
    try {
      rendered = chosen.template.render({ input: new TemplateInput(service.body, params), context, stageVariables });
    } catch (error) {
      report(error instanceof Error ? error : new Error(String(error)), request);
      return answer(INTERNAL_SERVER_ERROR.statusCode, { message: INTERNAL_SERVER_ERROR.message });
    }
    const final = applyOverrides(selected.statusCode, headers, rendered.overrides);
    return {
      statusCode: final.statusCode,
      headers: { 'content-type': chosen.contentType, ...final.headers, 'x-amzn-requestid': restRequestId },
      body: rendered.output,
    };
  };
}

import type { ResponseDefaults, RouteTarget } from '../app/application.js';
import type { GatewayRequest } from './gateway-request.js';
import type { HttpAnswer } from './http-answer.js';
import { jsonAnswer } from './http-answer.js';
import type { AsyncStart, SyncOutcome, WorkflowInvoker } from './invokers.js';
import type { StartRequest } from './request-mapping.js';
import { compileRequestMapping, MalformedBody } from './request-mapping.js';
import { compileResponseMapping } from './response-mapping.js';
import { refusalOf } from './start-refusal.js';

export type RouteHandler = (request: GatewayRequest) => Promise<HttpAnswer>;

type WorkflowTarget = Extract<RouteTarget, { kind: 'workflow' }>;

/**
 * A route to a workflow: request mapping → start (sync or async) → response mapping. Both
 * mappings are compiled here, once per route; a problem with them is pushed to `problems`.
 */
export function compileWorkflowRoute(
  target: WorkflowTarget,
  workflows: WorkflowInvoker,
  defaults: ResponseDefaults | undefined,
  where: string,
  problems: string[],
): RouteHandler | undefined {
  let mapRequest;
  let mapResponse;
  try {
    mapRequest = compileRequestMapping(target.request, target.workflow);
    mapResponse = compileResponseMapping(target.response, defaults, where, problems);
  } catch (error) {
    problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const response = mapResponse;
  const toStart = mapRequest;
  return async (request) => {
    let start: StartRequest;
    try {
      start = await toStart(request);
    } catch (error) {
      if (error instanceof MalformedBody) return jsonAnswer(400, { message: error.message });
      throw error;
    }
    const options = {
      traceHeader: start.traceHeader ?? request.trace.traceHeader,
      traceparent: request.trace.traceparent,
      ...(start.name === undefined ? {} : { name: start.name }),
    };
    let result: { kind: 'sync'; outcome: SyncOutcome } | { kind: 'async'; start: AsyncStart };
    try {
      result =
        target.invocation === 'async'
          ? { kind: 'async', start: await workflows.startAsync(start.workflow, start.inputText, options) }
          : { kind: 'sync', outcome: await workflows.startSync(start.workflow, start.inputText, { ...options, signal: request.signal }) };
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw error;
      return response.refusal(refusal);
    }
    return result.kind === 'async' ? response.async(result.start, request) : response.sync(result.outcome, request);
  };
}

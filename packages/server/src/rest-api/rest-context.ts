import { clfTime, domainOf, type GatewayRequest } from '../gateway/gateway-request.js';
import type { TemplateParams } from './template-input.js';

/** What a REST API request adds to the gateway's: its stage, resource and REST-style request id. */
export interface RestRequest {
  readonly request: GatewayRequest;
  readonly stageName: string;
  /** `$context.requestId` of REST APIs is a UUID (HTTP APIs' ids look different). */
  readonly restRequestId: string;
}

/**
 * `$context` of REST API mapping templates (api-gateway-mapping-template-reference, "Context
 * variables for data transformations"). Variables that need an authorizer, an API key or IAM
 * callers are absent and render as nothing. `path` includes the stage, `resourcePath` is the
 * route's path template.
 */
export function restContextVariables({ request, stageName, restRequestId }: RestRequest): Record<string, unknown> {
  const domainName = domainOf(request.host);
  return {
    accountId: request.api.accountId,
    apiId: request.api.apiId,
    domainName,
    domainPrefix: domainName.split('.', 1)[0] ?? domainName,
    extendedRequestId: request.requestId,
    httpMethod: request.method,
    identity: { sourceIp: request.sourceIp, userAgent: request.headers['user-agent'] ?? '' },
    path: `/${stageName}${request.rawPath === '/' ? '/' : request.rawPath}`,
    protocol: request.protocol,
    requestId: restRequestId,
    requestTime: clfTime(request.time),
    requestTimeEpoch: request.time,
    resourceId: request.routeKey,
    resourcePath: request.routePath,
    stage: stageName,
  };
}

/**
 * `$input.params()`: path parameters, and the query string and headers with the last value of a
 * repeated name (REST APIs' single-value view); header names as the client spelled them.
 */
export function templateParams(request: GatewayRequest): TemplateParams {
  const last = (values: Readonly<Record<string, readonly string[]>>): Record<string, string> => {
    const result: Record<string, string> = {};
    for (const [name, list] of Object.entries(values)) if (list.length > 0) result[name] = list[list.length - 1] as string;
    return result;
  };
  return { path: { ...request.pathParameters }, querystring: last(request.multiValueQuery), header: last(request.multiValueHeaders) };
}

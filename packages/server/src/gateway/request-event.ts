import { clfTime, domainOf } from './gateway-request.js';
import type { GatewayRequest } from './gateway-request.js';
import { eventBody } from './request-body.js';

/**
 * API Gateway's Lambda proxy events (http-api-develop-integrations-lambda). Optional members
 * are omitted when empty in format 2.0 (`cookies`, `queryStringParameters`, `pathParameters`,
 * `body`, `stageVariables`) and null in format 1.0, as AWS sends them.
 */

/** Payload format 2.0. `body` replaces the request's body when given (Flowgate's parsed JSON). */
export function eventV2(request: GatewayRequest, body?: { readonly value: unknown }): Record<string, unknown> {
  const { api } = request;
  const domainName = domainOf(request.host);
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
  };
  if (request.cookies.length > 0) event.cookies = request.cookies;
  event.headers = request.headers;
  if (Object.keys(request.query).length > 0) event.queryStringParameters = request.query;
  event.requestContext = {
    accountId: api.accountId,
    apiId: api.apiId,
    domainName,
    domainPrefix: domainName.split('.', 1)[0] ?? domainName,
    http: {
      method: request.method,
      path: request.rawPath,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      userAgent: request.headers['user-agent'] ?? '',
    },
    requestId: request.requestId,
    routeKey: request.routeKey,
    stage: '$default',
    time: clfTime(request.time),
    timeEpoch: request.time,
  };
  const content = eventBody(request.body);
  if (body !== undefined) {
    if (body.value !== undefined) event.body = body.value;
    event.isBase64Encoded = false;
  } else {
    if (content.body !== undefined) event.body = content.body;
    event.isBase64Encoded = content.isBase64Encoded;
  }
  if (Object.keys(request.pathParameters).length > 0) event.pathParameters = request.pathParameters;
  if (Object.keys(api.stageVariables).length > 0) event.stageVariables = api.stageVariables;
  return event;
}

/** Payload format 1.0, the REST API event shape HTTP APIs also offer. */
export function eventV1(request: GatewayRequest): Record<string, unknown> {
  const { api } = request;
  const domainName = domainOf(request.host);
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.multiValueHeaders)) headers[name] = values[values.length - 1] as string;
  const query: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.multiValueQuery)) query[name] = values[values.length - 1] as string;
  const hasQuery = Object.keys(query).length > 0;
  const content = eventBody(request.body);
  return {
    version: '1.0',
    resource: request.routePath,
    path: request.rawPath,
    httpMethod: request.method,
    headers,
    multiValueHeaders: request.multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? request.multiValueQuery : null,
    requestContext: {
      accountId: api.accountId,
      apiId: api.apiId,
      domainName,
      domainPrefix: domainName.split('.', 1)[0] ?? domainName,
      extendedRequestId: request.requestId,
      httpMethod: request.method,
      identity: { sourceIp: request.sourceIp, userAgent: request.headers['user-agent'] ?? null },
      path: request.rawPath,
      protocol: request.protocol,
      requestId: request.requestId,
      requestTime: clfTime(request.time),
      requestTimeEpoch: request.time,
      resourceId: request.routeKey,
      resourcePath: request.routePath,
      stage: request.stage ?? '$default',
    },
    pathParameters: Object.keys(request.pathParameters).length > 0 ? request.pathParameters : null,
    stageVariables: Object.keys(api.stageVariables).length > 0 ? api.stageVariables : null,
    body: content.body ?? null,
    isBase64Encoded: content.isBase64Encoded,
  };
}

/** HTTP API `$context` variables a parameter mapping can read (http-api-logging-variables). */
export function contextVariables(request: GatewayRequest): Readonly<Record<string, string>> {
  const domainName = domainOf(request.host);
  return {
    accountId: request.api.accountId,
    apiId: request.api.apiId,
    domainName,
    domainPrefix: domainName.split('.', 1)[0] ?? domainName,
    extendedRequestId: request.requestId,
    httpMethod: request.method,
    'identity.sourceIp': request.sourceIp,
    'identity.userAgent': request.headers['user-agent'] ?? '',
    path: request.rawPath,
    protocol: request.protocol,
    requestId: request.requestId,
    requestTime: clfTime(request.time),
    requestTimeEpoch: String(request.time),
    routeKey: request.routeKey,
    stage: '$default',
  };
}

import type { CorsConfig } from '../app/application.js';
import type { HttpAnswer } from './http-answer.js';

/**
 * CORS as HTTP APIs do it (http-api-cors): "API Gateway automatically sends a response to
 * preflight OPTIONS requests, even if there isn't an OPTIONS route configured", "adds the
 * configured CORS headers to the response from an integration", and "ignores CORS headers
 * returned from your backend integration". AWS configures CORS per API; Flowgate per route, so
 * a preflight uses the CORS of the route its `Access-Control-Request-Method` would reach.
 */

/** Whether a request is a CORS preflight (an OPTIONS request announcing the real method). */
export function isPreflight(method: string, headers: Readonly<Record<string, string>>): boolean {
  return method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined;
}

/**
 * 204 with the configured permissions when the origin is allowed; 204 without CORS headers when
 * it is not (the browser then refuses the real request). `*` in allowMethods or allowHeaders
 * echoes what the browser asked for, which also works with credentials, where a literal `*` does not.
 */
export function preflightAnswer(cors: CorsConfig, headers: Readonly<Record<string, string>>): HttpAnswer {
  const origin = headers.origin ?? '';
  const allowed = allowOriginValue(cors, origin);
  if (allowed === undefined) return { statusCode: 204, headers: {}, body: '' };
  const out: Record<string, string> = { ...originHeaders(cors, allowed) };
  const requestedMethod = headers['access-control-request-method'] ?? '';
  const requestedHeaders = headers['access-control-request-headers'];
  if (cors.allowMethods !== undefined && cors.allowMethods.length > 0) {
    out['access-control-allow-methods'] = cors.allowMethods.includes('*') ? requestedMethod : cors.allowMethods.join(',');
  }
  if (cors.allowHeaders !== undefined && cors.allowHeaders.length > 0) {
    const value = cors.allowHeaders.includes('*') ? requestedHeaders : cors.allowHeaders.join(',');
    if (value !== undefined && value !== '') out['access-control-allow-headers'] = value;
  }
  if (cors.maxAge !== undefined) out['access-control-max-age'] = String(cors.maxAge);
  return { statusCode: 204, headers: out, body: '' };
}

/** The CORS headers of an actual (not preflight) response; none when the origin is not allowed. */
export function responseCorsHeaders(cors: CorsConfig, headers: Readonly<Record<string, string>>): Record<string, string> {
  const origin = headers.origin;
  if (origin === undefined) return {};
  const allowed = allowOriginValue(cors, origin);
  if (allowed === undefined) return {};
  const out = originHeaders(cors, allowed);
  if (cors.exposeHeaders !== undefined && cors.exposeHeaders.length > 0) out['access-control-expose-headers'] = cors.exposeHeaders.join(',');
  return out;
}

/** An integration's answer without its own CORS headers: the route's configuration replaces them. */
export function withoutCorsHeaders(answer: HttpAnswer): HttpAnswer {
  const headers: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (!name.toLowerCase().startsWith('access-control-')) headers[name] = value;
  }
  return { ...answer, headers };
}

/** Problems with a route's CORS configuration, in the words of the check AWS makes on it. */
export function corsProblems(cors: CorsConfig, where: string): string[] {
  const problems: string[] = [];
  if (cors.allowCredentials === true && cors.allowOrigins.includes('*')) {
    problems.push(`${where}: allowCredentials cannot be used with allowOrigins '*'`);
  }
  if (cors.maxAge !== undefined && (!Number.isInteger(cors.maxAge) || cors.maxAge < -1 || cors.maxAge > 86400)) {
    problems.push(`${where}: maxAge must be an integer from -1 to 86400`);
  }
  return problems;
}

/** `*` when any origin is allowed without credentials; otherwise the origin itself, if allowed. */
function allowOriginValue(cors: CorsConfig, origin: string): string | undefined {
  if (cors.allowOrigins.includes('*')) return cors.allowCredentials === true ? origin : '*';
  const lower = origin.toLowerCase();
  return cors.allowOrigins.some((allowed) => allowed.toLowerCase() === lower) ? origin : undefined;
}

function originHeaders(cors: CorsConfig, allowed: string): Record<string, string> {
  const out: Record<string, string> = { 'access-control-allow-origin': allowed };
  // A response that depends on the Origin must say so to caches.
  if (allowed !== '*') out.vary = 'Origin';
  if (cors.allowCredentials === true) out['access-control-allow-credentials'] = 'true';
  return out;
}

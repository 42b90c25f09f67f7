import type { TraceContext } from './invokers.js';
import type { RequestBody } from './request-body.js';

/** Where the API is said to live, as events and `$context` report it. */
export interface ApiIdentity {
  readonly accountId: string;
  readonly apiId: string;
  readonly stageVariables: Readonly<Record<string, string>>;
}

/** One request as the integrations see it: matched, body read, headers and query parsed once. */
export interface GatewayRequest {
  readonly requestId: string;
  /** Epoch milliseconds when the request arrived. */
  readonly time: number;
  readonly method: string;
  /** The path as sent, still URL-encoded. */
  readonly rawPath: string;
  readonly rawQueryString: string;
  /** `GET /orders/{id}`, `ANY /{proxy+}` or `$default`. */
  readonly routeKey: string;
  /** The route's path pattern (`resource` in payload format 1.0). */
  readonly routePath: string;
  /** The REST API stage of the route (`Prod`); undefined for HTTP API routes (`$default`). */
  readonly stage?: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  /** Lower-case names, repeated headers joined with commas, without `cookie` (payload 2.0). */
  readonly headers: Readonly<Record<string, string>>;
  /** Names as sent, every value (payload 1.0). */
  readonly multiValueHeaders: Readonly<Record<string, readonly string[]>>;
  readonly cookies: readonly string[];
  /** Decoded; repeated names joined with commas (payload 2.0, `$request.querystring`). */
  readonly query: Readonly<Record<string, string>>;
  readonly multiValueQuery: Readonly<Record<string, readonly string[]>>;
  readonly host: string;
  readonly sourceIp: string;
  readonly protocol: string;
  readonly body: RequestBody;
  readonly trace: TraceContext;
  /** Aborts when the client goes away before its answer is written. */
  readonly signal: AbortSignal;
  readonly api: ApiIdentity;
}

export interface ParsedHeaders {
  readonly headers: Record<string, string>;
  readonly multiValueHeaders: Record<string, string[]>;
  readonly cookies: string[];
}

/**
 * Headers from Node's raw name/value list: Node's own `headers` object drops repeats of some
 * headers and joins others with `, `, where API Gateway joins every repeat with `,`. Payload 2.0
 * moves the cookies out of the headers into `cookies`, one entry per cookie.
 */
export function parseRawHeaders(rawHeaders: readonly string[]): ParsedHeaders {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const cookies: string[] = [];
  // Payload 1.0 keeps the spelling of a header's first occurrence.
  const spelling = new Map<string, string>();
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    const value = rawHeaders[index + 1] as string;
    const lower = name.toLowerCase();
    const casedName = spelling.get(lower) ?? name;
    spelling.set(lower, casedName);
    (multiValueHeaders[casedName] ??= []).push(value);
    if (lower === 'cookie') {
      for (const cookie of value.split(';')) if (cookie.trim() !== '') cookies.push(cookie.trim());
      continue;
    }
    headers[lower] = headers[lower] === undefined ? value : `${headers[lower]},${value}`;
  }
  return { headers, multiValueHeaders, cookies };
}

export function parseQuery(rawQueryString: string): { query: Record<string, string>; multiValueQuery: Record<string, string[]> } {
  const multiValueQuery: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) (multiValueQuery[name] ??= []).push(value);
  const query: Record<string, string> = {};
  for (const [name, values] of Object.entries(multiValueQuery)) query[name] = values.join(',');
  return { query, multiValueQuery };
}

/** `rawPath` and `rawQueryString` of a request target, origin form or absolute form. */
export function splitTarget(url: string): { rawPath: string; rawQueryString: string } {
  let target = url;
  if (!target.startsWith('/')) {
    // Absolute form (`GET http://host/path`), which clients send through proxies.
    const schemeEnd = target.indexOf('://');
    const pathStart = schemeEnd < 0 ? -1 : target.indexOf('/', schemeEnd + 3);
    target = pathStart < 0 ? '/' : target.slice(pathStart);
  }
  const query = target.indexOf('?');
  return query < 0 ? { rawPath: target, rawQueryString: '' } : { rawPath: target.slice(0, query), rawQueryString: target.slice(query + 1) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000` (CLF, UTC). */
export function clfTime(epochMs: number): string {
  const date = new Date(epochMs);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()] as string}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/** The domain name without a port, as `requestContext.domainName` holds it. */
export function domainOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

/**
 * The `Parameters` (or JSONata `Arguments`) of an `arn:aws:states:::http:invoke` task, read
 * and checked once the state has evaluated them. What AWS rejects at run time is a
 * `States.Runtime` failure here too: forbidden headers, an unusable endpoint or method
 * ("Call HTTPS APIs in Step Functions workflows", HTTP Task fields).
 */
import type { Json, JsonObject } from '@flowgate/core';
import { TaskFailure } from '@flowgate/core';
import type { HeaderPair, QueryPair } from './connections.js';
import type { ArrayFormat } from './url-encoding.js';
import { ARRAY_FORMATS, scalarText } from './url-encoding.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type BodyEncoding = { readonly kind: 'json' } | { readonly kind: 'urlEncoded'; readonly arrayFormat: ArrayFormat };

export interface HttpTaskCall {
  readonly url: URL;
  readonly method: HttpMethod;
  readonly connectionArn: string;
  readonly headers: readonly HeaderPair[];
  readonly query: readonly QueryPair[];
  readonly body: Json | undefined;
  readonly encoding: BodyEncoding;
}

/** Headers a task may not set; Step Functions sets some itself (User-Agent, Range, Host). */
const FORBIDDEN_HEADERS = new Set([
  'a-im', 'accept-charset', 'accept-datetime', 'accept-encoding', 'authorization', 'cache-control', 'connection',
  'content-encoding', 'content-md5', 'date', 'expect', 'forwarded', 'from', 'host', 'http2-settings', 'if-match',
  'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since', 'max-forwards', 'origin', 'pragma',
  'proxy-authorization', 'referer', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via', 'warning',
]);
const FORBIDDEN_PREFIXES = ['x-forwarded-', 'x-amz-', 'x-amzn-'];

function runtimeFailure(cause: string): TaskFailure {
  return new TaskFailure('States.Runtime', cause);
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function member(object: JsonObject, key: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

function readEndpoint(value: Json | undefined): URL {
  if (typeof value !== 'string') throw runtimeFailure('The HTTP Task field ApiEndpoint must be a string URL.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw runtimeFailure(`The ApiEndpoint '${value}' is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw runtimeFailure(`The ApiEndpoint '${value}' is not an https URL.`);
  return url;
}

function readConnectionArn(parameters: JsonObject): string {
  // AWS takes the connection from `InvocationConfig` (newer, recommended) or `Authentication`.
  for (const field of ['InvocationConfig', 'Authentication']) {
    const config = member(parameters, field);
    const arn = isObject(config) ? member(config, 'ConnectionArn') : undefined;
    if (typeof arn === 'string' && arn !== '') return arn;
  }
  throw runtimeFailure('An HTTP Task needs an EventBridge connection: give Authentication.ConnectionArn or InvocationConfig.ConnectionArn.');
}

function textOf(value: Json, what: string): string {
  if (value === null || typeof value !== 'object') return scalarText(value);
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) return value.map((item) => scalarText(item)).join(',');
  throw runtimeFailure(`${what} must be a string, number, boolean or a list of them.`);
}

function readHeaders(value: Json | undefined): HeaderPair[] {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) throw runtimeFailure('The HTTP Task field Headers must be a JSON object.');
  return Object.entries(value).map(([name, headerValue]): HeaderPair => {
    const lower = name.toLowerCase();
    if (FORBIDDEN_HEADERS.has(lower) || FORBIDDEN_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
      throw runtimeFailure(`The header '${name}' cannot be used in an HTTP Task.`);
    }
    return [name, textOf(headerValue, `The header '${name}'`)];
  });
}

/**
 * Query parameters as an object (a list value repeats the key), a list of such objects, or a
 * ready query string [AWS accepts "a string, JSON array, or a JSON object" without saying
 * more; this reading is Flowgate's].
 */
function readQuery(value: Json | undefined): QueryPair[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [...new URLSearchParams(value)];
  if (Array.isArray(value)) return value.flatMap((item) => readQuery(item));
  if (!isObject(value)) throw runtimeFailure('The HTTP Task field QueryParameters must be an object, a list of objects or a string.');
  return Object.entries(value).flatMap(([key, item]): QueryPair[] => {
    if (Array.isArray(item)) return item.map((element): QueryPair => [key, isObject(element) || Array.isArray(element) ? JSON.stringify(element) : scalarText(element)]);
    return [[key, isObject(item) ? JSON.stringify(item) : scalarText(item)]];
  });
}

function readEncoding(value: Json | undefined): BodyEncoding {
  if (value === undefined || value === null) return { kind: 'json' };
  if (!isObject(value)) throw runtimeFailure('The HTTP Task field Transform must be a JSON object.');
  const encoding = member(value, 'RequestBodyEncoding') ?? 'NONE';
  if (encoding === 'NONE') return { kind: 'json' };
  if (encoding !== 'URL_ENCODED') throw runtimeFailure(`RequestBodyEncoding must be NONE or URL_ENCODED, not ${JSON.stringify(encoding)}.`);
  const options = member(value, 'RequestEncodingOptions');
  const format = isObject(options) ? (member(options, 'ArrayFormat') ?? 'INDICES') : 'INDICES';
  const arrayFormat = ARRAY_FORMATS.find((known) => known === format);
  if (arrayFormat === undefined) throw runtimeFailure(`ArrayFormat must be one of ${ARRAY_FORMATS.join(', ')}, not ${JSON.stringify(format)}.`);
  return { kind: 'urlEncoded', arrayFormat };
}

export function readHttpTaskParameters(parameters: Json): HttpTaskCall {
  if (!isObject(parameters)) throw runtimeFailure('The parameters of an HTTP Task must be a JSON object.');
  const method = member(parameters, 'Method');
  const knownMethod = HTTP_METHODS.find((known) => known === method);
  if (knownMethod === undefined) throw runtimeFailure(`The HTTP Task field Method must be one of ${HTTP_METHODS.join(', ')}, not ${JSON.stringify(method ?? null)}.`);
  return {
    url: readEndpoint(member(parameters, 'ApiEndpoint')),
    method: knownMethod,
    connectionArn: readConnectionArn(parameters),
    headers: readHeaders(member(parameters, 'Headers')),
    query: readQuery(member(parameters, 'QueryParameters')),
    body: member(parameters, 'RequestBody'),
    encoding: readEncoding(member(parameters, 'Transform')),
  };
}

/**
 * The client side of the HTTP Task, `arn:aws:states:::http:invoke`: builds the request as
 * Step Functions does ("Call HTTPS APIs in Step Functions workflows"), sends it, and returns
 * the task result or throws a `TaskFailure` the state's Retry and Catch route.
 *
 * Errors:
 * - `States.Http.StatusCode.<nnn>`: the API answered outside 2xx (cause: the result as JSON);
 * - `States.Http.Socket`: no answer within 60 s, or no connection at all (refused, reset,
 *   DNS, TLS) [AWS documents the timeout case; Flowgate reports network failures the same way];
 * - `States.Runtime`: invalid parameters, forbidden headers, unsupported responses, and plain
 *   http to a host that is not this machine (AWS requires https);
 * - `States.Permissions`: a host outside `allowedHosts`, the local stand-in for the IAM policy
 *   that limits `states:InvokeHTTPEndpoint` [Flowgate's choice of name];
 * - `Events.ConnectionResource.ResourceNotFound`: a connection ARN the project did not map.
 */
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Json, JsonObject } from '@flowgate/core';
import { TaskFailure } from '@flowgate/core';
import { isHostAllowed, isLoopbackHost } from './allowed-hosts.js';
import type { HttpConnection, QueryPair } from './connections.js';
import { mergeBody, mergeHeaders, mergeQuery, resolveConnection } from './connections.js';
import type { HttpTaskCall } from './http-task-parameters.js';
import { readHttpTaskParameters } from './http-task-parameters.js';
import { httpTaskResult } from './http-task-result.js';
import { encodeForm } from './url-encoding.js';

export interface HttpTaskOptions {
  /** Hosts HTTP Tasks may call (see allowed-hosts.ts); empty means none. */
  readonly allowedHosts: readonly string[];
  /** Connection ARN → what that EventBridge connection supplies. */
  readonly connections: Readonly<Record<string, HttpConnection>>;
  /** The region in the `User-Agent` Step Functions sends (default us-east-1). */
  readonly region?: string;
  /** AWS's limit is 60 s per call; tests shorten it. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

function checkDestination(url: URL, allowedHosts: readonly string[]): void {
  if (url.protocol === 'http:' && !isLoopbackHost(url)) {
    throw new TaskFailure('States.Runtime', `The ApiEndpoint '${url.href}' must use https: Flowgate allows plain http only to this machine (localhost, 127.0.0.1, [::1]).`);
  }
  if (!isHostAllowed(url, allowedHosts)) {
    throw new TaskFailure(
      'States.Permissions',
      `HTTP Tasks may not call ${url.host}: it is not among the allowed hosts (${allowedHosts.length === 0 ? 'none' : allowedHosts.join(', ')}).`,
    );
  }
}

/** Percent-encoded with %20 for spaces, as the form encoder does. */
function queryString(pairs: readonly QueryPair[]): string {
  return pairs.length === 0 ? '' : `?${pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')}`;
}

interface Outgoing {
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
}

function withDefaultType(headers: Record<string, string>, type: string): Record<string, string> {
  return Object.keys(headers).some((name) => name.toLowerCase() === 'content-type') ? headers : { ...headers, 'Content-Type': type };
}

function serializeBody(call: HttpTaskCall, body: Json | undefined, headers: Record<string, string>): Outgoing {
  if (body === undefined) return { headers, body: undefined };
  if (call.encoding.kind === 'urlEncoded') {
    let form: string;
    if (typeof body === 'string') form = body;
    else if (typeof body === 'object' && body !== null && !Array.isArray(body)) form = encodeForm(body, call.encoding.arrayFormat);
    else throw new TaskFailure('States.Runtime', 'RequestBodyEncoding URL_ENCODED needs a RequestBody that is a JSON object.');
    // AWS asks the task to set the form content type; Flowgate supplies it when the task did not.
    return { headers: withDefaultType(headers, 'application/x-www-form-urlencoded'), body: Buffer.from(form, 'utf8') };
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  // The content type Step Functions sends for a JSON body when the task names none (AWS's example request).
  return { headers: withDefaultType(headers, 'application/json; charset=UTF-8'), body: Buffer.from(text, 'utf8') };
}

function buildRequest(call: HttpTaskCall, connection: HttpConnection, region: string): Outgoing {
  const headers: Record<string, string> = {};
  for (const [name, value] of mergeHeaders(call.headers, connection)) headers[name] = value;
  headers['User-Agent'] = `Amazon|StepFunctions|HttpInvoke|${region}`;
  headers['Range'] = 'bytes=0-262144';
  return serializeBody(call, mergeBody(call.body, connection), headers);
}

function send(url: URL, method: string, path: string, outgoing: Outgoing, signal: AbortSignal): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers: Record<string, string | number> = { ...outgoing.headers };
  if (outgoing.body !== undefined) headers['Content-Length'] = outgoing.body.length;
  return new Promise((resolve, reject) => {
    let outgoingRequest;
    try {
      outgoingRequest = request({ protocol: url.protocol, hostname: url.hostname, port: url.port, path, method, headers, signal }, resolve);
    } catch (error) {
      // Node refuses header names or values HTTP does not allow before anything is sent.
      reject(new TaskFailure('States.Runtime', `The HTTP request cannot be sent: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    outgoingRequest.once('error', reject);
    outgoingRequest.end(outgoing.body);
  });
}

export async function invokeHttpTask(parameters: Json, options: HttpTaskOptions, signal: AbortSignal): Promise<Json> {
  if (signal.aborted) throw signal.reason;
  const call = readHttpTaskParameters(parameters);
  checkDestination(call.url, options.allowedHosts);
  const connection = resolveConnection(options.connections, call.connectionArn);
  const outgoing = buildRequest(call, connection, options.region ?? 'us-east-1');
  // The endpoint's own query comes first; the connection overrides keys from either place.
  const query = mergeQuery([...new URLSearchParams(call.url.search), ...call.query], connection);
  const path = `${call.url.pathname}${queryString(query)}`;

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await send(call.url, call.method, path, outgoing, controller.signal);
    const result: JsonObject = await httpTaskResult(response);
    return result;
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (expired) throw new TaskFailure('States.Http.Socket', `The HTTP request to ${call.url.origin} timed out after ${timeoutMs / 1000} seconds.`);
    if (error instanceof TaskFailure) throw error;
    throw new TaskFailure('States.Http.Socket', `The HTTP request to ${call.url.origin} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

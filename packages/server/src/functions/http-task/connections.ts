/**
 * EventBridge connections, as far as an HTTP Task uses them. EventBridge does not exist
 * locally, so the project maps each connection ARN its workflows name to what the
 * connection would supply: an authorization and extra headers, query and body parameters.
 *
 * Merging follows "Call HTTPS APIs in Step Functions workflows" (Merging EventBridge connection
 * and HTTP Task definition data): the connection's headers, query parameters and body
 * parameters are added to the task's, the connection's value wins on a duplicate key, and a
 * string `RequestBody` cannot take body parameters (`States.Runtime`).
 */
import type { Json, JsonObject } from '@flowgate/core';
import { TaskFailure } from '@flowgate/core';

/** How the connection authorizes (EventBridge `AuthorizationType`: BASIC, API_KEY). */
export type ConnectionAuthorization =
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'apiKey'; readonly name: string; readonly value: string }
  | { readonly kind: 'none' };

export interface HttpConnection {
  readonly authorization: ConnectionAuthorization;
  /** EventBridge `InvocationHttpParameters.HeaderParameters`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** EventBridge `InvocationHttpParameters.QueryStringParameters`. */
  readonly queryParameters?: Readonly<Record<string, string>>;
  /** EventBridge `InvocationHttpParameters.BodyParameters`. */
  readonly bodyParameters?: Readonly<Record<string, string>>;
}

/**
 * AWS names connection problems `Events.ConnectionResource.*`; a connection that does not
 * exist is `ResourceNotFound` among those AWS lists (Connection errors).
 */
export function resolveConnection(connections: Readonly<Record<string, HttpConnection>>, arn: string): HttpConnection {
  const connection = Object.prototype.hasOwnProperty.call(connections, arn) ? connections[arn] : undefined;
  if (connection === undefined) {
    throw new TaskFailure(
      'Events.ConnectionResource.ResourceNotFound',
      `The connection '${arn}' is not configured. EventBridge connections do not exist in Flowgate: map the ARN to its authorization and parameters in the HTTP Task connections.`,
    );
  }
  return connection;
}

export type HeaderPair = readonly [name: string, value: string];

/** Task headers, then the connection's (replacing same-named ones), then its authorization. */
export function mergeHeaders(taskHeaders: readonly HeaderPair[], connection: HttpConnection): HeaderPair[] {
  const merged = new Map<string, HeaderPair>();
  const put = (name: string, value: string) => merged.set(name.toLowerCase(), [name, value]);
  for (const [name, value] of taskHeaders) put(name, value);
  for (const [name, value] of Object.entries(connection.headers ?? {})) put(name, value);
  const auth = connection.authorization;
  if (auth.kind === 'basic') put('Authorization', `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`);
  else if (auth.kind === 'apiKey') put(auth.name, auth.value);
  return [...merged.values()];
}

export type QueryPair = readonly [key: string, value: string];

/** Task query parameters with every key the connection names replaced by the connection's value. */
export function mergeQuery(taskQuery: readonly QueryPair[], connection: HttpConnection): QueryPair[] {
  const fromConnection = Object.entries(connection.queryParameters ?? {});
  const overridden = new Set(fromConnection.map(([key]) => key));
  return [...taskQuery.filter(([key]) => !overridden.has(key)), ...fromConnection];
}

export function mergeBody(body: Json | undefined, connection: HttpConnection): Json | undefined {
  const parameters = Object.entries(connection.bodyParameters ?? {});
  if (parameters.length === 0) return body;
  if (typeof body === 'string') {
    throw new TaskFailure('States.Runtime', 'The RequestBody is a string, so the body parameters of the connection cannot be merged into it.');
  }
  if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
    throw new TaskFailure('States.Runtime', 'The RequestBody is not a JSON object, so the body parameters of the connection cannot be merged into it.');
  }
  const merged: JsonObject = { ...body };
  for (const [key, value] of parameters) {
    // A fresh own property even for `__proto__`, so that data stays data.
    Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

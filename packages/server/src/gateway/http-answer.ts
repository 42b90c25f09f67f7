import { STATUS_CODES } from 'node:http';

/** What the gateway sends back for one request, before the headers every answer gets. */
export interface HttpAnswer {
  readonly statusCode: number;
  /** Lower-case names; an array sends the header once per value (`set-cookie`). */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: string | Buffer;
}

const JSON_TYPE = { 'content-type': 'application/json' } as const;

export function jsonAnswer(statusCode: number, value: unknown, headers: Readonly<Record<string, string>> = {}): HttpAnswer {
  return { statusCode, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** JSON text that is already serialised (an execution's output), sent as it is. */
export function jsonTextAnswer(statusCode: number, text: string): HttpAnswer {
  return { statusCode, headers: JSON_TYPE, body: text };
}

/** The reason phrase of a status, as API Gateway words its own `{"message"}` answers. */
export function reasonPhrase(statusCode: number): string {
  return STATUS_CODES[statusCode] ?? 'Error';
}

/**
 * API Gateway's own answers: `{"message":"Not Found"}`, `{"message":"Internal Server Error"}`,
 * `{"message":"Request Entity Too Large"}` (HTTP API wording, http-api-develop-routes and the
 * HTTP API quotas page).
 */
export function messageAnswer(statusCode: number, message = reasonPhrase(statusCode)): HttpAnswer {
  return jsonAnswer(statusCode, { message });
}

export const NOT_FOUND = messageAnswer(404, 'Not Found');
/**
 * A REST API's answer to a method or resource it does not have (and to a request without a
 * signature on an IAM-protected one): 403, not 404, with this message and error type.
 */
export const MISSING_AUTHENTICATION_TOKEN = jsonAnswer(403, { message: 'Missing Authentication Token' }, { 'x-amzn-errortype': 'MissingAuthenticationTokenException' });
export const INTERNAL_ERROR = messageAnswer(500, 'Internal Server Error');
export const TOO_LARGE = messageAnswer(413, 'Request Entity Too Large');

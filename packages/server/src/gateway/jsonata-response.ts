import type { GatewayRequest } from './gateway-request.js';
import type { HttpAnswer } from './http-answer.js';
import type { AsyncStart, SyncOutcome } from './invokers.js';
import type { MappingExpression } from './jsonata-expression.js';
import { MappingError } from './jsonata-expression.js';
import { eventV2 } from './request-event.js';
import { workflowEvent } from './request-mapping.js';

/**
 * The JSONata response mapping: the expression reads the execution's result — `status`,
 * `output` and `input` (parsed), `error`, `cause`, `executionArn`, `stateMachineArn`, `name`,
 * `startDate`/`stopDate` (epoch ms) — as its input document, the request event as `$request`,
 * and yields `{ statusCode?, headers?, body? }`. `statusCode` defaults to 200. A string body is
 * sent as it is (`text/plain` unless the headers say otherwise); any other body as JSON.
 * An async start reads `{ status: "RUNNING", executionArn, startDate }`.
 */
export async function jsonataSyncAnswer(expression: MappingExpression, outcome: SyncOutcome, request: GatewayRequest): Promise<HttpAnswer> {
  const result = {
    status: outcome.status,
    output: parseOrText(outcome.output),
    error: outcome.error,
    cause: outcome.cause,
    executionArn: outcome.executionArn,
    stateMachineArn: outcome.stateMachineArn,
    name: outcome.name,
    startDate: outcome.startDate,
    stopDate: outcome.stopDate,
    input: parseOrText(outcome.input),
  };
  return answerOf(expression, await expression.evaluate(result, { request: eventFor(request) }));
}

export async function jsonataAsyncAnswer(expression: MappingExpression, start: AsyncStart, request: GatewayRequest): Promise<HttpAnswer> {
  const result = { status: 'RUNNING', executionArn: start.executionArn, startDate: start.startDate };
  return answerOf(expression, await expression.evaluate(result, { request: eventFor(request) }));
}

function answerOf(expression: MappingExpression, value: unknown): HttpAnswer {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MappingError(`JSONata response expression '${expression.source}' must yield an object { statusCode, headers, body }`);
  }
  const { statusCode = 200, headers = {}, body } = value as { statusCode?: unknown; headers?: unknown; body?: unknown };
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 200 || statusCode > 599) {
    throw new MappingError(`JSONata response expression '${expression.source}' yielded statusCode ${JSON.stringify(statusCode)}`);
  }
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new MappingError(`JSONata response expression '${expression.source}' yielded headers that are not an object`);
  }
  const out: Record<string, string | string[]> = {};
  for (const [name, header] of Object.entries(headers as Record<string, unknown>)) {
    if (header === undefined || header === null) continue;
    out[name.toLowerCase()] = Array.isArray(header) ? header.map((item) => textOf(item)) : textOf(header);
  }
  if (body === undefined) return { statusCode, headers: out, body: '' };
  if (typeof body === 'string') {
    out['content-type'] ??= 'text/plain; charset=utf-8';
    return { statusCode, headers: out, body };
  }
  out['content-type'] ??= 'application/json';
  return { statusCode, headers: out, body: JSON.stringify(body) };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function parseOrText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The event as the workflow saw it; a body that is not JSON stays text here rather than failing. */
function eventFor(request: GatewayRequest): Record<string, unknown> {
  try {
    return workflowEvent(request);
  } catch {
    return eventV2(request);
  }
}

import { errorTypeOf } from '../api/errors.js';
import type { HttpAnswer } from './http-answer.js';
import { jsonAnswer, messageAnswer } from './http-answer.js';

/** A start the invoker refused (see `WorkflowStartError`): AWS's exception name and message. */
export interface StartRefusal {
  readonly code: string;
  readonly message: string;
  /** The status Step Functions answers it with, when the invoker said. */
  readonly status?: number;
}

/** Reads a thrown error as a refusal when it carries a string `code`; anything else is a fault. */
export function refusalOf(error: unknown): StartRefusal | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, status } = error as { code?: unknown; message?: unknown; status?: unknown };
  if (typeof code !== 'string') return undefined;
  return {
    code,
    message: typeof message === 'string' ? message : code,
    ...(typeof status === 'number' ? { status } : {}),
  };
}

/** Refusals caused by what the client sent: the request can be corrected. */
const CLIENT_FAULTS = new Set(['InvalidExecutionInput', 'InvalidName', 'ValidationException', 'InvalidArn', 'InvalidToken']);

/**
 * Flowgate's answer (default and JSONata response mappings). What the client sent → 400 with
 * `{error, message}`; throttling → 429 and shutdown → 503 in API Gateway's own words. Anything
 * else — the route names a workflow that does not exist, a STANDARD machine behind a sync
 * route — is the API's configuration, not the client's request: 500, with the reason in the
 * body so that it shows in development. (404 would tell the client its URL was wrong.)
 */
export function refusalAnswer(refusal: StartRefusal): HttpAnswer {
  if (CLIENT_FAULTS.has(refusal.code)) return jsonAnswer(400, { error: refusal.code, message: refusal.message });
  if (refusal.code === 'ThrottlingException' || refusal.code === 'TooManyRequestsException') return messageAnswer(429, 'Too Many Requests');
  if (refusal.code === 'ServiceUnavailable') return messageAnswer(503, 'Service Unavailable');
  return jsonAnswer(500, { error: refusal.code, message: refusal.message });
}

/**
 * The raw mapping passes Step Functions' error answer through, as an HTTP API AWS service
 * integration returns the service's response: its status and `{"__type", "message"}`.
 */
export function rawRefusalAnswer(refusal: StartRefusal): HttpAnswer {
  return jsonAnswer(refusal.status ?? 400, { __type: errorTypeOf(refusal.code), message: refusal.message });
}

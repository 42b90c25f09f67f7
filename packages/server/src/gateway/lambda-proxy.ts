import type { GatewayRequest } from './gateway-request.js';
import type { HttpAnswer } from './http-answer.js';
import { INTERNAL_ERROR } from './http-answer.js';
import type { FunctionInvoker } from './invokers.js';
import { eventV1, eventV2 } from './request-event.js';

/**
 * A Lambda proxy integration (http-api-develop-integrations-lambda): the request goes to the
 * function as a payload format 1.0 or 2.0 event, and the function's answer becomes the HTTP
 * response. A function error, or an answer the format does not allow, is answered as HTTP APIs
 * answer it: 500 `{"message":"Internal Server Error"}`; the reason goes to `report`.
 */
export async function invokeLambdaProxy(
  functions: FunctionInvoker,
  functionName: string,
  payloadFormat: '1.0' | '2.0',
  request: GatewayRequest,
  report: (problem: Error) => void,
): Promise<HttpAnswer> {
  const event = payloadFormat === '2.0' ? eventV2(request) : eventV1(request);
  const result = await functions.invoke(functionName, JSON.stringify(event), {
    traceHeader: request.trace.traceHeader,
    traceparent: request.trace.traceparent,
    signal: request.signal,
  });
  if (result.functionError !== undefined) {
    report(new Error(`function '${functionName}' failed (${result.functionError}): ${result.payload}`));
    return INTERNAL_ERROR;
  }
  const answer = payloadFormat === '2.0' ? answerV2(result.payload) : answerV1(result.payload);
  if (typeof answer === 'string') {
    report(new Error(`function '${functionName}' answered a malformed Lambda proxy response: ${answer}`));
    return INTERNAL_ERROR;
  }
  return answer;
}

/**
 * Format 2.0: an object with `statusCode` is a response; any other JSON is the body of a 200
 * `application/json` response — a JSON string as its characters ("Hello from Lambda!"), anything
 * else as its JSON text. Returns the problem as a string when the answer is unusable.
 */
export function answerV2(payload: string): HttpAnswer | string {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return 'the payload is not JSON';
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'statusCode' in value) {
    const response = value as Record<string, unknown>;
    const answer = responseOf(response);
    if (typeof answer === 'string') return answer;
    const cookies = response.cookies;
    if (Array.isArray(cookies) && cookies.length > 0) {
      // "In the response to the client, each cookie becomes a set-cookie header."
      return { ...answer, headers: { ...answer.headers, 'set-cookie': cookies.map((cookie) => String(cookie)) } };
    }
    return answer;
  }
  const body = typeof value === 'string' ? value : payload;
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body };
}

/** Format 1.0: only a response object (`statusCode`, `headers`, `multiValueHeaders`, `body`, `isBase64Encoded`). */
export function answerV1(payload: string): HttpAnswer | string {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return 'the payload is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'format 1.0 needs a response object';
  const response = value as Record<string, unknown>;
  if (response.statusCode === undefined || response.statusCode === null) return 'format 1.0 needs a statusCode';
  return responseOf(response);
}

function responseOf(response: Record<string, unknown>): HttpAnswer | string {
  const statusCode = Number(response.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 200 || statusCode > 599) return `statusCode ${JSON.stringify(response.statusCode)} is not an HTTP status`;
  const headers: Record<string, string | string[]> = {};
  const multi = response.multiValueHeaders;
  if (typeof multi === 'object' && multi !== null) {
    for (const [name, values] of Object.entries(multi as Record<string, unknown>)) {
      if (Array.isArray(values)) headers[name.toLowerCase()] = values.map((item) => String(item));
    }
  }
  const single = response.headers;
  if (typeof single === 'object' && single !== null) {
    for (const [name, header] of Object.entries(single as Record<string, unknown>)) {
      if (header === null || header === undefined) continue;
      const lower = name.toLowerCase();
      const known = headers[lower];
      const text = String(header);
      // Both given: AWS merges them, a pair present in both appearing once.
      if (Array.isArray(known)) {
        if (!known.includes(text)) known.push(text);
      } else headers[lower] = text;
    }
  }
  headers['content-type'] ??= 'application/json';
  const rawBody = response.body;
  // A non-string body is sent as its JSON text rather than refused: AWS's handling of it is not documented.
  const text = rawBody === undefined || rawBody === null ? '' : typeof rawBody === 'string' ? rawBody : JSON.stringify(rawBody);
  const base64 = response.isBase64Encoded === true || response.isBase64Encoded === 'true';
  return { statusCode, headers, body: base64 ? Buffer.from(text, 'base64') : text };
}

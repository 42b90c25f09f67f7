import { randomUUID } from 'node:crypto';
import type { Json } from '@flowgate/core';
import { TaskFailure } from '@flowgate/core';
import type { FunctionRegistry } from './function-registry.js';
import type { InvocationOutcome } from './function-runner.js';
import { LambdaServiceError } from './function-runner.js';

export interface LambdaCall {
  /** FunctionName: a name, partial or full ARN, with or without a qualifier. */
  readonly functionName: string;
  /** The event as JSON text. */
  readonly payload: string;
  readonly signal: AbortSignal;
  readonly traceHeader?: string;
  readonly clientContext?: string;
}

export interface LambdaAnswer {
  readonly outcome: InvocationOutcome;
  readonly requestId: string;
}

/**
 * Invokes a registered function. A function error comes back as an answer (as from Lambda's
 * Invoke API); a failure to invoke at all becomes the task error AWS reports for it,
 * `Lambda.<ExceptionName>` with the Java SDK's cause text.
 */
export async function callFunction(registry: FunctionRegistry, call: LambdaCall): Promise<LambdaAnswer> {
  const requestId = randomUUID();
  try {
    const { runner } = registry.resolve(call.functionName);
    const invokedFunctionArn = call.functionName.startsWith('arn:') ? call.functionName : registry.arnOf(call.functionName.split(':')[0] ?? call.functionName);
    const outcome = await runner.invoke({
      payload: call.payload,
      requestId,
      invokedFunctionArn,
      signal: call.signal,
      ...(call.traceHeader === undefined ? {} : { traceHeader: call.traceHeader }),
      ...(call.clientContext === undefined ? {} : { clientContext: call.clientContext }),
    });
    return { outcome, requestId };
  } catch (error) {
    if (error instanceof LambdaServiceError) {
      throw new TaskFailure(
        `Lambda.${error.errorCode}`,
        `${error.message} (Service: AWSLambda; Status Code: ${error.statusCode}; Error Code: ${error.errorCode}; Request ID: ${requestId}; Proxy: null)`,
      );
    }
    throw error;
  }
}

/**
 * A function error fails the task with the function's `errorType` as the error and its error
 * object as the cause. AWS-observed: a direct function ARN keeps the runtime's text as it was
 * (Python's `{"errorMessage": "…", …}` with spaces), `lambda:invoke` re-serialises it compactly.
 * An error object without a type is reported as `Lambda.Unknown`.
 */
export function failureOf(outcome: InvocationOutcome, compactCause = true): TaskFailure {
  let errorType = 'Lambda.Unknown';
  let cause = outcome.payload;
  try {
    const parsed = JSON.parse(outcome.payload) as unknown;
    if (compactCause) cause = JSON.stringify(parsed);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { errorType?: unknown }).errorType === 'string') {
      errorType = (parsed as { errorType: string }).errorType;
    }
  } catch {
    // Not JSON: the raw answer is the best cause there is.
  }
  return new TaskFailure(errorType, cause);
}

/** The function's answer as JSON; an answer that is not JSON stays the text it was. */
export function payloadValue(payload: string): Json {
  if (payload.trim() === '') return null;
  try {
    return JSON.parse(payload) as Json;
  } catch {
    return payload;
  }
}

/** A direct function ARN as Resource: the result is the function's answer itself. */
export function directFunctionResult(answer: LambdaAnswer): Json {
  if (answer.outcome.functionError !== undefined) throw failureOf(answer.outcome, false);
  return payloadValue(answer.outcome.payload);
}

/**
 * `arn:aws:states:::lambda:invoke`: the Invoke API's response as the Java SDK shows it to
 * Step Functions, with the HTTP metadata AWS includes (AWS-observed shape).
 */
export function lambdaInvokeResult(answer: LambdaAnswer, traceHeader: string | undefined, now: Date = new Date()): Json {
  if (answer.outcome.functionError !== undefined) throw failureOf(answer.outcome);
  const version = answer.outcome.executedVersion;
  const headers: Record<string, string> = {
    Connection: 'keep-alive',
    'Content-Length': String(Buffer.byteLength(answer.outcome.payload, 'utf8')),
    'Content-Type': 'application/json',
    Date: now.toUTCString(),
    'X-Amz-Executed-Version': version,
    'x-amzn-Remapped-Content-Length': '0',
    'x-amzn-RequestId': answer.requestId,
  };
  if (traceHeader !== undefined) headers['X-Amzn-Trace-Id'] = traceHeader;
  const allHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) allHeaders[name] = [value];
  return {
    ExecutedVersion: version,
    Payload: payloadValue(answer.outcome.payload),
    SdkHttpMetadata: { AllHttpHeaders: allHeaders, HttpHeaders: headers, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: answer.requestId },
    StatusCode: 200,
  };
}

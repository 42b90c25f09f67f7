/**
 * Turns what an Invoke API endpoint answered into an `InvocationOutcome`, smoothing over the
 * ways local emulators differ from Lambda so that the integration layer sees Lambda's shapes.
 */
import type { InvocationOutcome } from '../function-runner.js';
import { MAX_RESPONSE_BYTES, responseTooLargePayload, timeoutPayload } from '../platform-errors.js';

/** A larger answer than Lambda allows is Lambda's function error, not a service error. */
export const RESPONSE_LIMIT_BYTES = MAX_RESPONSE_BYTES;

export function responseTooLarge(size: number): InvocationOutcome {
  return {
    payload: responseTooLargePayload(size),
    functionError: 'Unhandled',
    executedVersion: '$LATEST',
  };
}

/** What Lambda answers for a function that ran out of time. */
export function timedOut(requestId: string, timeoutSeconds: number): InvocationOutcome {
  return {
    payload: timeoutPayload(requestId, timeoutSeconds),
    functionError: 'Unhandled',
    executedVersion: '$LATEST',
  };
}

// The Lambda Runtime Interface Emulator (behind `sam local start-lambda`) reports a timeout
// as a 200 whose body is plain text `Task timed out after 3.00 seconds` (older releases) or
// `{"errorMessage":"<time> <request id> Task timed out after 3.00 seconds"}` (newer ones),
// without `errorType`, so sam does not flag it as a function error
// (aws-lambda-runtime-interface-emulator cmd/aws-lambda-rie/handlers.go;
// samcli/local/services/base_local_service.py `is_lambda_error_response`).
const EMULATOR_TIMEOUT = /Task timed out after (\d+(?:\.\d+)?) seconds$/;

function emulatorTimeoutSeconds(body: string): number | undefined {
  const text = body.trim();
  if (text.startsWith('Task timed out after')) {
    const match = EMULATOR_TIMEOUT.exec(text);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  }
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const keys = Object.keys(parsed);
    const message = (parsed as Record<string, unknown>).errorMessage;
    if (keys.length !== 1 || typeof message !== 'string') return undefined;
    const match = EMULATOR_TIMEOUT.exec(message);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

export interface RawAnswer {
  readonly payload: string;
  /** `X-Amz-Function-Error` as sent. */
  readonly functionError: string | undefined;
  /** `X-Amz-Executed-Version` as sent. */
  readonly executedVersion: string | undefined;
  /** `X-Amz-Log-Result` as sent (base64). */
  readonly logResult: string | undefined;
}

/**
 * Lambda marks function errors `Handled` or `Unhandled`; any other value an endpoint sends is
 * still a function error, and `Unhandled` is the safe reading. `sam local start-lambda` marks
 * every function error `Unhandled`, even one the function threw itself.
 */
export function outcomeFromAnswer(answer: RawAnswer, requestId: string): InvocationOutcome {
  const executedVersion = answer.executedVersion === undefined || answer.executedVersion === '' ? '$LATEST' : answer.executedVersion;
  const logTail = answer.logResult === undefined || answer.logResult === '' ? undefined : Buffer.from(answer.logResult, 'base64').toString('utf8');
  const tail = logTail === undefined ? {} : { logTail };
  if (answer.functionError === undefined || answer.functionError === '') {
    const seconds = emulatorTimeoutSeconds(answer.payload);
    if (seconds !== undefined) return { ...timedOut(requestId, seconds), executedVersion, ...tail };
    return { payload: answer.payload, executedVersion, ...tail };
  }
  const functionError = answer.functionError === 'Handled' ? 'Handled' : 'Unhandled';
  return { payload: answer.payload, functionError, executedVersion, ...tail };
}

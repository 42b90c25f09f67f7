/**
 * Error documents that Lambda's platform (not the function) writes when an execution
 * environment fails, worded as Lambda words them. All are `Unhandled` function errors.
 *
 * Sources: `Runtime.ExitError` and its message from AWS re:Post "Lambda runtime error"
 * (`RequestId: … Error: Runtime exited with error: exit status 129`); `Runtime exited without
 * providing a reason` for exit status 0; `Function.ResponseSizeTooLarge` and its message from
 * Invoke responses quoted in public issues (`Response payload size (9706999 bytes) exceeded
 * maximum allowed payload size (6291556 bytes).`); `Runtime.OutOfMemory` is the error type Lambda
 * reports when the sandbox kills a function at its memory size (signal: killed). Node's heap
 * limit in a worker stands in for that kill here.
 */
import { runtimeErrorPayload, timeoutMessage } from '../function-runner.js';
import { MAX_RESPONSE_BYTES } from './worker-protocol.js';

export function exitErrorPayload(requestId: string, exitCode: number): string {
  const reason = exitCode === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: exit status ${exitCode}`;
  return runtimeErrorPayload('Runtime.ExitError', `RequestId: ${requestId} Error: ${reason}`);
}

export function outOfMemoryPayload(requestId: string): string {
  return runtimeErrorPayload('Runtime.OutOfMemory', `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`);
}

export function timeoutPayload(requestId: string, timeoutSeconds: number): string {
  return runtimeErrorPayload('Sandbox.Timedout', timeoutMessage(requestId, timeoutSeconds));
}

export function responseTooLargePayload(bytes: number): string {
  return runtimeErrorPayload(
    'Function.ResponseSizeTooLarge',
    `Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
  );
}

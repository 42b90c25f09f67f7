/**
 * The error document Lambda's platform writes when a Node.js environment runs out of memory
 * (the ones every runner shares are in ../platform-errors.ts). An `Unhandled` function error.
 *
 * Sources: `Runtime.ExitError` and its message from AWS re:Post "Lambda runtime error"
 * (`RequestId: … Error: Runtime exited with error: exit status 129`); `Runtime exited without
 * providing a reason` for exit status 0; `Function.ResponseSizeTooLarge` and its message from
 * Invoke responses quoted in public issues (`Response payload size (9706999 bytes) exceeded
 * maximum allowed payload size (6291556 bytes).`); `Runtime.OutOfMemory` is the error type Lambda
 * reports when the sandbox kills a function at its memory size (signal: killed). Node's heap
 * limit in a worker stands in for that kill here.
 */
import { runtimeErrorPayload } from '../function-runner.js';

export function outOfMemoryPayload(requestId: string): string {
  return runtimeErrorPayload('Runtime.OutOfMemory', `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`);
}

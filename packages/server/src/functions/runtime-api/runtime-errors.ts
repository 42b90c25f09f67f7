/**
 * The error documents Lambda's platform writes only for runtime processes (the ones every
 * runner shares are in ../platform-errors.ts), worded as Lambda words them.
 *
 * Sources: the Runtime Interface Emulator (`lambda/fatalerror/fatalerror.go` for the error
 * types `Runtime.ExitError` and `Runtime.InvalidEntrypoint`; `interop.MaxPayloadSize` and the
 * `Function.ResponseSizeTooLarge` message in `lambda/interop/model.go`;
 * `GetErrorResponseWithFormattedErrorMessage` for `RequestId: <id> Error: <error>`). The
 * `<error>` is the text of Go's `exec` errors, since Lambda's supervisor is written in Go:
 * `exit status 3`, `signal: killed`, `fork/exec /var/task/bootstrap: no such file or directory`;
 * CloudWatch logs of real functions show the same words (`Runtime exited with error: signal:
 * killed`, `Runtime exited without providing a reason` for status 0).
 */
import { runtimeErrorPayload } from '../function-runner.js';

// Go's `syscall.Errno` texts for the failures that stop a bootstrap from starting.
const ERRNO_TEXTS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOEXEC: 'exec format error',
  ENOTDIR: 'not a directory',
};

/** The bootstrap could not be started at all (missing, not executable, not a program). */
export function invalidEntrypointPayload(requestId: string, command: string, error: NodeJS.ErrnoException): string {
  const text = (error.code !== undefined ? ERRNO_TEXTS[error.code] : undefined) ?? error.message;
  return runtimeErrorPayload('Runtime.InvalidEntrypoint', `RequestId: ${requestId} Error: fork/exec ${command}: ${text}`);
}

/**
 * What the caller receives for an error the runtime posted (`/invocation/{id}/error`,
 * `/init/error`): Lambda passes the body through untouched. A body that is not a JSON error
 * document is wrapped, so that the integration layer always finds `errorType` and
 * `errorMessage`; the type is the runtime's `Lambda-Runtime-Function-Error-Type` header, else
 * `fallbackType`: `Runtime.InitError` for init (the type Lambda's INIT_REPORT gives a failed
 * init), `Runtime.Unknown` for an invocation (the type Lambda shows for errors it cannot name).
 */
export function postedErrorPayload(body: string, errorType: string | undefined, fallbackType: 'Runtime.InitError' | 'Runtime.Unknown'): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return body;
  } catch {
    // Not JSON: wrapped below.
  }
  return runtimeErrorPayload(errorType ?? fallbackType, body);
}

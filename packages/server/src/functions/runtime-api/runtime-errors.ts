/**
 * The error documents Lambda's platform writes when a runtime process fails rather than the
 * function, worded as Lambda words them. Every one is an `Unhandled` function error.
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
import { runtimeErrorPayload, timeoutMessage } from '../function-runner.js';

/** Lambda's limit on a synchronous payload: 6 MiB and 100 bytes (6,291,556 bytes). */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024 + 100;

// Go's names for signals (`syscall.Signal.String()` on Linux), as `signal: <name>` quotes them.
const SIGNAL_NAMES: Readonly<Record<string, string>> = {
  SIGHUP: 'hangup',
  SIGINT: 'interrupt',
  SIGQUIT: 'quit',
  SIGILL: 'illegal instruction',
  SIGTRAP: 'trace/breakpoint trap',
  SIGABRT: 'aborted',
  SIGBUS: 'bus error',
  SIGFPE: 'floating point exception',
  SIGKILL: 'killed',
  SIGUSR1: 'user defined signal 1',
  SIGSEGV: 'segmentation fault',
  SIGUSR2: 'user defined signal 2',
  SIGPIPE: 'broken pipe',
  SIGALRM: 'alarm clock',
  SIGTERM: 'terminated',
  SIGXCPU: 'CPU time limit exceeded',
  SIGXFSZ: 'file size limit exceeded',
};

// Go's `syscall.Errno` texts for the failures that stop a bootstrap from starting.
const ERRNO_TEXTS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOEXEC: 'exec format error',
  ENOTDIR: 'not a directory',
};

/** How Go's `exec.ExitError` describes the end of a process. */
export function exitDescription(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal !== null) return `signal: ${SIGNAL_NAMES[signal] ?? signal}`;
  return `exit status ${code ?? 0}`;
}

/** The process ended while it owed an answer (or before it finished its init). */
export function exitErrorPayload(requestId: string, code: number | null, signal: NodeJS.Signals | null): string {
  const reason = signal === null && (code ?? 0) === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: ${exitDescription(code, signal)}`;
  return runtimeErrorPayload('Runtime.ExitError', `RequestId: ${requestId} Error: ${reason}`);
}

/** The bootstrap could not be started at all (missing, not executable, not a program). */
export function invalidEntrypointPayload(requestId: string, command: string, error: NodeJS.ErrnoException): string {
  const text = (error.code !== undefined ? ERRNO_TEXTS[error.code] : undefined) ?? error.message;
  return runtimeErrorPayload('Runtime.InvalidEntrypoint', `RequestId: ${requestId} Error: fork/exec ${command}: ${text}`);
}

export function timeoutPayload(requestId: string, timeoutSeconds: number): string {
  return runtimeErrorPayload('Sandbox.Timedout', timeoutMessage(requestId, timeoutSeconds));
}

export function responseTooLargePayload(bytes: number): string {
  return runtimeErrorPayload(
    'Function.ResponseSizeTooLarge',
    `Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${MAX_PAYLOAD_BYTES} bytes).`,
  );
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

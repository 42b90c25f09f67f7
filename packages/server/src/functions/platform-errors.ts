/**
 * The error documents Lambda's platform (not the function) writes when an invocation fails,
 * worded as Lambda words them; every runner answers with these, as `Unhandled` errors.
 *
 * Sources: `Runtime.ExitError` and its message from AWS re:Post "Lambda runtime error"
 * (`RequestId: … Error: Runtime exited with error: exit status 129`, `signal: killed`) and the
 * Runtime Interface Emulator, which words process ends as Go's `exec.ExitError` does; `Runtime
 * exited without providing a reason` for exit status 0; `Function.ResponseSizeTooLarge` and its
 * message from Invoke responses quoted in public issues.
 */
import { runtimeErrorPayload, timeoutMessage } from './function-runner.js';

/** Lambda's limit on a synchronous response: 6 MB, counted as Lambda counts it. */
export const MAX_RESPONSE_BYTES = 6_291_556;

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

/** How Go's `exec.ExitError` describes the end of a process. */
export function exitDescription(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal !== null) return `signal: ${SIGNAL_NAMES[signal] ?? signal}`;
  return `exit status ${code ?? 0}`;
}

/** The runtime ended while it owed an answer (or before it finished its init). */
export function exitErrorPayload(requestId: string, code: number | null, signal: NodeJS.Signals | null = null): string {
  const reason = signal === null && (code ?? 0) === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: ${exitDescription(code, signal)}`;
  return runtimeErrorPayload('Runtime.ExitError', `RequestId: ${requestId} Error: ${reason}`);
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

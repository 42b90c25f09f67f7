import { CommanderError } from 'commander';

/** Exit codes shared by every Flowgate command line. */
export const ExitCode = {
  /** The workflow succeeded, the definition is valid, every case passed. */
  Ok: 0,
  /** The workflow did not succeed, the definition is invalid, a case failed. */
  Failed: 1,
  /** The command could not do its job: bad usage, unreadable file, invalid input. */
  Unusable: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The exit code for an error that escaped a command: commander's own errors (bad usage,
 * help shown) keep their meaning, anything else is reported and means "could not run".
 */
export function exitCodeFor(error: unknown, stderr: (text: string) => void): ExitCode {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Unusable;
  // Engine errors carry AWS's exception name (`InvalidName`…): show it like the AWS CLI does.
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  stderr(`${typeof code === 'string' ? `${code}: ` : ''}${message}\n`);
  return ExitCode.Unusable;
}

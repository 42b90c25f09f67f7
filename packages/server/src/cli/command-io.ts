import { readFile } from 'node:fs/promises';

/**
 * What a command may touch of the outside world. The real process in `cli.ts`; tests pass
 * their own, so that commands run without spawning a process.
 */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  /** Aborted when the user interrupts (Ctrl-C). */
  readonly signal?: AbortSignal;
}

/** A file that the user named could not be read: the command cannot run (exit code 2). */
export class UnreadableFileError extends Error {
  constructor(what: string, file: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`Cannot read ${what} ${file}: ${detail}`);
    this.name = 'UnreadableFileError';
  }
}

export async function readTextFile(what: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UnreadableFileError(what, file, error);
  }
}

export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

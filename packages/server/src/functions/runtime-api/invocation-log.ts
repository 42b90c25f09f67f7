/**
 * A runtime process's output as Lambda's log shows it: the lines the process writes to stdout
 * and stderr, framed by the platform's `START`, `END` and `REPORT` lines, and per invocation
 * the tail that the Invoke API returns as `LogResult` ("the last 4 KB of the execution log").
 */

const TAIL_BYTES = 4096;
// Lambda cuts a log event at 256 KB; a process that writes without line breaks is cut the same way.
const MAX_LINE_CHARS = 256 * 1024;

export interface LineSplitter {
  push(text: string): void;
  /** Emits a last line that had no line break (the stream ended). */
  flush(): void;
}

export function splitLines(onLine: (line: string) => void): LineSplitter {
  let partial = '';
  return {
    push(text) {
      const parts = (partial + text).split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) onLine(part.endsWith('\r') ? part.slice(0, -1) : part);
      while (partial.length > MAX_LINE_CHARS) {
        onLine(partial.slice(0, MAX_LINE_CHARS));
        partial = partial.slice(MAX_LINE_CHARS);
      }
    },
    flush() {
      if (partial !== '') onLine(partial);
      partial = '';
    },
  };
}

/** The lines of one invocation, kept only as far back as its tail needs. */
export class InvocationLog {
  private readonly lines: string[] = [];
  private bytes = 0;

  add(line: string): void {
    this.lines.push(line);
    this.bytes += Buffer.byteLength(line) + 1;
    while (this.lines.length > 1 && this.bytes - Buffer.byteLength(this.lines[0] as string) - 1 >= TAIL_BYTES) {
      this.bytes -= Buffer.byteLength(this.lines.shift() as string) + 1;
    }
  }

  /** The last 4 KB of the invocation's log (whole lines where they fit). */
  tail(): string {
    const text = this.lines.map((line) => `${line}\n`).join('');
    const bytes = Buffer.from(text, 'utf8');
    return bytes.length <= TAIL_BYTES ? text : bytes.subarray(bytes.length - TAIL_BYTES).toString('utf8');
  }
}

export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

export interface ReportFigures {
  readonly durationMs: number;
  readonly memoryMb: number;
  /** Set for the first invocation of a process: how long its init took. */
  readonly initDurationMs?: number;
}

export function reportLine(requestId: string, figures: ReportFigures): string {
  const parts = [
    `REPORT RequestId: ${requestId}`,
    `Duration: ${figures.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${Math.max(1, Math.ceil(figures.durationMs))} ms`,
    `Memory Size: ${figures.memoryMb} MB`,
  ];
  if (figures.initDurationMs !== undefined) parts.push(`Init Duration: ${figures.initDurationMs.toFixed(2)} ms`);
  return parts.join('\t');
}

/** The line Lambda writes when it stops an invocation at its timeout. */
export function timedOutLine(requestId: string, timeoutSeconds: number, now: Date = new Date()): string {
  return `${now.toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

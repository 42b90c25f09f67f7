/**
 * The log of one invocation as Lambda writes it to CloudWatch — `START`, the function's own
 * records, `END` and `REPORT` — forwarded line by line as it happens and kept for the Invoke
 * API's `LogType: Tail`, which returns the last 4 KB.
 */

/** Lambda's LogType Tail: "the last 4 KB of the execution log". */
export const LOG_TAIL_BYTES = 4096;

export interface InvocationReport {
  readonly durationMs: number;
  readonly memorySizeMb: number;
  /** Approximate: the worker's V8 heap, where Lambda measures the whole sandbox. */
  readonly maxMemoryUsedMb?: number;
  /** Set on a cold start. */
  readonly initDurationMs?: number;
  readonly status?: 'timeout' | 'error';
  readonly errorType?: string;
}

export class InvocationLog {
  private readonly records: string[] = [];
  private bytes = 0;

  constructor(
    private readonly requestId: string,
    private readonly forward: (line: string) => void,
  ) {}

  start(): void {
    this.add(`START RequestId: ${this.requestId} Version: $LATEST`);
  }

  add(record: string): void {
    this.records.push(record);
    this.bytes += Buffer.byteLength(record) + 1;
    // Keep what the tail may need and no more, however much the function logs.
    while (this.records.length > 1 && this.bytes - Buffer.byteLength(this.records[0] ?? '') - 1 >= LOG_TAIL_BYTES) {
      this.bytes -= Buffer.byteLength(this.records.shift() ?? '') + 1;
    }
    for (const line of record.split('\n')) this.forward(line);
  }

  timedOut(timeoutSeconds: number): void {
    this.add(`${new Date().toISOString()} ${this.requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
  }

  /** Lambda's own line for a failure of the environment: the message, then the type. */
  platformError(errorType: string, errorMessage: string): void {
    this.add(`${errorMessage}\n${errorType}`);
  }

  end(report: InvocationReport): void {
    this.add(`END RequestId: ${this.requestId}`);
    const fields = [
      `REPORT RequestId: ${this.requestId}`,
      `Duration: ${report.durationMs.toFixed(2)} ms`,
      `Billed Duration: ${Math.max(1, Math.ceil(report.durationMs))} ms`,
      `Memory Size: ${report.memorySizeMb} MB`,
    ];
    if (report.maxMemoryUsedMb !== undefined) fields.push(`Max Memory Used: ${Math.min(report.maxMemoryUsedMb, report.memorySizeMb)} MB`);
    if (report.initDurationMs !== undefined) fields.push(`Init Duration: ${report.initDurationMs.toFixed(2)} ms`);
    if (report.status !== undefined) fields.push(`Status: ${report.status}`);
    if (report.errorType !== undefined) fields.push(`Error Type: ${report.errorType}`);
    this.add(`${fields.join('\t')}\t`);
  }

  /** The last 4 KB, cut at a character boundary. */
  tail(): string {
    const all = Buffer.from(this.records.map((record) => `${record}\n`).join(''));
    if (all.length <= LOG_TAIL_BYTES) return all.toString('utf8');
    let start = all.length - LOG_TAIL_BYTES;
    // Skip UTF-8 continuation bytes (10xxxxxx) so the tail starts on a whole character.
    while (start < all.length && ((all[start] ?? 0) & 0xc0) === 0x80) start += 1;
    return all.subarray(start).toString('utf8');
  }
}

import { describe, expect, it } from 'vitest';
import { InvocationLog, LOG_TAIL_BYTES } from './invocation-log.js';

const ID = '8f5d3c3e-1111-4222-8333-944455556666';

describe('InvocationLog', () => {
  it("writes Lambda's START, END and REPORT lines and forwards each line", () => {
    const forwarded: string[] = [];
    const log = new InvocationLog(ID, (line) => forwarded.push(line));
    log.start();
    log.add('two\nlines');
    log.end({ durationMs: 12.345, memorySizeMb: 128, maxMemoryUsedMb: 40, initDurationMs: 80.5 });
    expect(log.tail()).toBe(
      `START RequestId: ${ID} Version: $LATEST\ntwo\nlines\nEND RequestId: ${ID}\n` +
        `REPORT RequestId: ${ID}\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tInit Duration: 80.50 ms\t\n`,
    );
    expect(forwarded).toEqual([`START RequestId: ${ID} Version: $LATEST`, 'two', 'lines', `END RequestId: ${ID}`, expect.stringMatching(/^REPORT /)]);
  });

  it('reports a timeout and a platform error as Lambda does', () => {
    const log = new InvocationLog(ID, () => undefined);
    log.timedOut(3);
    log.platformError('Runtime.ExitError', `RequestId: ${ID} Error: Runtime exited with error: exit status 3`);
    log.end({ durationMs: 3000, memorySizeMb: 128, status: 'timeout' });
    expect(log.tail()).toMatch(new RegExp(`^\\S+Z ${ID} Task timed out after 3.00 seconds\nRequestId: ${ID} Error: .*\nRuntime.ExitError\n`));
    expect(log.tail()).toMatch(/\tStatus: timeout\t\n$/);
  });

  it('keeps only the last 4 KB, starting on a whole character', () => {
    const log = new InvocationLog(ID, () => undefined);
    for (let i = 0; i < 500; i += 1) log.add(`${i} ${'ü€'.repeat(7)}`);
    const tail = log.tail();
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(LOG_TAIL_BYTES);
    expect(Buffer.byteLength(tail)).toBeGreaterThan(LOG_TAIL_BYTES - 4);
    expect(tail).not.toContain('\uFFFD');
    expect(tail.endsWith(`499 ${'ü€'.repeat(7)}\n`)).toBe(true);
  });
});

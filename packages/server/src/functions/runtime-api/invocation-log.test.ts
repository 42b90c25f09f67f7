import { describe, expect, it } from 'vitest';
import { InvocationLog, reportLine, splitLines } from './invocation-log.js';

describe('invocation log', () => {
  it('splits output into lines across chunks, without carriage returns', () => {
    const lines: string[] = [];
    const splitter = splitLines((line) => lines.push(line));
    splitter.push('one\r\ntw');
    splitter.push('o\nthree');
    expect(lines).toEqual(['one', 'two']);
    splitter.flush();
    expect(lines).toEqual(['one', 'two', 'three']);
  });

  it('cuts a line at 256 KB, as Lambda cuts a log event', () => {
    const lines: string[] = [];
    splitLines((line) => lines.push(line)).push('x'.repeat(300 * 1024));
    expect(lines.map((line) => line.length)).toEqual([256 * 1024]);
  });

  it('keeps the last 4 KB of an invocation as its tail', () => {
    const log = new InvocationLog();
    for (let i = 0; i < 1000; i++) log.add(`line ${i}`);
    const tail = log.tail();
    expect(Buffer.byteLength(tail)).toBe(4096);
    expect(tail.endsWith('line 999\n')).toBe(true);
    const short = new InvocationLog();
    short.add('only');
    expect(short.tail()).toBe('only\n');
  });

  it("writes Lambda's REPORT line", () => {
    expect(reportLine('id-1', { durationMs: 12.345, memoryMb: 128 })).toBe('REPORT RequestId: id-1\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB');
    expect(reportLine('id-2', { durationMs: 0.2, memoryMb: 256, initDurationMs: 80 })).toBe(
      'REPORT RequestId: id-2\tDuration: 0.20 ms\tBilled Duration: 1 ms\tMemory Size: 256 MB\tInit Duration: 80.00 ms',
    );
  });
});

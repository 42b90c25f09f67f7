import { describe, expect, it } from 'vitest';
import { createTaskToken, MAX_TOKEN_LENGTH, readTaskToken } from './task-token.js';

const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:orders:first';

describe('task tokens', () => {
  it('carry their execution and state, and differ per call', () => {
    const first = createTaskToken({ executionArn: EXECUTION, stateName: 'Approve' });
    const second = createTaskToken({ executionArn: EXECUTION, stateName: 'Approve' });
    expect(first).not.toBe(second);
    expect(first).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(readTaskToken(first)).toEqual({ executionArn: EXECUTION, stateName: 'Approve' });
  });

  it('stay within the model’s 2048 characters for the longest names', () => {
    const longest = `arn:aws:states:us-east-1:123456789012:execution:${'m'.repeat(80)}:${'e'.repeat(80)}`;
    expect(createTaskToken({ executionArn: longest, stateName: 's'.repeat(80) }).length).toBeLessThan(MAX_TOKEN_LENGTH);
  });

  it('reads nothing from text this server did not make', () => {
    for (const garbled of ['', 'not a token!', 'abc', Buffer.from('[1,"x","S","n"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url'), Buffer.from(`[2,"${EXECUTION}","S","n"]`).toString('base64url')]) {
      expect(readTaskToken(garbled), garbled).toBeUndefined();
    }
  });
});

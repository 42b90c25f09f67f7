import { describe, expect, it } from 'vitest';
import { exitErrorPayload } from '../platform-errors.js';
import { invalidEntrypointPayload, postedErrorPayload } from './runtime-errors.js';

describe('runtime error documents', () => {
  it("words a process's end as Go's exec errors do", () => {
    expect(JSON.parse(exitErrorPayload('r1', 3, null))).toEqual({ errorType: 'Runtime.ExitError', errorMessage: 'RequestId: r1 Error: Runtime exited with error: exit status 3' });
    expect(JSON.parse(exitErrorPayload('r1', null, 'SIGKILL')).errorMessage).toBe('RequestId: r1 Error: Runtime exited with error: signal: killed');
    expect(JSON.parse(exitErrorPayload('r1', null, 'SIGSEGV')).errorMessage).toBe('RequestId: r1 Error: Runtime exited with error: signal: segmentation fault');
    expect(JSON.parse(exitErrorPayload('r1', 0, null)).errorMessage).toBe('RequestId: r1 Error: Runtime exited without providing a reason');
  });

  it('names a bootstrap that cannot start', () => {
    const error = Object.assign(new Error('spawn /code/bootstrap EACCES'), { code: 'EACCES' });
    expect(JSON.parse(invalidEntrypointPayload('r1', '/code/bootstrap', error))).toEqual({
      errorType: 'Runtime.InvalidEntrypoint',
      errorMessage: 'RequestId: r1 Error: fork/exec /code/bootstrap: permission denied',
    });
  });

  it('passes a posted error document through and wraps anything else', () => {
    const document = '{"errorMessage":"boom","errorType":"CustomError","stackTrace":[]}';
    expect(postedErrorPayload(document, 'Unhandled', 'Runtime.Unknown')).toBe(document);
    expect(JSON.parse(postedErrorPayload('plain text', 'MyError', 'Runtime.Unknown'))).toEqual({ errorType: 'MyError', errorMessage: 'plain text' });
    expect(JSON.parse(postedErrorPayload('', undefined, 'Runtime.Unknown'))).toEqual({ errorType: 'Runtime.Unknown', errorMessage: '' });
    expect(JSON.parse(postedErrorPayload('no config', undefined, 'Runtime.InitError'))).toEqual({ errorType: 'Runtime.InitError', errorMessage: 'no config' });
  });
});

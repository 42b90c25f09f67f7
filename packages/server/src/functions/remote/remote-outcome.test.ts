import { describe, expect, it } from 'vitest';
import { outcomeFromAnswer } from './remote-outcome.js';
import { normalizeErrorCode, serviceErrorFromResponse } from './service-errors.js';

const ID = '8f5e7c2a-1b2c-4d5e-8f90-123456789abc';

function answer(payload: string, functionError?: string) {
  return { payload, functionError, executedVersion: undefined, logResult: undefined };
}

describe('outcomeFromAnswer', () => {
  it('passes a plain answer through with $LATEST', () => {
    expect(outcomeFromAnswer(answer('{"ok":true}'), ID)).toEqual({ payload: '{"ok":true}', executedVersion: '$LATEST' });
  });

  it('reads Handled and treats any other function error value as Unhandled', () => {
    expect(outcomeFromAnswer(answer('{}', 'Handled'), ID).functionError).toBe('Handled');
    expect(outcomeFromAnswer(answer('{}', 'Unhandled'), ID).functionError).toBe('Unhandled');
    expect(outcomeFromAnswer(answer('{}', 'Something'), ID).functionError).toBe('Unhandled');
  });

  it('decodes the base64 log tail', () => {
    const logResult = Buffer.from('START RequestId: x\nhello\n').toString('base64');
    expect(outcomeFromAnswer({ ...answer('1'), logResult }, ID).logTail).toBe('START RequestId: x\nhello\n');
  });

  // Source: aws-lambda-runtime-interface-emulator cmd/aws-lambda-rie/handlers.go, in its
  // plain-text (older) and JSON-without-errorType (newer) forms; sam passes both on as 200s.
  it.each([
    ['Task timed out after 3.00 seconds', 3],
    [`{"errorMessage":"2024-05-01T10:00:00Z ${ID} Task timed out after 15.00 seconds"}`, 15],
  ])('recognises the emulator timeout %s as Sandbox.Timedout', (payload, seconds) => {
    const outcome = outcomeFromAnswer(answer(payload), ID);
    expect(outcome.functionError).toBe('Unhandled');
    expect(JSON.parse(outcome.payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${ID} Error: Task timed out after ${seconds}.00 seconds`,
    });
  });

  it('leaves a function result that merely mentions a timeout alone', () => {
    const payload = '{"errorMessage":"Task timed out after 3.00 seconds","retry":true}';
    expect(outcomeFromAnswer(answer(payload), ID)).toEqual({ payload, executedVersion: '$LATEST' });
  });
});

describe('service errors', () => {
  it('reads codes the way the AWS SDKs do, completing sam short names', () => {
    expect(normalizeErrorCode('ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.lambda/')).toBe('ResourceNotFoundException');
    expect(normalizeErrorCode('com.amazonaws.lambda#TooManyRequestsException')).toBe('TooManyRequestsException');
    expect(normalizeErrorCode('ResourceNotFound')).toBe('ResourceNotFoundException');
    expect(normalizeErrorCode('NotImplemented')).toBe('NotImplemented');
  });

  it('takes the code from the header, then code, then __type, else from the status', () => {
    expect(serviceErrorFromResponse(404, 'ResourceNotFound', '{"Type":"User","Message":"gone"}')).toMatchObject({ errorCode: 'ResourceNotFoundException', message: 'gone' });
    expect(serviceErrorFromResponse(400, undefined, '{"__type":"InvalidParameterValueException","message":"bad"}')).toMatchObject({
      errorCode: 'InvalidParameterValueException',
      message: 'bad',
    });
    expect(serviceErrorFromResponse(502, undefined, '')).toMatchObject({ errorCode: 'ServiceException', message: 'HTTP status 502', statusCode: 502 });
    expect(serviceErrorFromResponse(429, undefined, 'slow down')).toMatchObject({ errorCode: 'TooManyRequestsException', message: 'slow down' });
  });
});

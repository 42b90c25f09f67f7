/**
 * How a Lambda Invoke API names a failure to invoke, turned into `LambdaServiceError`s that
 * carry the exception names of AWS Lambda's API reference (`ResourceNotFoundException`,
 * `TooManyRequestsException`…). The integration layer prefixes them with `Lambda.`, so the
 * names must be the ones Step Functions users write in `ErrorEquals`.
 */
import { LambdaServiceError } from '../function-runner.js';

/**
 * `sam local start-lambda` names its errors in `x-amzn-errortype` without the `Exception`
 * suffix (`ResourceNotFound`, `InvalidRequestContent`, `UnsupportedMediaType`, `Service`:
 * samcli/local/lambda_service/lambda_error_responses.py), where Lambda sends the full
 * exception name. Only names that denote a real Lambda exception are completed; sam's own
 * (`NotImplemented`, `PathNotFoundLocally`…) stay as they are.
 */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  ResourceNotFound: 'ResourceNotFoundException',
  InvalidRequestContent: 'InvalidRequestContentException',
  UnsupportedMediaType: 'UnsupportedMediaTypeException',
  Service: 'ServiceException',
  TooManyRequests: 'TooManyRequestsException',
  InvalidParameterValue: 'InvalidParameterValueException',
  RequestTooLarge: 'RequestTooLargeException',
  ResourceConflict: 'ResourceConflictException',
};

/**
 * The error code as the AWS SDKs read it (`x-amzn-ErrorType: ResourceNotFoundException:http://…`
 * → `ResourceNotFoundException`; `aws.protocoltests#FooError` → `FooError`), then completed
 * where sam shortened it.
 */
export function normalizeErrorCode(raw: string): string {
  let code = raw.trim();
  code = code.split(',')[0] ?? code;
  code = code.split(':')[0] ?? code;
  if (code.includes('#')) code = code.split('#')[1] ?? code;
  return SHORT_NAMES[code] ?? code;
}

/** When the answer names no error at all, the HTTP status decides, as the SDKs' fallbacks do. */
function codeForStatus(status: number): string {
  if (status === 429) return 'TooManyRequestsException';
  if (status >= 500) return 'ServiceException';
  if (status === 404) return 'ResourceNotFoundException';
  // The AWS SDK for Java names an unmodelled Lambda error after the service's base exception.
  return 'AWSLambdaException';
}

function parseErrorBody(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function stringMember(data: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = data[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * A non-2xx answer of the Invoke API. The code comes from where the AWS SDKs look, in their
 * order (restJson1: the `x-amzn-ErrorType` header, then `code`, then `__type`); Lambda writes
 * the message as `Message` for most exceptions and `message` for some (TooManyRequests).
 */
export function serviceErrorFromResponse(status: number, errorTypeHeader: string | undefined, body: string): LambdaServiceError {
  const data = parseErrorBody(body);
  const raw = errorTypeHeader ?? stringMember(data, 'code', 'Code', '__type');
  const code = raw === undefined || raw.trim() === '' ? codeForStatus(status) : normalizeErrorCode(raw);
  const message = stringMember(data, 'Message', 'message', 'errorMessage') ?? (body.trim() === '' ? `HTTP status ${status}` : body.trim());
  return new LambdaServiceError(code, message, status);
}

/**
 * The request never got an answer (connection refused, reset, DNS failure). Step Functions
 * reports this case as `Lambda.SdkClientException` (the Java SDK's name for client-side
 * failures; integrations.md §2.1), which AWS recommends retrying. Status 0: no HTTP answer.
 */
export function clientError(error: unknown, endpoint: string): LambdaServiceError {
  const detail = error instanceof Error ? error.message : String(error);
  return new LambdaServiceError('SdkClientException', `Unable to execute HTTP request to ${endpoint}: ${detail}`, 0);
}

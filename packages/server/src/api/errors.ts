/**
 * An AWS API exception: the server answers it as `{"__type", "message"}` with its HTTP status.
 * Thrown anywhere below an action handler; only the protocol layer serialises it.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** Extra members some exceptions carry (`resourceName`, `reason`). */
  readonly members: Readonly<Record<string, string>>;

  constructor(code: string, message: string, status = 400, members: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.members = members;
  }
}

/**
 * The namespace AWS puts before the exception name in `__type`. Constraint violations come from
 * the request validator of AWS's service framework; everything else from Step Functions itself.
 */
export function errorTypeOf(code: string): string {
  if (code === 'ValidationException') return `com.amazon.coral.validate#${code}`;
  if (PROTOCOL_ERRORS.has(code)) return code;
  return `com.amazonaws.swf.service.v2.model#${code}`;
}

const PROTOCOL_ERRORS = new Set([
  'UnknownOperationException',
  'SerializationException',
  'ThrottlingException',
  'InternalFailure',
  'ServiceUnavailable',
]);

// Status codes from the service model: client faults are 400 unless declared otherwise.
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  ConflictException: 409,
  ResourceNotFound: 404,
  ServiceQuotaExceededException: 402,
  InternalFailure: 500,
  ServiceUnavailable: 503,
};

export function apiError(code: string, message: string, members: Record<string, string> = {}): ApiError {
  return new ApiError(code, message, STATUS_BY_CODE[code] ?? 400, members);
}

export const invalidArn = (arn: string): ApiError => apiError('InvalidArn', `Invalid Arn: 'Invalid ARN prefix: ${arn}'`);
export const expressArnNotValid = (): ApiError =>
  apiError('InvalidArn', "Invalid Arn: 'Resource type not valid in this context: express'");
export const machineDoesNotExist = (arn: string): ApiError =>
  apiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
export const executionDoesNotExist = (arn: string): ApiError =>
  apiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
export const typeNotSupported = (): ApiError =>
  apiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
export const invalidToken = (): ApiError => apiError('InvalidToken', "Invalid Token: 'Invalid token'");
export const invalidName = (name: string): ApiError => apiError('InvalidName', `Invalid Name: '${name}'`);
export const resourceNotFound = (): ApiError =>
  apiError('ResourceNotFound', 'Request references a resource that does not exist.');
export const machineDeleting = (arn: string): ApiError =>
  apiError('StateMachineDeleting', `State Machine is being deleted: '${arn}'`);

/** AWS's wording for one failed model constraint. */
export function constraintViolation(value: unknown, member: string, constraint: string): ApiError {
  const shown = value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return apiError(
    'ValidationException',
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

/**
 * AWS's diagnostic codes and message wording for definition validation.
 *
 * Evidence tags used below:
 * - [recorded]  a conformance case or LocalStack snapshot recorded against real AWS
 * - [measured]  third-party measurements against real AWS published in issue trackers
 *               (floci-io/floci #2735, #2786, #2968, #3733; cfn-lint #4073, #4074, #4077, #4079;
 *               asl-validator #69; functionless #308; boto3 #4539)
 * - [unverified] wording chosen here in AWS's style; no AWS text was found for it
 */

/** The codes AWS's ValidateStateMachineDefinition documents as errors (the subset this module emits). */
export const ValidationCode = {
  SchemaValidationFailed: 'SCHEMA_VALIDATION_FAILED',
  MissingTransitionTarget: 'MISSING_TRANSITION_TARGET',
  MissingEndState: 'MISSING_END_STATE',
  DuplicateStateName: 'DUPLICATE_STATE_NAME',
  InvalidStateName: 'INVALID_STATE_NAME',
  InvalidLabelName: 'INVALID_LABEL_NAME',
  DuplicateLabelName: 'DUPLICATE_LABEL_NAME',
} as const;

export type ValidationCode = (typeof ValidationCode)[keyof typeof ValidationCode];

function list(names: readonly string[]): string {
  return `[${names.join(', ')}]`;
}

/** Java prints doubles with a fraction: AWS says `Minimum value is 0.0` for decimal fields [measured]. */
function javaDouble(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

export const Messages = {
  /** [recorded] LocalStack snapshot EMPTY_STRING (2025-10); no location. */
  notAnObject: (): string => 'Definition must be a valid JSON object',
  /** [recorded] `These fields are required: [States, StartAt]` at `/`; `[Next]` in a Choice rule [measured]. */
  fieldsRequired: (names: readonly string[]): string => `These fields are required: ${list(names)}`,
  /** [recorded] Task Credentials without RoleArn (conformance validation cases). */
  fieldRequiredButMissing: (name: string): string => `The field '${name}' is required but was missing`,
  /** [measured] reported at the object that carries the field, e.g. `/States/M`. */
  fieldNotSupported: (name: string): string => `Field '${name}' is not supported`,
  /** [measured] `There should only be one of the following fields: [MaxItems, MaxItemsPath]`. */
  onlyOneOf: (names: readonly string[]): string => `There should only be one of the following fields: ${list(names)}`,
  /** [unverified] a state or rule that needs exactly one of several fields and has none. */
  oneOfRequired: (names: readonly string[]): string =>
    `Exactly one of the following fields is required: ${list(names)}`,
  /** [measured] `Expected value of type [STRING]`; the other type names are [unverified]. */
  expectedType: (type: 'STRING' | 'INTEGER' | 'NUMBER' | 'BOOLEAN' | 'OBJECT' | 'ARRAY'): string =>
    `Expected value of type [${type}]`,
  /** [measured] `Value should be one of the following: [JSONPath, JSONata]`. */
  oneOfValues: (values: readonly string[]): string => `Value should be one of the following: ${list(values)}`,
  /** [measured] integer fields: `Minimum value is 0`. */
  minimumInteger: (min: number): string => `Minimum value is ${min}`,
  maximumInteger: (max: number): string => `Maximum value is ${max}`,
  /** [measured] decimal fields: `Minimum value is 0.0`, `Maximum value is 100.0`. */
  minimumDecimal: (min: number): string => `Minimum value is ${javaDouble(min)}`,
  maximumDecimal: (max: number): string => `Maximum value is ${javaDouble(max)}`,
  /** [unverified] empty arrays and objects where AWS needs at least one entry. */
  minimumItems: (): string => 'Minimum number of items is 1',
  minimumFields: (): string => 'Minimum number of fields is 1',
  /** [measured] reported at the state, never at the field. */
  wrongQueryLanguage: (language: string, field: string, other: string): string =>
    `The QueryLanguage is set to '${language}', but field '${field}' is only supported for the '${other}' QueryLanguage`,
  /** [recorded] LocalStack snapshot INVALID_DOWNGRADE_QUERY_LANGUAGE, at the state. */
  queryLanguageDowngrade: (): string => "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
  /** [recorded] Wait Timestamp cases (conformance validation cases). */
  notRfc3339: (): string => 'String does not match RFC3339 timestamp',
  /** [recorded] reported at the payload field (`/States/X/Parameters`), not at the key. */
  dynamicValue: (key: string): string =>
    `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`,
  /** [unverified] Assign variable names (spec §6). */
  invalidVariableName: (name: string): string => `The variable name '${name}' is not valid`,
  /** [unverified] */
  reservedVariableName: (name: string): string => `The variable name '${name}' is reserved`,
  /** [unverified] the ASL rule: States.ALL alone in its ErrorEquals. */
  statesAllNotAlone: (): string => "'States.ALL' must be the only element in 'ErrorEquals'",
  /** [unverified] the ASL rule: States.ALL only in the last retrier / catcher. */
  statesAllNotLast: (field: 'Retry' | 'Catch'): string =>
    `The ${field === 'Retry' ? 'retrier' : 'catcher'} with 'States.ALL' must be the last one in '${field}'`,
  /** [unverified] */
  heartbeatNotBelowTimeout: (): string => "'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'",
  /** [measured] the word is always `Next`, also for Default, Choices[i].Next, Catch[i].Next and StartAt. */
  missingNextTarget: (target: string): string => `Missing 'Next' target: ${target}`,
  /** [measured] */
  unreachable: (name: string): string => `State "${name}" is not reachable.`,
  /** [measured] no location (CreateStateMachine prints `at null`). */
  noTerminalState: (): string => 'Workflow has no terminal state',
  /** [measured] Step Functions Local wording, at `/States/<name>`. */
  duplicateStateName: (name: string): string => `Duplicate State name: ${name}`,
  /** [measured] */
  stateNameTooLong: (name: string): string =>
    `Invalid State name: State '${name}' exceeds the 80-character limit allowed by the service`,
  /** [unverified] wording; the codes are AWS's documented INVALID_LABEL_NAME / DUPLICATE_LABEL_NAME. */
  labelEmpty: (): string => 'Invalid Label name: the Label must not be empty',
  labelTooLong: (label: string): string => `Invalid Label name: Label '${label}' exceeds the 40-character limit`,
  labelInvalidCharacter: (label: string): string => `Invalid Label name: Label '${label}' contains an invalid character`,
  duplicateLabel: (label: string): string => `Duplicate Label name: ${label}`,
  /** [recorded] `dynamodb:query` (not an optimized integration); also used here for a Resource that is no ARN. */
  resourceNotRecognized: (resource: string): string =>
    `The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`,
  /** [recorded] the trailing space is AWS's (the CreateStateMachine message shows two spaces before `at`). */
  expressWaitForTaskToken: (): string => "Express state machine does not support '.waitForTaskToken' service integration ",
  /** [recorded] start-sync-execution.md §6 */
  expressSync: (): string => "Express state machine does not support '.sync' service integration",
  /** [recorded] start-sync-execution.md §6 */
  expressActivity: (): string => 'Express state machine does not support Activity ARN',
} as const;

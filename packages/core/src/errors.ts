/**
 * A States error raised while a state runs (`States.Runtime`, `States.TaskFailed`, a
 * function's own error name…). It is thrown only inside the runtime, caught at the state
 * boundary and turned into data that Retry and Catch route; it never leaves the engine.
 */
export class StatesFailure extends Error {
  /** Absent for a Fail state without Error (AWS then reports neither error nor cause). */
  readonly error: string | undefined;
  override readonly cause: string | undefined;
  /**
   * When true, the runtime prefixes the cause with AWS's location sentence:
   * `An error occurred while executing the state 'S' (entered at the event id #2). `
   * (AWS does so for the errors the engine itself raises while evaluating a state.)
   */
  readonly inState: boolean;
  constructor(error: string | undefined, cause?: string, inState = false) {
    super(cause === undefined ? (error ?? 'failed') : `${error ?? 'failed'}: ${cause}`);
    this.name = 'StatesFailure';
    this.error = error;
    this.cause = cause;
    this.inState = inState;
  }
}

/** `States.Runtime` raised by the engine while evaluating a state (AWS prefixes the state's name). */
export function runtimeFailure(detail: string): StatesFailure {
  return new StatesFailure('States.Runtime', detail, true);
}

/** `States.QueryEvaluationError` raised while evaluating a state (JSONata mode). */
export function queryEvaluationFailure(detail: string): StatesFailure {
  return new StatesFailure('States.QueryEvaluationError', detail, true);
}

/** The predefined error names of the States language. */
export const StatesErrors = {
  ALL: 'States.ALL',
  Runtime: 'States.Runtime',
  DataLimitExceeded: 'States.DataLimitExceeded',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  TaskFailed: 'States.TaskFailed',
  Permissions: 'States.Permissions',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  QueryEvaluationError: 'States.QueryEvaluationError',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
} as const;

/** One problem found in a definition: where (JSON Pointer), which rule (code), and AWS's words. */
export interface Diagnostic {
  readonly pointer: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Thrown by `compileStateMachine` when a definition is invalid. The API layer turns it into
 * AWS's `InvalidDefinition` exception; `diagnostics` lists every problem found.
 */
export class DefinitionError extends Error {
  readonly code = 'InvalidDefinition';
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(formatDefinitionMessage(diagnostics));
    this.name = 'DefinitionError';
    this.diagnostics = diagnostics;
  }
}

/**
 * AWS's message for an invalid definition, e.g.
 * `Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at /States/State0/Credentials'`.
 * Several problems are joined with ", " inside the quotes.
 */
export function formatDefinitionMessage(diagnostics: readonly Diagnostic[]): string {
  const parts = diagnostics.map((d) => `${d.code}: ${d.message}${d.pointer === '' ? '' : ` at ${d.pointer}`}`);
  return `Invalid State Machine Definition: '${parts.join(', ')}'`;
}

/**
 * An engine error: the request cannot be carried out at all (bad input, unknown machine…).
 * `code` is named after the AWS exception where one exists; only the API layer turns it into
 * AWS's `{__type, message}`.
 */
export class EngineError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

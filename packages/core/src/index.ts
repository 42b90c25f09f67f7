// The public surface of @flowgate/core. Everything not exported here is internal.
export type { Json, JsonObject } from './json.js';
export { jsonEquals, toJsonText } from './json.js';
export type { Clock, SimulatedClock } from './clock.js';
export { systemClock, createSimulatedClock } from './clock.js';
export type { Diagnostic } from './errors.js';
export { DefinitionError, EngineError, StatesErrors, formatDefinitionMessage } from './errors.js';
export type { TaskPattern, TaskPort, TaskRequest, TaskTokenRequest } from './task-port.js';
export { TaskFailure } from './task-port.js';
export type { HistoryEvent, HistorySink } from './history.js';
export type {
  ExecutionMode,
  ExecutionResult,
  ExecutionStatus,
  StartOptions,
  StateMachineType,
} from './execution.js';
export { ExecutionStopper } from './execution-stopper.js';
export { parseExecutionInput, PAYLOAD_LIMIT_BYTES } from './input.js';
export type { CompileOptions, StateMachine } from './machine.js';
export type { JsonataLimits } from './jsonata/index.js';
export { compileStateMachine, validateStateMachine } from './machine.js';

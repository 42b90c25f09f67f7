// The gateway's public surface: everything else in this folder is internal.
export type { Gateway, GatewayOptions } from './gateway.js';
export { createGateway } from './gateway.js';
export type {
  AsyncStart,
  FunctionInvokeOptions,
  FunctionInvoker,
  FunctionResult,
  SyncOutcome,
  SyncStatus,
  TraceContext,
  WorkflowInvoker,
  WorkflowStartOptions,
} from './invokers.js';
export { WorkflowStartError } from './invokers.js';
export { MappingError } from './jsonata-expression.js';
export { DEFAULT_MAX_BODY_BYTES } from './request-body.js';
export { DEFAULT_ROUTE, RouteConfigError } from './route-table.js';

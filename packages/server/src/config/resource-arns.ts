import { type ArnScope, DEFAULT_SCOPE, stateMachineArnOf } from '../api/arn.js';

/**
 * The ARNs a configuration can refer to before anything runs. Flowgate's resources live in one
 * region and account (us-east-1, 123456789012 unless configured), the same the API server
 * answers with, so an ARN written into a definition is one the engine resolves.
 */
export { type ArnScope, DEFAULT_SCOPE, stateMachineArnOf };

export function functionArnOf(scope: ArnScope, name: string): string {
  return `arn:${scope.partition}:lambda:${scope.region}:${scope.accountId}:function:${name}`;
}

/** The state machine (with `:alias`/`:version` when qualified) an ARN names, if it is one. */
export function workflowOfArn(arn: string): string | undefined {
  const match = /^arn:[^:]+:states:[^:]*:[^:]*:stateMachine:([^:/]+)(?::([^:/]+))?$/.exec(arn);
  if (match === null) return undefined;
  return match[2] === undefined ? match[1] : `${match[1]}:${match[2]}`;
}

/**
 * The function a Lambda integration targets: a function ARN, or API Gateway's invocation URI
 * `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations`.
 * A qualifier (`:live`) is dropped: Flowgate runs one version of each function.
 */
export function functionOfIntegrationUri(uri: string): string | undefined {
  const inner = /:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? uri;
  return /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(inner)?.[1];
}

// Lambda's rule for function names (the short form; ARNs are accepted elsewhere).
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidFunctionName(name: string): boolean {
  return FUNCTION_NAME.test(name);
}

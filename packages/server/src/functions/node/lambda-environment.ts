/**
 * The environment one execution environment (worker) sees: the function's configured
 * variables plus the ones Lambda defines, and nothing of the server's own environment, so
 * that functions see neither the server's secrets nor each other's settings. Names and values
 * follow Lambda's "Defined runtime environment variables" page.
 *
 * Differences kept on purpose for local development: PATH is the server's (functions may start
 * local programs, and Lambda's `/var/lang/bin:…` means nothing here), and neither are Lambda's
layer paths (NODE_PATH) or X-Ray daemon address; `TZ=:UTC` is set as Lambda
 * does, but Node workers keep the process's time zone, so start Flowgate with `TZ=UTC` where
 * local times matter; no AWS credentials are passed (configure them in the function's
 * environment when it calls AWS).
 */
import { randomBytes } from 'node:crypto';
import type { FunctionDefinition } from '../function-runner.js';

/** Lambda's reserved names: configuration cannot override what the runtime defines. */
const RESERVED = new Set([
  '_HANDLER',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'LAMBDA_TASK_ROOT',
]);

export interface EnvironmentIdentity {
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/** `/aws/lambda/<name>` and `YYYY/MM/DD/[$LATEST]<32 hex>`, as Lambda names them, one stream per environment. */
export function environmentIdentity(functionName: string, now: Date = new Date()): EnvironmentIdentity {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
  };
}

export function lambdaEnvironment(definition: FunctionDefinition, identity: EnvironmentIdentity, serverEnv: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const configured = definition.environment ?? {};
  const region = configured.AWS_REGION ?? definition.region ?? 'us-east-1';
  const env: Record<string, string> = {
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  };
  if (serverEnv.PATH !== undefined) env.PATH = serverEnv.PATH;
  for (const [name, value] of Object.entries(configured)) {
    if (!RESERVED.has(name)) env[name] = value;
  }
  Object.assign(env, {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: configured.AWS_DEFAULT_REGION ?? region,
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${process.versions.node.split('.')[0] ?? ''}.x`,
    AWS_LAMBDA_FUNCTION_NAME: definition.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: identity.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: identity.logStreamName,
    LAMBDA_TASK_ROOT: definition.codeDirectory ?? '',
    _HANDLER: definition.handler ?? '',
  });
  return env;
}

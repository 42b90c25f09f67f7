/**
 * The environment Lambda gives a runtime process, as its documentation lists it ("Defined
 * runtime environment variables"). The process does not inherit Flowgate's environment: like
 * Lambda, it sees only what is set here, plus the machine's PATH so that a local bootstrap
 * finds its interpreter and tools.
 */
import { randomBytes } from 'node:crypto';
import type { FunctionDefinition } from '../function-runner.js';

export interface LambdaEnvironmentInput {
  readonly definition: FunctionDefinition;
  /** `LAMBDA_TASK_ROOT`: the function's code, also the process's working directory. */
  readonly taskRoot: string;
  /** `LAMBDA_RUNTIME_DIR`, for runtimes that Flowgate ships (Python). */
  readonly runtimeDirectory?: string;
  /** Variables of the runtime itself (`PYTHONUNBUFFERED`…), which the function may override. */
  readonly runtimeVariables?: Readonly<Record<string, string>>;
  /** The environment Flowgate runs in: PATH, the region and credentials come from it. */
  readonly parent: NodeJS.ProcessEnv;
}

// Credentials the function's AWS SDK would get from its execution role in Lambda; locally
// the developer's own, when set (as `sam local` does).
const PASSED_THROUGH = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

/**
 * Everything but `AWS_LAMBDA_RUNTIME_API` and `AWS_LAMBDA_LOG_STREAM_NAME`, which belong to one
 * process (see `processEnvironment`). Lambda refuses reserved keys in a function's
 * configuration; here they are simply set after the function's own variables, so they win,
 * while the unreserved ones (PATH, LANG, TZ) stay the function's to change.
 */
export function lambdaEnvironment(input: LambdaEnvironmentInput): Record<string, string> {
  const { definition, parent } = input;
  const region = definition.region ?? parent.AWS_REGION ?? parent.AWS_DEFAULT_REGION ?? 'us-east-1';
  const env: Record<string, string> = {
    PATH: parent.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
  };
  for (const name of PASSED_THROUGH) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, input.runtimeVariables, definition.environment);
  Object.assign(env, {
    LAMBDA_TASK_ROOT: input.taskRoot,
    AWS_LAMBDA_FUNCTION_NAME: definition.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${definition.name}`,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
  });
  if (definition.handler !== undefined) env._HANDLER = definition.handler;
  if (input.runtimeDirectory !== undefined) env.LAMBDA_RUNTIME_DIR = input.runtimeDirectory;
  return env;
}

/** The variables that differ per process: its Runtime API endpoint and its log stream. */
export function processEnvironment(base: Readonly<Record<string, string>>, runtimeApi: string, now: Date = new Date()): Record<string, string> {
  return { ...base, AWS_LAMBDA_RUNTIME_API: runtimeApi, AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(now) };
}

/** Lambda's log stream names: `2024/05/01/[$LATEST]` and 32 hex digits, one per environment. */
export function logStreamName(now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

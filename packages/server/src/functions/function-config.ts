import { isAbsolute, resolve } from 'node:path';
import type { FunctionDefinition, FunctionRuntimeKind } from './function-runner.js';

/**
 * A function as a configuration file writes it (the registry of a project, `flowgate serve
 * --functions`). Names follow AWS SAM's function properties, in camelCase:
 * `{ "runtime": "nodejs20.x", "handler": "index.handler", "codeUri": "functions/pricing",
 *    "timeout": 10, "memorySize": 256, "environment": { "TABLE": "orders" } }`.
 */
export interface FunctionConfig {
  readonly runtime: string;
  readonly handler?: string;
  readonly codeUri?: string;
  /** provided runtimes: the bootstrap executable, default `<codeUri>/bootstrap`. */
  readonly bootstrap?: string;
  /** remote: a Lambda Invoke API base URL, or `aws`. */
  readonly endpoint?: string;
  readonly remoteName?: string;
  readonly region?: string;
  readonly timeout?: number;
  readonly memorySize?: number;
  readonly maxConcurrency?: number;
  readonly environment?: Readonly<Record<string, string>>;
}

export class FunctionConfigError extends Error {
  constructor(readonly functionName: string, message: string) {
    super(`Function '${functionName}': ${message}`);
    this.name = 'FunctionConfigError';
  }
}

/** Lambda's runtime identifiers, mapped to the runner that runs them here. */
export function runtimeKindOf(runtime: string): FunctionRuntimeKind | undefined {
  if (/^nodejs(\d+(\.x)?)?$/.test(runtime)) return 'nodejs';
  if (/^python3(\.\d+)?$/.test(runtime)) return 'python';
  if (/^provided(\.al20\d\d)?$/.test(runtime)) return 'provided';
  if (runtime === 'remote') return 'remote';
  return undefined;
}

const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_MB = 128;

/** Checks one function's configuration; relative paths resolve from `baseDirectory`. */
export function functionDefinitionOf(name: string, config: FunctionConfig, baseDirectory: string): FunctionDefinition {
  if (typeof config !== 'object' || config === null) throw new FunctionConfigError(name, 'must be an object');
  const kind = runtimeKindOf(String(config.runtime));
  if (kind === undefined) {
    throw new FunctionConfigError(name, `runtime '${String(config.runtime)}' is not supported (nodejs*, python3*, provided*, remote)`);
  }
  const timeout = config.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 900) throw new FunctionConfigError(name, 'timeout must be 1 to 900 seconds');
  const memory = config.memorySize ?? DEFAULT_MEMORY_MB;
  if (!Number.isInteger(memory) || memory < 128 || memory > 10_240) throw new FunctionConfigError(name, 'memorySize must be 128 to 10240 MB');
  if ((kind === 'nodejs' || kind === 'python') && typeof config.handler !== 'string') {
    throw new FunctionConfigError(name, `a ${kind} function needs a handler such as 'index.handler'`);
  }
  if (kind === 'remote' && typeof config.endpoint !== 'string') throw new FunctionConfigError(name, "a remote function needs an endpoint (a URL, or 'aws')");
  const path = (value: string): string => (isAbsolute(value) ? value : resolve(baseDirectory, value));
  return {
    name,
    kind,
    timeoutSeconds: timeout,
    memoryMb: memory,
    ...(config.handler === undefined ? {} : { handler: config.handler }),
    ...(kind === 'remote' ? {} : { codeDirectory: path(config.codeUri ?? '.') }),
    ...(config.bootstrap === undefined ? {} : { bootstrap: path(config.bootstrap) }),
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    ...(config.remoteName === undefined ? {} : { remoteName: config.remoteName }),
    ...(config.region === undefined ? {} : { region: config.region }),
    ...(config.maxConcurrency === undefined ? {} : { maxConcurrency: config.maxConcurrency }),
    ...(config.environment === undefined ? {} : { environment: { ...config.environment } }),
  };
}

/** `{ "functions": { "<name>": FunctionConfig } }` */
export function functionDefinitionsOf(document: unknown, baseDirectory: string): FunctionDefinition[] {
  const functions = (document as { functions?: unknown } | null)?.functions;
  if (typeof functions !== 'object' || functions === null || Array.isArray(functions)) {
    throw new FunctionConfigError('*', "the file must hold an object 'functions' mapping names to functions");
  }
  return Object.entries(functions as Record<string, FunctionConfig>).map(([name, config]) => functionDefinitionOf(name, config, baseDirectory));
}

import type { FunctionDefinition, FunctionRunner, FunctionRunnerFactory, FunctionRuntimeKind } from './function-runner.js';
import { LambdaServiceError } from './function-runner.js';

export interface ResolvedFunction {
  readonly definition: FunctionDefinition;
  readonly runner: FunctionRunner;
  /** The unqualified ARN the function answers to (`context.invokedFunctionArn` adds a qualifier). */
  readonly arn: string;
}

export interface FunctionRegistryOptions {
  readonly factories: Partial<Record<FunctionRuntimeKind, FunctionRunnerFactory>>;
  /** Where functions named without an ARN live. */
  readonly region?: string;
  readonly accountId?: string;
}

// Lambda accepts a name, a partial ARN (`123456789012:function:name`) or a full ARN, each
// optionally with a version or alias qualifier (`name:live`, `…:function:name:3`).
const FULL_ARN = /^arn:[^:]+:lambda:([^:]*):([^:]*):function:([^:]+)(?::([^:]+))?$/;
const PARTIAL_ARN = /^(\d{12}):function:([^:]+)(?::([^:]+))?$/;
const NAME = /^([^:]+)(?::([^:]+))?$/;

/** The function name (and qualifier) a FunctionName or function ARN refers to. */
export function parseFunctionReference(reference: string): { name: string; qualifier?: string } | undefined {
  const full = FULL_ARN.exec(reference);
  if (full !== null) return withQualifier(full[3] as string, full[4]);
  const partial = PARTIAL_ARN.exec(reference);
  if (partial !== null) return withQualifier(partial[2] as string, partial[3]);
  const plain = NAME.exec(reference);
  if (plain !== null) return withQualifier(plain[1] as string, plain[2]);
  return undefined;
}

function withQualifier(name: string, qualifier: string | undefined): { name: string; qualifier?: string } {
  return qualifier === undefined ? { name } : { name, qualifier };
}

/**
 * The functions a server can call, by name, ARN, version or alias. A local function has one
 * version of its code: every qualifier runs it (and reports `$LATEST`). Runners start lazily
 * on the first invocation and are shared by every execution.
 */
export class FunctionRegistry {
  private readonly definitions = new Map<string, FunctionDefinition>();
  private readonly runners = new Map<string, FunctionRunner>();
  /** Runners of a previous set of functions, closed once their invocations can have ended. */
  private readonly retiring = new Set<{ runner: FunctionRunner; timer: NodeJS.Timeout }>();
  /** The definitions the current runners were made from (their timeouts bound retirement). */
  private readonly runnerDefinitions = new Map<string, FunctionDefinition>();
  private readonly region: string;
  private readonly accountId: string;

  constructor(
    definitions: readonly FunctionDefinition[],
    private readonly options: FunctionRegistryOptions,
  ) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    for (const definition of definitions) this.register(definition);
  }

  register(definition: FunctionDefinition): void {
    this.definitions.set(definition.name, definition);
    this.runnerDefinitions.set(definition.name, definition);
  }

  get size(): number {
    return this.definitions.size;
  }

  names(): string[] {
    return [...this.definitions.keys()];
  }

  arnOf(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`;
  }

  /** Throws Lambda's ResourceNotFoundException when nothing answers to the reference. */
  resolve(reference: string): ResolvedFunction {
    const parsed = parseFunctionReference(reference);
    const definition = parsed === undefined ? undefined : this.definitions.get(parsed.name);
    if (parsed === undefined || definition === undefined) {
      const arn = parsed === undefined ? reference : `${this.arnOf(parsed.name)}:${parsed.qualifier ?? '$LATEST'}`;
      throw new LambdaServiceError('ResourceNotFoundException', `Function not found: ${arn}`, 404);
    }
    let runner = this.runners.get(definition.name);
    if (runner === undefined) {
      const factory = this.options.factories[definition.kind];
      if (factory === undefined) {
        throw new LambdaServiceError('InvalidRuntimeException', `No runner for functions of kind '${definition.kind}'`, 502);
      }
      runner = factory(definition);
      this.runners.set(definition.name, runner);
    }
    return { definition, runner, arn: this.arnOf(definition.name) };
  }

  /**
   * Swaps in a new set of functions (a reload). Invocations already running finish on the
   * runner they started on; that runner is closed once the longest timeout it allows has
   * passed. The next invocation of a function starts a fresh runner, with the new code.
   */
  replaceAll(definitions: readonly FunctionDefinition[]): void {
    const retiring = [...this.runners.entries()];
    this.runners.clear();
    this.definitions.clear();
    for (const definition of definitions) this.register(definition);
    for (const [name, runner] of retiring) {
      const timeoutMs = ((this.runnerDefinitions.get(name)?.timeoutSeconds ?? 900) + 1) * 1000;
      const timer = setTimeout(() => void runner.close(), timeoutMs);
      timer.unref();
      this.retiring.add({ runner, timer });
    }
    this.runnerDefinitions.clear();
    for (const definition of definitions) this.runnerDefinitions.set(definition.name, definition);
  }

  async close(): Promise<void> {
    for (const { runner, timer } of this.retiring) {
      clearTimeout(timer);
      void runner.close();
    }
    this.retiring.clear();
    const runners = [...this.runners.values()];
    this.runners.clear();
    await Promise.all(runners.map((runner) => runner.close()));
  }
}

// The functions conformance cases call (`lambdaFunctions`: ARN, runtime, behaviour), written
// as real Python handlers so that their answers, error objects and stack traces are made the
// way AWS's Python runtime makes them.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FunctionDefinition } from '../functions/function-runner.js';
import { parseFunctionReference } from '../functions/function-registry.js';

export interface CaseFunction {
  readonly arn: string;
  readonly runtime: string;
  readonly behaviour: string;
  readonly errorType?: string;
  readonly errorMessage?: string;
}

export function caseFunctionsOf(lambdaFunctions: readonly unknown[] | undefined): CaseFunction[] {
  return (lambdaFunctions ?? []).filter(
    (f): f is CaseFunction => typeof f === 'object' && f !== null && typeof (f as CaseFunction).arn === 'string' && typeof (f as CaseFunction).behaviour === 'string',
  );
}

/**
 * The handler file for a behaviour, laid out like the recorded functions' own files, since
 * the recorded stack traces quote their line numbers (`/var/task/handler.py, line 9`).
 */
export function handlerSource(fn: CaseFunction): string {
  switch (fn.behaviour) {
    case 'identity':
      return 'def handler(event, context):\n    return event\n';
    case 'python-str-prefix':
      return 'def handler(event, context):\n    return "input-event-" + str(event)\n';
    case 'constant':
      return 'def handler(event, context):\n    return b\'"HelloWorld!"\'\n';
    case 'raise': {
      const type = fn.errorType ?? 'Exception';
      if (type === 'Exception') return `def handler(event, context):\n    raise Exception(${JSON.stringify(fn.errorMessage ?? '')})\n`;
      // A custom class whose str() is empty: the message lives in an attribute, not in args.
      return [
        `class ${type}(Exception):`,
        '    message: str',
        '',
        '    def __init__(self):',
        `        self.message = "${type} message"`,
        '',
        '',
        'def handler(event, context):',
        `    raise ${type}()`,
        '',
      ].join('\n');
    }
    default:
      throw new Error(`conformance function ${fn.arn}: unknown behaviour '${fn.behaviour}'`);
  }
}

/** Writes each function's handler into its own folder and returns their definitions. */
export async function writeCaseFunctions(functions: readonly CaseFunction[], folder: string): Promise<FunctionDefinition[]> {
  const byName = new Map<string, CaseFunction>();
  for (const fn of functions) {
    const name = parseFunctionReference(fn.arn)?.name;
    if (name !== undefined) byName.set(name, fn);
  }
  const definitions: FunctionDefinition[] = [];
  for (const [name, fn] of byName) {
    const codeDirectory = join(folder, name);
    await mkdir(codeDirectory, { recursive: true });
    await writeFile(join(codeDirectory, 'handler.py'), handlerSource(fn));
    definitions.push({ name, kind: 'python', handler: 'handler.handler', codeDirectory, timeoutSeconds: 30, memoryMb: 128 });
  }
  return definitions;
}

/**
 * `kind: 'provided'`: any language, through a `bootstrap` executable that speaks the Lambda
 * Runtime API, exactly as on Lambda's `provided.al2023` runtime. The executable runs with the
 * function's code directory as its working directory and `LAMBDA_TASK_ROOT`.
 *
 * Memory: `memoryMb` reaches the process as `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` and the REPORT
 * line, and is not enforced. Lambda limits resident memory through cgroups, which a local
 * process without privileges cannot set up; `ulimit -v` would limit address space instead,
 * and runtimes that reserve far more address space than they use (the JVM, V8, Go) would
 * then fail to start at sizes where they run fine on Lambda.
 */
import { resolve } from 'node:path';
import type { FunctionDefinition, FunctionRunner } from '../function-runner.js';
import { lambdaEnvironment } from './lambda-environment.js';
import type { RuntimeApiRunnerSettings } from './runtime-api-runner.js';
import { createRuntimeApiRunner } from './runtime-api-runner.js';

export function createProvidedFunctionRunner(definition: FunctionDefinition, settings: RuntimeApiRunnerSettings = {}): FunctionRunner {
  const taskRoot = resolve(definition.codeDirectory ?? '.');
  // A relative bootstrap path is relative to the code, as Lambda's /var/task/bootstrap is.
  const bootstrap = resolve(taskRoot, definition.bootstrap ?? 'bootstrap');
  const env = lambdaEnvironment({ definition, taskRoot, parent: settings.parentEnvironment ?? process.env });
  return createRuntimeApiRunner(definition, { command: bootstrap, args: [], cwd: taskRoot, env }, settings);
}

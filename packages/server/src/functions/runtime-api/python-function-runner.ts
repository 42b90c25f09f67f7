/**
 * `kind: 'python'`: a handler `module.function` (`app.handler`, `pkg.orders.handler`) run by the
 * machine's `python3` under Flowgate's own bootstrap, a small standard-library program that
 * speaks the Lambda Runtime API like Lambda's Python runtime interface client does (context,
 * error documents, init errors). A Python function needs nothing installed beyond Python.
 *
 * The bootstrap is a .py file outside `src/` (`packages/server/runtimes/python/`), since the
 * TypeScript build copies no other files; this module finds it relative to the package root,
 * which is three folders up from both `src/functions/runtime-api/` and
 * `dist/functions/runtime-api/`.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FunctionDefinition, FunctionRunner } from '../function-runner.js';
import { lambdaEnvironment } from './lambda-environment.js';
import type { RuntimeApiRunnerSettings } from './runtime-api-runner.js';
import { createRuntimeApiRunner } from './runtime-api-runner.js';

export const PYTHON_BOOTSTRAP = fileURLToPath(new URL('../../../runtimes/python/flowgate_bootstrap.py', import.meta.url));

export interface PythonRunnerSettings extends RuntimeApiRunnerSettings {
  /** The interpreter, found on PATH (default `python3`). */
  readonly python?: string;
}

export function createPythonFunctionRunner(definition: FunctionDefinition, settings: PythonRunnerSettings = {}): FunctionRunner {
  const taskRoot = resolve(definition.codeDirectory ?? '.');
  const env = lambdaEnvironment({
    definition,
    taskRoot,
    runtimeDirectory: dirname(PYTHON_BOOTSTRAP),
    runtimeVariables: {
      // Lambda's runtime writes every print at once, so that it is logged with its invocation.
      PYTHONUNBUFFERED: '1',
      // Lambda's /var/task is read-only: no __pycache__ folders appear in the function's code.
      PYTHONDONTWRITEBYTECODE: '1',
    },
    parent: settings.parentEnvironment ?? process.env,
  });
  return createRuntimeApiRunner(definition, { command: settings.python ?? 'python3', args: [PYTHON_BOOTSTRAP], cwd: taskRoot, env }, settings);
}

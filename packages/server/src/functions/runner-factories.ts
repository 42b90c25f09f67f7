import type { FunctionRunnerFactory, FunctionRuntimeKind } from './function-runner.js';
import { createNodeFunctionRunner } from './node/index.js';
import { createRemoteFunctionRunner } from './remote/index.js';
import { createProvidedFunctionRunner, createPythonFunctionRunner } from './runtime-api/index.js';

/** Where function output goes: one line at a time, with the function's name. */
export type FunctionLogSink = (functionName: string, line: string) => void;

/** The runner of each kind of function. */
export function defaultRunnerFactories(onLog?: FunctionLogSink): Partial<Record<FunctionRuntimeKind, FunctionRunnerFactory>> {
  const settings = onLog === undefined ? {} : { onLog };
  return {
    nodejs: (definition) => createNodeFunctionRunner(definition, settings),
    provided: (definition) => createProvidedFunctionRunner(definition, settings),
    python: (definition) => createPythonFunctionRunner(definition, settings),
    remote: (definition) => createRemoteFunctionRunner(definition),
  };
}

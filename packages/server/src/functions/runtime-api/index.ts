export { createProvidedFunctionRunner } from './provided-function-runner.js';
export { createPythonFunctionRunner, PYTHON_BOOTSTRAP } from './python-function-runner.js';
export type { PythonRunnerSettings } from './python-function-runner.js';
export { DEFAULT_PROCESSES } from './runtime-api-runner.js';
export type { RuntimeApiRunnerSettings } from './runtime-api-runner.js';
export { startRuntimeApiEndpoint } from './runtime-api-server.js';
export type { RuntimeAnswer, RuntimeApiEndpoint, RuntimeApiListener, RuntimeEvent } from './runtime-api-server.js';

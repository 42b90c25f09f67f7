/** The Node.js function runner: Lambda-style handlers in worker threads. */
export { createNodeFunctionRunner } from './node-function-runner.js';
export type { NodeFunctionRunnerOptions } from './node-function-runner.js';

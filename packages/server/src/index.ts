// The public surface of the `flowgate` package: what a project's `flowgate.config.ts` imports.
export { defineProject } from './config/project-schema.js';
export type { CorsOption, ProjectConfig, ResponseOptions, RouteEntry, RouteOptions, WorkflowEntry } from './config/project-schema.js';
export type { FunctionConfig } from './functions/function-config.js';

// The public surface of the configuration loaders. Everything not exported here is internal.
export { ConfigError, type ConfigErrorCode, type FieldPath, jsonPathOf } from './config-error.js';
export { findApplication, findApplicationFile, type ApplicationFile, type ApplicationLoadOptions, TEMPLATE_FILES } from './find-application.js';
export { loadProject, loadProjectFile, projectFromDocument, PROJECT_FILES, type ProjectLoadOptions } from './project-loader.js';
export { defineProject } from './project-schema.js';
export type { CorsOption, ProjectConfig, ResponseOptions, RouteEntry, RouteOptions, WorkflowEntry } from './project-schema.js';
export { loadSamTemplate, type SamLoadOptions } from './sam-template.js';

// The REST API (API Gateway v1) integration's public surface: everything else here is internal.
export type { RestRouteHandler } from './service-integration-route.js';
export { compileServiceIntegrationRoute } from './service-integration-route.js';
export type { MappingTemplate, TemplateOverrides, TemplateVariables } from './mapping-template.js';
export { compileMappingTemplate, TemplateRenderError } from './mapping-template.js';

import type { IntegrationResponseConfig } from '../app/application.js';
import { javaString } from './java-values.js';
import { parseJsonPath, select } from './json-path.js';
import { compileMappingTemplate, type MappingTemplate, type TemplateOverrides } from './mapping-template.js';

export interface CompiledIntegrationResponse {
  readonly pattern: RegExp | undefined;
  readonly statusCode: number;
  /** Lower-case content type → template, in declaration order. */
  readonly templates: ReadonlyMap<string, MappingTemplate>;
  readonly parameters: readonly ResponseParameter[];
}

interface ResponseParameter {
  /** Lower-case header name. */
  readonly header: string;
  readonly source: string;
}

/**
 * An integration's responses. For an `AWS` integration the selection pattern is matched against
 * the service response's HTTP status code (api-gateway-integration-settings-integration-response),
 * as a whole-string Java regular expression; the response without a pattern is the default.
 */
export function compileIntegrationResponses(configs: readonly IntegrationResponseConfig[], where: string, problems: string[]): CompiledIntegrationResponse[] {
  return configs.map((config) => {
    let pattern: RegExp | undefined;
    if (config.selectionPattern !== undefined) {
      try {
        pattern = new RegExp(`^(?:${config.selectionPattern})$`, 's');
      } catch (error) {
        problems.push(`${where}: selectionPattern '${config.selectionPattern}' is not a regular expression: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const templates = new Map<string, MappingTemplate>();
    for (const [contentType, text] of Object.entries(config.responseTemplates ?? {})) {
      try {
        templates.set(contentType.toLowerCase(), compileMappingTemplate(text));
      } catch (error) {
        problems.push(`${where}: response template for ${contentType}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const parameters: ResponseParameter[] = [];
    for (const [target, source] of Object.entries(config.responseParameters ?? {})) {
      const header = /^method\.response\.header\.(.+)$/.exec(target)?.[1];
      if (header === undefined) problems.push(`${where}: response parameter '${target}' must be method.response.header.<name>`);
      else parameters.push({ header: header.toLowerCase(), source });
    }
    return { pattern, statusCode: config.statusCode, templates, parameters };
  });
}

/** The first response whose pattern matches `status`, else the default one. */
export function selectIntegrationResponse(responses: readonly CompiledIntegrationResponse[], status: number): CompiledIntegrationResponse | undefined {
  const text = String(status);
  return responses.find((response) => response.pattern?.test(text) === true) ?? responses.find((response) => response.pattern === undefined);
}

/**
 * The template for the client's `Accept` type, else `application/json`, else the first one
 * (request-response-data-mappings: the response template is chosen by the Accept header).
 */
export function responseTemplateFor(response: CompiledIntegrationResponse, accept: string | undefined): { readonly contentType: string; readonly template: MappingTemplate } | undefined {
  const wanted = accept?.split(',').map((type) => type.split(';', 1)[0]?.trim().toLowerCase() ?? '') ?? [];
  for (const type of [...wanted, 'application/json']) {
    const template = response.templates.get(type);
    if (template !== undefined) return { contentType: type, template };
  }
  const first = response.templates.entries().next();
  return first.done === true ? undefined : { contentType: first.value[0], template: first.value[1] };
}

export interface ParameterSources {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly context: Readonly<Record<string, unknown>>;
  readonly stageVariables: Readonly<Record<string, string>>;
}

/**
 * `responseParameters` values (request-response-data-mappings): a `'literal'`,
 * `integration.response.header.<name>`, `integration.response.multivalueheader.<name>`,
 * `integration.response.body` or `integration.response.body.<JSONPath without $>`,
 * `context.<name>` and `stageVariables.<name>`. A source that yields nothing sets no header.
 */
export function responseHeaders(response: CompiledIntegrationResponse, sources: ParameterSources): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { header, source } of response.parameters) {
    const value = parameterValue(source, sources);
    if (value !== undefined && value !== '') headers[header] = value;
  }
  return headers;
}

function parameterValue(source: string, sources: ParameterSources): string | undefined {
  const literal = /^'(.*)'$/s.exec(source);
  if (literal !== null) return literal[1];
  const header = /^integration\.response\.(?:multivalue)?header\.(.+)$/.exec(source)?.[1];
  if (header !== undefined) return sources.headers[header.toLowerCase()];
  if (source === 'integration.response.body') return sources.body;
  const bodyPath = /^integration\.response\.body\.(.+)$/.exec(source)?.[1];
  if (bodyPath !== undefined) {
    try {
      const value = select(parseJsonPath(`$.${bodyPath}`), JSON.parse(sources.body));
      return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
    } catch {
      return undefined;
    }
  }
  const context = /^context\.(.+)$/.exec(source)?.[1];
  if (context !== undefined) {
    let value: unknown = sources.context;
    for (const part of context.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
    return value === undefined ? undefined : javaString(value);
  }
  const stageVariable = /^stageVariables\.(.+)$/.exec(source)?.[1];
  if (stageVariable !== undefined) return sources.stageVariables[stageVariable];
  return undefined;
}

/** The status and headers after the template's `$context.responseOverride`, which win. */
export function applyOverrides(statusCode: number, headers: Record<string, string>, overrides: TemplateOverrides | undefined): { statusCode: number; headers: Record<string, string> } {
  if (overrides === undefined) return { statusCode, headers };
  return { statusCode: overrides.status ?? statusCode, headers: { ...headers, ...overrides.headers } };
}

import type { ServiceIntegrationTarget } from '../app/application.js';
import { compileMappingTemplate, type MappingTemplate } from './mapping-template.js';

export type PassthroughBehavior = ServiceIntegrationTarget['passthroughBehavior'];

/** What to send the integration: a rendered template, the body as it came, or nothing (415). */
export type RequestTemplateChoice =
  | { readonly kind: 'template'; readonly template: MappingTemplate }
  | { readonly kind: 'passthrough' }
  | { readonly kind: 'unsupported' };

export interface RequestTemplates {
  choose(mediaType: string | undefined): RequestTemplateChoice;
}

/**
 * The integration request's templates, keyed by lower-case content type, with the passthrough
 * behaviour that decides what happens when none fits the request's Content-Type
 * (integration-passthrough-behaviors): WHEN_NO_MATCH passes the body through unmapped;
 * WHEN_NO_TEMPLATES passes it through only when no template is defined at all, else 415;
 * NEVER always answers 415. A request without a Content-Type is taken as `application/json`.
 */
export function compileRequestTemplates(templates: Readonly<Record<string, string>>, behavior: PassthroughBehavior, where: string, problems: string[]): RequestTemplates {
  const compiled = new Map<string, MappingTemplate>();
  for (const [contentType, text] of Object.entries(templates)) {
    try {
      compiled.set(contentType.toLowerCase(), compileMappingTemplate(text));
    } catch (error) {
      problems.push(`${where}: request template for ${contentType}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return {
    choose(mediaType) {
      const template = compiled.get(mediaType ?? 'application/json');
      if (template !== undefined) return { kind: 'template', template };
      if (behavior === 'WHEN_NO_MATCH' || (behavior === 'WHEN_NO_TEMPLATES' && compiled.size === 0)) return { kind: 'passthrough' };
      return { kind: 'unsupported' };
    },
  };
}

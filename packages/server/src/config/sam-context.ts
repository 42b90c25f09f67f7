import type { RouteTarget } from '../app/application.js';
import { type At, child, configError, jsonPathOf } from './config-error.js';
import { isRecord, type Record_ } from './document-checks.js';
import { withGlobals } from './sam-globals.js';
import type { TemplateEvaluator } from './template-evaluator.js';
import type { WarningLog } from './warning-log.js';

/** What every SAM resource reader works with. */
export interface SamContext {
  readonly file: string;
  /** The template's folder: `CodeUri`, `DefinitionUri` and include locations resolve from it. */
  readonly root: string;
  readonly evaluator: TemplateEvaluator;
  readonly warnings: WarningLog;
  readonly globals: ReadonlyMap<string, Record_>;
  /** `Metadata.Flowgate.mapResponses`: StepFunctions routes answer with Flowgate's mapping, not AWS's raw record. */
  readonly mapResponses: boolean;
}

export interface SamResource {
  readonly id: string;
  readonly type: string;
  /** As written, with the Globals of its type merged in; intrinsics not yet evaluated. */
  readonly properties: Record_;
  readonly at: At;
}

export function samResource(id: string, type: string, raw: Record_, cx: SamContext): SamResource {
  const at: At = { file: cx.file, path: ['Resources', id] };
  const properties = raw.Properties === undefined ? {} : raw.Properties;
  if (!isRecord(properties)) throw configError('InvalidType', child(at, 'Properties'), { expected: 'an object', got: typeof properties });
  return { id, type, properties: withGlobals(cx.globals.get(type), properties), at };
}

/** A property of a resource, evaluated; `undefined` when absent or `AWS::NoValue`. */
export function property(resource: SamResource, name: string, cx: SamContext): unknown {
  const value = resource.properties[name];
  return value === undefined ? undefined : cx.evaluator.property(value, propertyAt(resource, name));
}

export function propertyAt(resource: SamResource, ...path: (string | number)[]): At {
  return child(resource.at, 'Properties', ...path);
}

/**
 * A route an event source declares (`Events: { Type: HttpApi | Api }`), before it is attached to
 * its API: the one named by `ApiId`/`RestApiId`, or SAM's implicit `ServerlessHttpApi` /
 * `ServerlessRestApi`.
 */
export interface EventRoute {
  readonly api: string;
  readonly apiKind: 'http' | 'rest';
  readonly method: string;
  readonly path: string;
  readonly target: RouteTarget;
  readonly at: At;
}

export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';
export const IMPLICIT_REST_API = 'ServerlessRestApi';

/** The logical id an event's `ApiId: !Ref MyApi` names (APIs' Ref is their logical id here). */
export function apiOf(value: unknown, kind: 'http' | 'rest', at: At, cx: SamContext): string {
  if (value === undefined) return kind === 'http' ? IMPLICIT_HTTP_API : IMPLICIT_REST_API;
  const id = cx.evaluator.property(value, at);
  const type = typeof id === 'string' ? cx.evaluator.typeOf(id) : undefined;
  const expected = kind === 'http' ? 'AWS::Serverless::HttpApi' : 'AWS::Serverless::Api';
  if (typeof id !== 'string' || type !== expected) {
    throw configError('InvalidValue', at, { rule: `must reference an ${expected} of this template (as !Ref MyApi)` });
  }
  return id;
}

export function routeSource(at: At): string {
  return `${at.file}: ${jsonPathOf(at.path)}`;
}

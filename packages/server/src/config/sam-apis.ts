import { isAbsolute, resolve } from 'node:path';
import type { CorsConfig } from '../app/application.js';
import { type At, child, configError, describeType } from './config-error.js';
import { readDocument } from './document-file.js';
import { isRecord, type Record_ } from './document-checks.js';
import { type OpenApiOperation, readOpenApiOperations, type RouteTargets } from './openapi-routes.js';
import { readCors } from './route-options.js';
import { includedFrom } from './template-includes.js';
import { IMPLICIT_HTTP_API, property, propertyAt, type SamContext, type SamResource } from './sam-context.js';

/** An API of the template: its CORS and the operations its OpenAPI document declares. */
export interface SamApi {
  readonly id: string;
  readonly kind: 'http' | 'rest';
  readonly cors?: CorsConfig;
  /** REST APIs: the stage their routes are served under (`StageName`; `Prod` for SAM's implicit API). */
  readonly stageName?: string;
  readonly operations: readonly OpenApiOperation[];
}

/** `AWS::Serverless::HttpApi` or `AWS::Serverless::Api`, Globals merged. */
export async function readSamApi(resource: SamResource, cx: SamContext, targets: RouteTargets): Promise<SamApi> {
  const kind = resource.type === 'AWS::Serverless::HttpApi' ? 'http' : 'rest';
  const auth = property(resource, 'Auth', cx);
  if (isRecord(auth) && (auth.Authorizers !== undefined || auth.DefaultAuthorizer !== undefined || auth.ApiKeyRequired === true)) {
    cx.warnings.report('Authorizers and API keys are not enforced; these routes are open locally', resource.id);
  }
  const body = await definitionOf(resource, cx);
  const operations = body === undefined ? [] : readOpenApiOperations(body.document, body.at, kind, cx, targets);
  const cors = kind === 'http' ? httpApiCors(resource, body, cx) : restApiCors(property(resource, 'Cors', cx), propertyAt(resource, 'Cors'));
  const stageName = kind === 'rest' ? restStageName(property(resource, 'StageName', cx), propertyAt(resource, 'StageName')) : undefined;
  return { id: resource.id, kind, ...(cors === undefined ? {} : { cors }), ...(stageName === undefined ? {} : { stageName }), operations };
}

/** SAM requires `StageName` on an `AWS::Serverless::Api`; its implicit API's stage is `Prod`. */
function restStageName(value: unknown, at: At): string {
  if (value === undefined) return 'Prod';
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]+$/.test(value)) {
    throw configError('InvalidValue', at, { rule: `must be a stage name of letters, digits, '-' and '_' (got ${JSON.stringify(value)})` });
  }
  return value;
}

/** SAM's implicit API, which events without an ApiId / RestApiId join; it takes its type's Globals. */
export function implicitApi(id: string, cx: SamContext): SamApi {
  const kind = id === IMPLICIT_HTTP_API ? 'http' : 'rest';
  const globals = cx.globals.get(kind === 'http' ? 'AWS::Serverless::HttpApi' : 'AWS::Serverless::Api') ?? {};
  const at = { file: cx.file, path: ['Globals', kind === 'http' ? 'HttpApi' : 'Api'] };
  const corsProperty = kind === 'http' ? 'CorsConfiguration' : 'Cors';
  const value = globals[corsProperty] === undefined ? undefined : cx.evaluator.property(globals[corsProperty], child(at, corsProperty));
  const cors = kind === 'http' ? samHttpCors(value, child(at, corsProperty)) : restApiCors(value, child(at, corsProperty));
  return { id, kind, ...(cors === undefined ? {} : { cors }), ...(kind === 'rest' ? { stageName: 'Prod' } : {}), operations: [] };
}

async function definitionOf(resource: SamResource, cx: SamContext): Promise<{ document: unknown; at: At } | undefined> {
  const body = resource.properties.DefinitionBody;
  if (body !== undefined) {
    const included = includedFrom(body);
    const at = included === undefined ? propertyAt(resource, 'DefinitionBody') : { file: included, path: [] };
    return { document: cx.evaluator.property(body, at), at };
  }
  const uri = property(resource, 'DefinitionUri', cx);
  if (uri === undefined) return undefined;
  if (isRecord(uri) || (typeof uri === 'string' && uri.startsWith('s3://'))) {
    cx.warnings.report('OpenAPI documents in S3 are not read (point DefinitionUri at the local file); the API has only its event routes', resource.id);
    return undefined;
  }
  if (typeof uri !== 'string') {
    throw configError('InvalidType', propertyAt(resource, 'DefinitionUri'), { expected: 'a file path', got: describeType(uri) });
  }
  const file = isAbsolute(uri) ? uri : resolve(cx.root, uri);
  // Uploaded as is by `sam package`: no intrinsics are evaluated in it (AWS::Include is the way to get them).
  return { document: await readDocument(file, { cloudFormation: false, from: propertyAt(resource, 'DefinitionUri') }), at: { file, path: [] } };
}

/**
 * An HTTP API's CORS: the OpenAPI `x-amazon-apigateway-cors` extension, with the
 * `CorsConfiguration` property's fields taking precedence (SAM merges the two that way).
 */
function httpApiCors(resource: SamResource, body: { document: unknown; at: At } | undefined, cx: SamContext): CorsConfig | undefined {
  const extension = isRecord(body?.document) ? body.document['x-amazon-apigateway-cors'] : undefined;
  const fromBody = extension === undefined || body === undefined ? undefined : readCors(extension, child(body.at, 'x-amazon-apigateway-cors'));
  const fromProperty = samHttpCors(property(resource, 'CorsConfiguration', cx), propertyAt(resource, 'CorsConfiguration'));
  if (fromBody === undefined) return fromProperty;
  return fromProperty === undefined ? fromBody : { ...fromBody, ...fromProperty };
}

/** `CorsConfiguration: true` allows every origin (and only that, per samtranslator); an object has HttpApi's PascalCase fields. */
function samHttpCors(value: unknown, at: At): CorsConfig | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return { allowOrigins: ['*'] };
  if (typeof value === 'string') return { allowOrigins: [value] };
  if (!isRecord(value)) throw configError('InvalidType', at, { expected: 'true or a CORS configuration', got: describeType(value) });
  const camel: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) camel[`${key.charAt(0).toLowerCase()}${key.slice(1)}`] = entry;
  return readCors(camel, at);
}

/**
 * A REST API's `Cors`: a header value string (`"'*'"`), or an object whose fields are header
 * values in single quotes (`AllowMethods: "'GET,POST'"`), which is how SAM writes them into
 * the OPTIONS responses it generates.
 */
function restApiCors(value: unknown, at: At): CorsConfig | undefined {
  if (value === undefined) return undefined;
  const unquote = (text: unknown, fieldAt: At): string[] => {
    if (typeof text === 'number') return [String(text)];
    if (typeof text !== 'string') {
      throw configError('InvalidType', fieldAt, { expected: "a quoted header value such as \"'*'\"", got: describeType(text) });
    }
    return text.replace(/^'|'$/g, '').split(',').map((item) => item.trim()).filter((item) => item !== '');
  };
  if (typeof value === 'string') return { allowOrigins: unquote(value, at) };
  if (!isRecord(value)) throw configError('InvalidType', at, { expected: 'a quoted origin or a Cors object', got: describeType(value) });
  const record: Record_ = value;
  if (record.AllowOrigin === undefined) throw configError('MissingField', at, { field: 'AllowOrigin' });
  const maxAge = record.MaxAge === undefined ? undefined : Number(unquote(record.MaxAge, child(at, 'MaxAge'))[0]);
  return {
    allowOrigins: unquote(record.AllowOrigin, child(at, 'AllowOrigin')),
    ...(record.AllowMethods === undefined ? {} : { allowMethods: unquote(record.AllowMethods, child(at, 'AllowMethods')) }),
    ...(record.AllowHeaders === undefined ? {} : { allowHeaders: unquote(record.AllowHeaders, child(at, 'AllowHeaders')) }),
    ...(maxAge === undefined || Number.isNaN(maxAge) ? {} : { maxAge }),
    ...(record.AllowCredentials === true ? { allowCredentials: true } : {}),
  };
}

import { type FunctionConfig, FunctionConfigError, functionDefinitionOf, runtimeKindOf } from '../functions/function-config.js';
import type { FunctionDefinition } from '../functions/function-runner.js';
import { child, configError } from './config-error.js';
import { expectInteger, expectRecord, expectScalarMap, expectString, isRecord } from './document-checks.js';
import { isValidFunctionName } from './resource-arns.js';
import { readMethod, readPayloadFormat, readRoutePath } from './route-options.js';
import { apiOf, type EventRoute, property, propertyAt, type SamContext, type SamResource } from './sam-context.js';
import { apiEventSources } from './sam-events.js';

export interface SamFunction {
  /** Undefined when the function cannot run here (an image, a Java runtime…): warned, skipped. */
  readonly definition?: FunctionDefinition;
  readonly routes: readonly EventRoute[];
}

// Properties that change how a function runs on AWS but that Flowgate cannot reproduce.
const IGNORED_WITH_WARNING: Readonly<Record<string, string>> = {
  Layers: 'Lambda layers are not emulated; functions run without them',
  VpcConfig: 'VPC configuration is not emulated; functions reach the network directly',
  FileSystemConfigs: 'EFS file systems are not emulated',
  FunctionUrlConfig: 'Function URLs are not emulated; use an HttpApi event',
};

/** `AWS::Serverless::Function` (Globals merged): its definition for the function registry, and its API events. */
export function readSamFunction(resource: SamResource, cx: SamContext): SamFunction {
  const name = cx.evaluator.physicalName(resource.id, resource.at);
  if (!isValidFunctionName(name)) {
    throw configError('InvalidValue', propertyAt(resource, 'FunctionName'), { rule: 'a function name is 1 to 64 letters, digits, hyphens or underscores' });
  }
  for (const [key, topic] of Object.entries(IGNORED_WITH_WARNING)) {
    if (resource.properties[key] !== undefined) cx.warnings.report(topic, resource.id);
  }
  const definition = readDefinition(name, resource, cx);
  // A function that cannot run still has its routes dropped with it, not left dangling.
  return { ...(definition === undefined ? {} : { definition }), routes: definition === undefined ? [] : readEvents(name, resource, cx) };
}

function readDefinition(name: string, resource: SamResource, cx: SamContext): FunctionDefinition | undefined {
  if (property(resource, 'PackageType', cx) === 'Image') return skip(cx, 'Container image functions are not emulated; skipped', resource.id);
  if (resource.properties.InlineCode !== undefined) return skip(cx, 'InlineCode functions are not emulated; skipped', resource.id);
  const codeUri = property(resource, 'CodeUri', cx);
  if (isRecord(codeUri) || (typeof codeUri === 'string' && codeUri.startsWith('s3://'))) {
    return skip(cx, 'Functions whose CodeUri is in S3 are not emulated (point CodeUri at the local folder); skipped', resource.id);
  }
  const runtime = property(resource, 'Runtime', cx);
  if (runtime === undefined) throw configError('MissingField', propertyAt(resource), { field: 'Runtime' });
  const runtimeText = expectString(runtime, propertyAt(resource, 'Runtime'));
  if (runtimeKindOf(runtimeText) === undefined) {
    return skip(cx, `Runtimes other than nodejs*, python3* and provided* are not emulated; skipped`, `${resource.id} (${runtimeText})`);
  }

  const config: Record<string, unknown> = { runtime: runtimeText };
  const handler = property(resource, 'Handler', cx);
  if (handler !== undefined) config.handler = expectString(handler, propertyAt(resource, 'Handler'));
  if (codeUri !== undefined) config.codeUri = expectString(codeUri, propertyAt(resource, 'CodeUri'));
  const timeout = property(resource, 'Timeout', cx);
  if (timeout !== undefined) config.timeout = expectInteger(timeout, propertyAt(resource, 'Timeout'), 1, 900);
  const memory = property(resource, 'MemorySize', cx);
  if (memory !== undefined) config.memorySize = expectInteger(memory, propertyAt(resource, 'MemorySize'), 128, 10_240);
  // Reserved concurrency is the limit Lambda throttles at, which is what maxConcurrency models.
  const reserved = property(resource, 'ReservedConcurrentExecutions', cx);
  if (reserved !== undefined) config.maxConcurrency = expectInteger(reserved, propertyAt(resource, 'ReservedConcurrentExecutions'), 0, 1_000_000);
  const environment = property(resource, 'Environment', cx);
  if (environment !== undefined) {
    const variables = expectRecord(environment, propertyAt(resource, 'Environment')).Variables;
    if (variables !== undefined) config.environment = expectScalarMap(variables, propertyAt(resource, 'Environment', 'Variables'));
  }
  try {
    return functionDefinitionOf(name, config as unknown as FunctionConfig, cx.root);
  } catch (error) {
    if (error instanceof FunctionConfigError) throw configError('InvalidValue', propertyAt(resource), { rule: error.message });
    throw error;
  }
}

function readEvents(name: string, resource: SamResource, cx: SamContext): EventRoute[] {
  const sources = apiEventSources(
    resource,
    cx,
    ['HttpApi', 'Api'],
    (type) => `Function events of type ${type} are not emulated (invoke the function through the Lambda API instead)`,
    true,
  );
  return sources.map(({ at, type, properties, propertiesAt }) => {
    const kind = type === 'HttpApi' ? 'http' : 'rest';
    // An HttpApi event without Path and Method is the API's catch-all `$default` route.
    const catchAll = kind === 'http' && properties.Path === undefined && properties.Method === undefined;
    if (!catchAll && properties.Path === undefined) throw configError('MissingField', propertiesAt, { field: 'Path' });
    if (!catchAll && properties.Method === undefined) throw configError('MissingField', propertiesAt, { field: 'Method' });
    // REST APIs have only format 1.0; HTTP APIs default to 2.0 (SAM's PayloadFormatVersion default).
    const version = kind === 'http' ? properties.PayloadFormatVersion : undefined;
    const payloadFormat = version === undefined ? (kind === 'rest' ? '1.0' : '2.0') : readPayloadFormat(version, child(propertiesAt, 'PayloadFormatVersion'));
    return {
      api: apiOf(kind === 'http' ? properties.ApiId : properties.RestApiId, kind, child(propertiesAt, kind === 'http' ? 'ApiId' : 'RestApiId'), cx),
      apiKind: kind,
      method: catchAll ? 'ANY' : readMethod(properties.Method, child(propertiesAt, 'Method')),
      path: catchAll ? '$default' : readRoutePath(properties.Path, child(propertiesAt, 'Path')),
      target: { kind: 'function', function: name, payloadFormat },
      at,
    };
  });
}

function skip(cx: SamContext, topic: string, subject: string): undefined {
  cx.warnings.report(topic, subject);
  return undefined;
}

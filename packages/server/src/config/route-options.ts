import type { CorsConfig, RequestMapping, ResponseDefaults, ResponseMapping } from '../app/application.js';
import { type At, child, configError, describeType } from './config-error.js';
import {
  checkKeys,
  expectBoolean,
  expectInteger,
  expectNonEmptyString,
  expectOneOf,
  expectRecord,
  expectString,
  expectStringList,
  isRecord,
} from './document-checks.js';

/**
 * The options of a route that both front doors share: Flowgate projects write them directly,
 * SAM templates opt into them (`x-flowgate-response`, `Metadata.Flowgate`).
 */

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;

/** A Lambda proxy payload format version; YAML may write it as the number 2.0, hence the text form. */
export function readPayloadFormat(value: unknown, at: At): '1.0' | '2.0' {
  return expectOneOf(typeof value === 'number' ? value.toFixed(1) : value, ['1.0', '2.0'] as const, at);
}

export function readMethod(value: unknown, at: At): string {
  return expectOneOf(value, HTTP_METHODS, at, true);
}

/**
 * API Gateway's path syntax: `/`, `/orders/{id}`, a greedy `{proxy+}` as the last segment, or
 * HTTP APIs' catch-all `$default`.
 */
export function readRoutePath(value: unknown, at: At): string {
  const path = expectString(value, at);
  if (path === '$default') return path;
  if (!path.startsWith('/')) throw configError('InvalidValue', at, { rule: `a route path starts with '/' (got ${JSON.stringify(path)})` });
  const segments = path.split('/').slice(1);
  segments.forEach((segment, index) => {
    if (segment === '' && !(index === 0 && segments.length === 1)) {
      throw configError('InvalidValue', at, { rule: `a route path has no empty segments (got ${JSON.stringify(path)})` });
    }
    if (!segment.includes('{') && !segment.includes('}')) return;
    const parameter = /^\{([A-Za-z0-9._-]+)(\+?)\}$/.exec(segment);
    if (parameter === null) {
      throw configError('InvalidValue', at, { rule: `a path parameter fills a whole segment, as {id} or {proxy+} (got ${JSON.stringify(segment)})` });
    }
    if (parameter[2] === '+' && index !== segments.length - 1) {
      throw configError('InvalidValue', at, { rule: `a greedy parameter ${segment} must be the last segment` });
    }
  });
  return path;
}

/** `'default'`, `{ jsonata: '…' }`, or `{ parameters: { Input: '$request.body', … } }` as an HTTP API integration writes them. */
export function readRequestMapping(value: unknown, at: At): RequestMapping {
  if (value === 'default') return { kind: 'default' };
  const record = expectRecord(value, at, "'default', { jsonata } or { parameters }");
  checkKeys(record, ['jsonata', 'parameters'], at);
  if (record.jsonata !== undefined && record.parameters !== undefined) {
    throw configError('InvalidValue', at, { rule: "give either 'jsonata' or 'parameters', not both" });
  }
  if (record.jsonata !== undefined) return { kind: 'jsonata', expression: expectNonEmptyString(record.jsonata, child(at, 'jsonata')) };
  if (record.parameters === undefined) throw configError('MissingField', at, { field: 'jsonata' });
  return { kind: 'request-parameters', parameters: readRequestParameters(record.parameters, child(at, 'parameters')) };
}

// The parameters a StepFunctions-Start(Sync)Execution integration takes besides StateMachineArn.
const REQUEST_PARAMETERS = ['Input', 'Name', 'TraceHeader', 'Region'] as const;

export function readRequestParameters(value: unknown, at: At): Readonly<Record<string, string>> {
  const record = expectRecord(value, at);
  checkKeys(record, REQUEST_PARAMETERS, at);
  const parameters: Record<string, string> = {};
  for (const [key, entry] of Object.entries(record)) parameters[key] = expectString(entry, child(at, key));
  return parameters;
}

/** `'default'`, `'raw'`, `{ jsonata: '…' }`, or `{ errors: { Name: status }, exposeCause }` (default mapping, tuned). */
export function readResponseMapping(value: unknown, at: At): ResponseMapping {
  if (value === 'default') return { kind: 'default' };
  if (value === 'raw') return { kind: 'raw' };
  const record = expectRecord(value, at, "'default', 'raw', { jsonata } or { errors, exposeCause }");
  if (record.jsonata !== undefined) {
    checkKeys(record, ['jsonata'], at);
    return { kind: 'jsonata', expression: expectNonEmptyString(record.jsonata, child(at, 'jsonata')) };
  }
  return { kind: 'default', ...readResponseDefaults(record, at) };
}

export function readResponseDefaults(value: unknown, at: At): ResponseDefaults {
  const record = expectRecord(value, at);
  checkKeys(record, ['errors', 'exposeCause'], at);
  return {
    ...(record.errors === undefined ? {} : { errors: readErrorStatuses(record.errors, child(at, 'errors')) }),
    ...(record.exposeCause === undefined ? {} : { exposeCause: expectBoolean(record.exposeCause, child(at, 'exposeCause')) }),
  };
}

/** Error name → HTTP status: `{ "Validation.Failed": 400, "States.ALL": 502 }`. */
export function readErrorStatuses(value: unknown, at: At): Readonly<Record<string, number>> {
  const record = expectRecord(value, at, 'an object of error names to HTTP statuses');
  const statuses: Record<string, number> = {};
  for (const [name, status] of Object.entries(record)) {
    if (name.trim() === '') throw configError('InvalidValue', at, { rule: 'an error name must not be empty' });
    statuses[name] = expectInteger(status, child(at, name), 100, 599);
  }
  return statuses;
}

/**
 * `true` allows every origin, method and header (what a local API usually wants); an object
 * gives HTTP API's fields in camelCase.
 */
export function readCors(value: unknown, at: At): CorsConfig {
  if (value === true) return { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'] };
  if (!isRecord(value)) throw configError('InvalidType', at, { expected: 'true or an object', got: describeType(value) });
  checkKeys(value, ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'maxAge', 'allowCredentials'], at);
  if (value.allowOrigins === undefined) throw configError('MissingField', at, { field: 'allowOrigins' });
  const lists = ['allowMethods', 'allowHeaders', 'exposeHeaders'] as const;
  const cors: CorsConfig = {
    allowOrigins: expectStringList(value.allowOrigins, child(at, 'allowOrigins')),
    ...Object.fromEntries(lists.filter((key) => value[key] !== undefined).map((key) => [key, expectStringList(value[key], child(at, key))])),
    ...(value.maxAge === undefined ? {} : { maxAge: expectInteger(value.maxAge, child(at, 'maxAge'), -1, 86_400) }),
    ...(value.allowCredentials === undefined ? {} : { allowCredentials: expectBoolean(value.allowCredentials, child(at, 'allowCredentials')) }),
  };
  // The CORS specification forbids credentials with a wildcard origin; API Gateway refuses it too.
  if (cors.allowCredentials === true && cors.allowOrigins.includes('*')) {
    throw configError('InvalidValue', child(at, 'allowCredentials'), { rule: "cannot be true when allowOrigins contains '*'" });
  }
  return cors;
}

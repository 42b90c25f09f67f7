import type { CorsConfig, RouteConfig, RouteTarget } from '../app/application.js';
import { type At, child, configError, jsonPathOf } from './config-error.js';
import { checkKeys, expectInteger, expectOneOf, expectRecord, expectString, isRecord, type Record_ } from './document-checks.js';
import { readCors, readMethod, readPayloadFormat, readRequestMapping, readResponseMapping, readRoutePath } from './route-options.js';

export interface RouteNames {
  readonly workflows: readonly string[];
  readonly functions: readonly string[];
  /** The project's `cors`, for routes that set none. */
  readonly cors?: CorsConfig;
}

const OPTION_KEYS = ['workflow', 'function', 'invocation', 'request', 'response', 'payloadFormat', 'cors', 'maxBodyBytes'];

/**
 * `routes` as a list (`- { method: POST, path: /orders, workflow: orders }`) or as a map keyed
 * by route (`"POST /orders": { workflow: orders }`). Either way, a method and path pair may be
 * declared once.
 */
export function readRoutes(value: unknown, at: At, names: RouteNames): RouteConfig[] {
  const entries: { method: unknown; path: unknown; options: Record_; at: At; methodAt: At; pathAt: At }[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const itemAt = child(at, index);
      const record = expectRecord(item, itemAt, 'a route (an object with method, path and a workflow or function)');
      checkKeys(record, ['method', 'path', ...OPTION_KEYS], itemAt);
      if (record.method === undefined) throw configError('MissingField', itemAt, { field: 'method' });
      if (record.path === undefined) throw configError('MissingField', itemAt, { field: 'path' });
      entries.push({ method: record.method, path: record.path, options: record, at: itemAt, methodAt: child(itemAt, 'method'), pathAt: child(itemAt, 'path') });
    });
  } else if (isRecord(value)) {
    for (const [key, options] of Object.entries(value)) {
      const itemAt = child(at, key);
      const match = /^(\S+)\s+(\S+)$/.exec(key.trim());
      if (match === null) {
        throw configError('InvalidValue', itemAt, { rule: `a route key is "METHOD /path", e.g. "POST /orders" (got ${JSON.stringify(key)})` });
      }
      const record = expectRecord(options, itemAt, 'route options (an object with a workflow or function)');
      checkKeys(record, OPTION_KEYS, itemAt);
      entries.push({ method: match[1], path: match[2], options: record, at: itemAt, methodAt: itemAt, pathAt: itemAt });
    }
  } else {
    throw configError('InvalidType', at, { expected: 'a list of routes or an object keyed by "METHOD /path"', got: typeof value });
  }

  const declared = new Map<string, At>();
  return entries.map((entry) => {
    const method = readMethod(entry.method, entry.methodAt);
    const path = readRoutePath(entry.path, entry.pathAt);
    const key = `${method} ${path}`;
    const first = declared.get(key);
    if (first !== undefined) throw configError('DuplicateRoute', entry.at, { route: key, first: jsonPathOf(first.path) });
    declared.set(key, entry.at);
    return readRoute(method, path, entry.options, entry.at, names);
  });
}

function readRoute(method: string, path: string, options: Record_, at: At, names: RouteNames): RouteConfig {
  const cors = options.cors === undefined ? names.cors : readCors(options.cors, child(at, 'cors'));
  return {
    method,
    path,
    target: readTarget(options, at, names),
    source: `${at.file}: ${jsonPathOf(at.path)}`,
    ...(cors === undefined ? {} : { cors }),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: expectInteger(options.maxBodyBytes, child(at, 'maxBodyBytes'), 1, Number.MAX_SAFE_INTEGER) }),
  };
}

function readTarget(options: Record_, at: At, names: RouteNames): RouteTarget {
  if (options.workflow !== undefined && options.function !== undefined) {
    throw configError('InvalidValue', at, { rule: "a route targets either a 'workflow' or a 'function', not both" });
  }
  if (options.function !== undefined) {
    for (const key of ['invocation', 'request', 'response'] as const) {
      if (options[key] !== undefined) {
        throw configError('InvalidValue', child(at, key), {
          rule: `'${key}' applies to workflow routes; a function route answers as a Lambda proxy integration`,
        });
      }
    }
    const name = expectString(options.function, child(at, 'function'));
    if (!names.functions.includes(name)) {
      throw configError('UnknownReference', child(at, 'function'), { kind: 'function', name, known: names.functions.join(', ') });
    }
    const payloadFormat = options.payloadFormat === undefined ? '2.0' : readPayloadFormat(options.payloadFormat, child(at, 'payloadFormat'));
    return { kind: 'function', function: name, payloadFormat };
  }
  if (options.workflow === undefined) throw configError('MissingField', at, { field: 'workflow or function' });
  if (options.payloadFormat !== undefined) {
    throw configError('InvalidValue', child(at, 'payloadFormat'), { rule: "'payloadFormat' applies to function routes" });
  }
  const workflow = expectString(options.workflow, child(at, 'workflow'));
  // `orders:live` and `orders:3` address an alias or a version of `orders`.
  const base = workflow.split(':')[0] ?? workflow;
  if (!names.workflows.includes(base)) {
    throw configError('UnknownReference', child(at, 'workflow'), { kind: 'workflow', name: base, known: names.workflows.join(', ') });
  }
  return {
    kind: 'workflow',
    workflow,
    invocation: options.invocation === undefined ? 'sync' : expectOneOf(options.invocation, ['sync', 'async'] as const, child(at, 'invocation')),
    request: options.request === undefined ? { kind: 'default' } : readRequestMapping(options.request, child(at, 'request')),
    response: options.response === undefined ? { kind: 'default' } : readResponseMapping(options.response, child(at, 'response')),
  };
}

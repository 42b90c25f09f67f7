import { dirname, isAbsolute, resolve } from 'node:path';
import { type At, child, configError } from './config-error.js';
import { readDocument } from './document-file.js';
import { isRecord } from './document-checks.js';
import type { WarningLog } from './warning-log.js';

const MAX_DEPTH = 8;

// Included documents, so that errors and route sources inside one name its own file.
const origins = new WeakMap<object, string>();

/** The file a value was included from, when it is the root of an AWS::Include. */
export function includedFrom(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? origins.get(value) : undefined;
}

/**
 * Expands `Fn::Transform: { Name: AWS::Include, Parameters: { Location: api.yaml } }` with the
 * content of a local file, before anything is evaluated (CloudFormation also runs transforms
 * first). The usual use is an OpenAPI document for `DefinitionBody` whose integrations reference
 * template resources with `Fn::GetAtt`.
 *
 * Included YAML is read without the short forms (`!GetAtt`): the AWS::Include documentation
 * says shorthand notation is not supported in snippets, so Flowgate rejects it as deploying would.
 * An S3 location cannot be read here; it is warned about and the value left out.
 */
export async function expandIncludes(value: unknown, at: At, warnings: WarningLog, depth = 0): Promise<unknown> {
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries()) items.push(await expandIncludes(item, child(at, index), warnings, depth));
    return items;
  }
  if (!isRecord(value)) return value;
  const include = includeLocation(value);
  if (include !== undefined) {
    const transformAt = child(at, 'Fn::Transform');
    const location = include.location;
    if (typeof location !== 'string' || location.startsWith('s3://')) {
      const topic = 'AWS::Include from S3 or a computed Location is not read (use a local file path); the value was left out';
      warnings.report(topic, describeLocation(location, transformAt));
      return { Ref: 'AWS::NoValue' };
    }
    if (depth >= MAX_DEPTH) {
      throw configError('CircularReference', transformAt, { chain: `AWS::Include nested more than ${MAX_DEPTH} deep at ${location}` });
    }
    const file = isAbsolute(location) ? location : resolve(dirname(at.file), location);
    const included = await readDocument(file, { cloudFormation: false, from: child(transformAt, 'Parameters', 'Location') });
    const expanded = await expandIncludes(included, { file, path: [] }, warnings, depth + 1);
    if (typeof expanded === 'object' && expanded !== null) origins.set(expanded, file);
    return expanded;
  }
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const expanded = await expandIncludes(entry, child(at, key), warnings, depth);
    Object.defineProperty(result, key, { value: expanded, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function includeLocation(value: Readonly<Record<string, unknown>>): { location: unknown } | undefined {
  const keys = Object.keys(value);
  const transform = value['Fn::Transform'];
  if (keys.length !== 1 || !isRecord(transform) || transform.Name !== 'AWS::Include') return undefined;
  const parameters = transform.Parameters;
  return { location: isRecord(parameters) ? parameters.Location : undefined };
}

function describeLocation(location: unknown, at: At): string {
  return typeof location === 'string' ? location : `${at.path.slice(0, 2).join('.')} (computed)`;
}

import { type At, child, configError } from './config-error.js';
import { expectRecord, isRecord, type Record_ } from './document-checks.js';

/** The Globals sections SAM accepts, and the resource type each applies to. */
const SECTIONS: Readonly<Record<string, string>> = {
  Function: 'AWS::Serverless::Function',
  Api: 'AWS::Serverless::Api',
  HttpApi: 'AWS::Serverless::HttpApi',
  SimpleTable: 'AWS::Serverless::SimpleTable',
  StateMachine: 'AWS::Serverless::StateMachine',
  LayerVersion: 'AWS::Serverless::LayerVersion',
  CapacityProvider: 'AWS::Serverless::CapacityProvider',
};

/** Checks the `Globals` section and answers, per resource type, the properties it adds. */
export function readGlobals(section: unknown, at: At): ReadonlyMap<string, Record_> {
  const byType = new Map<string, Record_>();
  if (section === undefined) return byType;
  for (const [name, properties] of Object.entries(expectRecord(section, at))) {
    const type = SECTIONS[name];
    if (type === undefined) {
      throw configError('InvalidValue', child(at, name), { rule: `is not a Globals section SAM supports (${Object.keys(SECTIONS).join(', ')})` });
    }
    byType.set(type, expectRecord(properties, child(at, name)));
  }
  return byType;
}

/**
 * A resource's properties with the Globals of its type merged in, by SAM's rules (the
 * "Globals section" page of the SAM specification, and `samtranslator/plugins/globals`):
 * - scalars, and intrinsic functions: the resource's value replaces the global one;
 * - maps (`Environment.Variables`…): merged key by key, recursively, the resource winning;
 * - lists (`Layers`…): the global items, then the resource's;
 * - a value whose kind differs between the two: the resource's.
 */
export function withGlobals(globals: Record_ | undefined, properties: Record_): Record_ {
  return globals === undefined ? properties : (merge(globals, properties) as Record_);
}

type Kind = 'primitive' | 'map' | 'list';

function kindOf(value: unknown): Kind {
  if (Array.isArray(value)) return 'list';
  if (!isRecord(value)) return 'primitive';
  const keys = Object.keys(value);
  const intrinsic = keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0]?.startsWith('Fn::') === true);
  return intrinsic ? 'primitive' : 'map';
}

function merge(global: unknown, local: unknown): unknown {
  const kind = kindOf(global);
  if (kind !== kindOf(local) || kind === 'primitive') return local;
  if (kind === 'list') return [...(global as unknown[]), ...(local as unknown[])];
  const result: Record<string, unknown> = { ...(global as Record_) };
  for (const [key, value] of Object.entries(local as Record_)) {
    result[key] = Object.hasOwn(result, key) ? merge(result[key], value) : value;
  }
  return result;
}

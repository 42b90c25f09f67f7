import { isAbsolute, resolve } from 'node:path';
import { isValidName } from '../api/arn.js';
import type { WorkflowConfig } from '../app/application.js';
import { type At, child, configError } from './config-error.js';
import { substituteDefinition } from './definition-substitutions.js';
import { readDocument } from './document-file.js';
import { checkKeys, expectOneOf, expectRecord, expectScalarMap, expectString, isRecord } from './document-checks.js';
import { type ArnScope, functionArnOf, stateMachineArnOf } from './resource-arns.js';
import { checkedDefinition, readLogging } from './workflow-definition.js';

/** What `${…}` placeholders can name besides a workflow's own `substitutions`. */
export interface ProjectNames {
  readonly scope: ArnScope;
  readonly functions: readonly string[];
  readonly workflows: readonly string[];
  readonly parameters: Readonly<Record<string, string>>;
}

/**
 * The built-in placeholders: `functions.<name>.arn|name`, `workflows.<name>.arn|name`,
 * `parameters.<Name>`, `aws.region|accountId|partition`. Names are checked against what the
 * project declares, so `${functions.pricnig.arn}` is an error rather than a dangling ARN.
 */
export function builtInValue(name: string, names: ProjectNames): string | undefined {
  const [space, key, attribute, ...rest] = name.split('.');
  if (rest.length > 0 || key === undefined) return undefined;
  if (space === 'parameters' && attribute === undefined) return Object.hasOwn(names.parameters, key) ? names.parameters[key] : undefined;
  if (space === 'aws' && attribute === undefined) {
    if (key === 'region') return names.scope.region;
    if (key === 'accountId') return names.scope.accountId;
    if (key === 'partition') return names.scope.partition;
  }
  if (space === 'functions' && names.functions.includes(key)) {
    if (attribute === 'arn') return functionArnOf(names.scope, key);
    if (attribute === 'name') return key;
  }
  if (space === 'workflows' && names.workflows.includes(key)) {
    if (attribute === 'arn') return stateMachineArnOf(names.scope, key);
    if (attribute === 'name') return key;
  }
  return undefined;
}

export async function readWorkflows(value: unknown, at: At, root: string, names: ProjectNames): Promise<WorkflowConfig[]> {
  const workflows = expectRecord(value, at, 'an object of workflow names to workflows');
  const result: WorkflowConfig[] = [];
  for (const [name, entry] of Object.entries(workflows)) {
    result.push(await readWorkflow(name, entry, child(at, name), root, names));
  }
  return result;
}

async function readWorkflow(name: string, value: unknown, at: At, root: string, names: ProjectNames): Promise<WorkflowConfig> {
  if (!isValidName(name)) {
    throw configError('InvalidValue', at, {
      rule: 'a workflow name is 1 to 80 characters without spaces, brackets, wildcards or the punctuation ARNs and URLs use',
    });
  }
  // `orders: workflows/orders.asl.json` is short for `orders: { definition: … }`.
  const entry = typeof value === 'string' ? { definition: value } : expectRecord(value, at, 'a workflow (an object, or the path of its definition)');
  checkKeys(entry, ['definition', 'type', 'logging', 'substitutions'], at);
  if (entry.definition === undefined) throw configError('MissingField', at, { field: 'definition' });

  const type = entry.type === undefined ? 'EXPRESS' : expectOneOf(entry.type, ['EXPRESS', 'STANDARD'] as const, child(at, 'type'), true);
  const substitutions = readSubstitutions(name, entry.substitutions, child(at, 'substitutions'), names);

  const definitionAt = typeof value === 'string' ? at : child(at, 'definition');
  const { document, documentAt, source } = await loadDefinition(entry.definition, definitionAt, root);
  const lookup = (key: string): string | undefined => (Object.hasOwn(substitutions, key) ? substitutions[key] : builtInValue(key, names));
  const substituted = substituteDefinition(document, lookup, { escapes: true });
  const missing = substituted.unresolved[0];
  if (missing !== undefined) {
    const usedAt = { file: documentAt.file, path: [...documentAt.path, ...missing.path] };
    throw configError('UnresolvedSubstitution', usedAt, { workflow: name, variable: missing.name });
  }
  return {
    name,
    definition: checkedDefinition(name, substituted.definition, type, documentAt),
    type,
    ...(entry.logging === undefined ? {} : { logging: readLogging(entry.logging, child(at, 'logging')) }),
    source,
  };
}

function readSubstitutions(workflow: string, value: unknown, at: At, names: ProjectNames): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  const raw = expectScalarMap(value, at);
  const resolved: Record<string, string> = {};
  for (const [key, text] of Object.entries(raw)) {
    // A value may itself use the built-ins (`PricingArn: ${functions.pricing.arn}`), one level deep.
    const { definition, unresolved } = substituteDefinition(text, (name) => builtInValue(name, names), { escapes: true });
    const missing = unresolved[0];
    if (missing !== undefined) throw configError('UnresolvedSubstitution', child(at, key), { workflow, variable: missing.name });
    resolved[key] = definition as string;
  }
  return resolved;
}

async function loadDefinition(value: unknown, at: At, root: string): Promise<{ document: unknown; documentAt: At; source: string }> {
  if (isRecord(value)) return { document: value, documentAt: at, source: at.file };
  const file = expectString(value, at);
  const path = isAbsolute(file) ? file : resolve(root, file);
  const document = await readDocument(path, { cloudFormation: false, from: at });
  return { document, documentAt: { file: path, path: [] }, source: path };
}

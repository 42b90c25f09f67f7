import { isAbsolute, resolve } from 'node:path';
import { isValidName } from '../api/arn.js';
import type { WorkflowConfig } from '../app/application.js';
import { type At, child, configError, jsonPathOf } from './config-error.js';
import { substituteDefinition } from './definition-substitutions.js';
import { readDocument } from './document-file.js';
import { expectOneOf, expectRecord, expectString, isRecord } from './document-checks.js';
import { apiOf, type EventRoute, property, propertyAt, type SamContext, type SamResource } from './sam-context.js';
import { apiEventSources } from './sam-events.js';
import { readMethod, readRoutePath } from './route-options.js';
import { checkedDefinition, readAwsLogging } from './workflow-definition.js';
import { samStateMachineApiIntegration } from './rest-integrations.js';

export interface SamStateMachine {
  readonly workflow?: WorkflowConfig;
  readonly routes: readonly EventRoute[];
}

/** How the two resource types spell the same properties. */
const SPELLINGS = {
  'AWS::Serverless::StateMachine': { type: 'Type', logging: 'Logging', definitionUri: 'DefinitionUri' },
  'AWS::StepFunctions::StateMachine': { type: 'StateMachineType', logging: 'LoggingConfiguration', definitionUri: 'DefinitionS3Location' },
} as const;

/**
 * `AWS::Serverless::StateMachine` and `AWS::StepFunctions::StateMachine`. Both default to
 * STANDARD, as AWS does. `DefinitionSubstitutions` are applied the way CloudFormation applies
 * them; a placeholder without a value is left as written (and warned about), as AWS leaves it.
 */
export async function readSamStateMachine(resource: SamResource, cx: SamContext): Promise<SamStateMachine> {
  const spelling = SPELLINGS[resource.type as keyof typeof SPELLINGS];
  const name = cx.evaluator.physicalName(resource.id, resource.at);
  if (!isValidName(name)) {
    throw configError('InvalidValue', resource.at, {
      rule: `'${name}' is not a valid state machine name (1 to 80 characters without spaces, brackets, wildcards or ARN punctuation)`,
    });
  }
  const rawType = property(resource, spelling.type, cx);
  const type = rawType === undefined ? 'STANDARD' : expectOneOf(rawType, ['STANDARD', 'EXPRESS'] as const, propertyAt(resource, spelling.type), true);

  const loaded = await loadDefinition(resource, spelling.definitionUri, cx);
  if (loaded === undefined) return { routes: [] };
  const substitutions = readSubstitutions(resource, cx);
  const lookup = (key: string): string | undefined => (Object.hasOwn(substitutions, key) ? substitutions[key] : undefined);
  const substituted = substituteDefinition(loaded.definition, lookup, { escapes: false });
  for (const missing of substituted.unresolved) {
    const where = jsonPathOf([...loaded.at.path, ...missing.path]);
    cx.warnings.report('Definition placeholders without a DefinitionSubstitutions value are left as written', `${resource.id} \${${missing.name}} at ${where}`);
  }
  const logging = property(resource, spelling.logging, cx);
  const workflow: WorkflowConfig = {
    name,
    definition: checkedDefinition(name, substituted.definition, type, loaded.at),
    type,
    ...(logging === undefined ? {} : { logging: readAwsLogging(logging, propertyAt(resource, spelling.logging)) }),
    source: loaded.at.file,
  };
  return { workflow, routes: readEvents(name, resource, cx) };
}

async function loadDefinition(resource: SamResource, uriProperty: string, cx: SamContext): Promise<{ definition: unknown; at: At } | undefined> {
  if (resource.properties.Definition !== undefined) {
    // Inline definitions are part of the template: their intrinsics are evaluated.
    return { definition: property(resource, 'Definition', cx), at: propertyAt(resource, 'Definition') };
  }
  if (resource.properties.DefinitionString !== undefined) {
    const at = propertyAt(resource, 'DefinitionString');
    const text = expectString(property(resource, 'DefinitionString', cx), at);
    try {
      return { definition: JSON.parse(text) as unknown, at };
    } catch (error) {
      throw configError('InvalidValue', at, { rule: `is not JSON: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  const uri = property(resource, uriProperty, cx);
  if (uri === undefined) throw configError('MissingField', propertyAt(resource), { field: `Definition or ${uriProperty}` });
  if (isRecord(uri) || (typeof uri === 'string' && uri.startsWith('s3://'))) {
    cx.warnings.report('State machine definitions in S3 are not read (point DefinitionUri at the local file); skipped', resource.id);
    return undefined;
  }
  const file = expectString(uri, propertyAt(resource, uriProperty));
  const path = isAbsolute(file) ? file : resolve(cx.root, file);
  // A DefinitionUri file is uploaded as is: CloudFormation evaluates no intrinsics in it.
  const definition = await readDocument(path, { cloudFormation: false, from: propertyAt(resource, uriProperty) });
  return { definition, at: { file: path, path: [] } };
}

function readSubstitutions(resource: SamResource, cx: SamContext): Readonly<Record<string, string>> {
  const value = property(resource, 'DefinitionSubstitutions', cx);
  if (value === undefined) return {};
  const at = propertyAt(resource, 'DefinitionSubstitutions');
  const substitutions: Record<string, string> = {};
  for (const [key, entry] of Object.entries(expectRecord(value, at))) {
    if (typeof entry !== 'string' && typeof entry !== 'number' && typeof entry !== 'boolean') {
      throw configError('InvalidType', child(at, key), { expected: 'a string, number or boolean', got: Array.isArray(entry) ? 'a list' : typeof entry });
    }
    substitutions[key] = String(entry);
  }
  return substitutions;
}

/**
 * SAM's `Api` event on a state machine: a REST API route integrated with StartExecution through
 * the mapping template SAM writes (`samtranslator/model/stepfunctions/events.py`, see
 * `samStateMachineApiIntegration`), answering Step Functions' own `{executionArn, startDate}`.
 * With `Metadata.Flowgate.mapResponses` the route answers with Flowgate's mapping instead.
 */
function readEvents(name: string, resource: SamResource, cx: SamContext): EventRoute[] {
  const sources = apiEventSources(
    resource,
    cx,
    ['Api'],
    (type) => `State machine events of type ${type} are not emulated (start executions through the API instead)`,
    false,
  );
  return sources.map(({ at, properties, propertiesAt }) => {
    if (properties.Path === undefined) throw configError('MissingField', propertiesAt, { field: 'Path' });
    if (properties.Method === undefined) throw configError('MissingField', propertiesAt, { field: 'Method' });
    return {
      api: apiOf(properties.RestApiId, 'rest', child(propertiesAt, 'RestApiId'), cx),
      apiKind: 'rest',
      method: readMethod(properties.Method, child(propertiesAt, 'Method')),
      path: readRoutePath(properties.Path, child(propertiesAt, 'Path')),
      target: cx.mapResponses
        ? { kind: 'workflow', workflow: name, invocation: 'async', request: { kind: 'request-parameters', parameters: { Input: '$request.body' } }, response: { kind: 'default' } }
        : samStateMachineApiIntegration(String(cx.evaluator.property({ Ref: resource.id }, at)), readUnescape(properties.UnescapeMappingTemplate, child(propertiesAt, 'UnescapeMappingTemplate'))),
      at,
    };
  });
}

function readUnescape(value: unknown, at: At): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw configError('InvalidType', at, { expected: 'true or false', got: typeof value });
  return value;
}

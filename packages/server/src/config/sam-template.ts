import { basename, dirname, resolve } from 'node:path';
import type { Application, ResponseDefaults, WorkflowConfig } from '../app/application.js';
import type { FunctionDefinition } from '../functions/function-runner.js';
import { type At, child, configError } from './config-error.js';
import { readDocument } from './document-file.js';
import { checkKeys, expectBoolean, expectRecord, expectString, isRecord } from './document-checks.js';
import { type ArnScope, DEFAULT_SCOPE } from './resource-arns.js';
import { readResponseDefaults } from './route-options.js';
import { readSamApi, type SamApi } from './sam-apis.js';
import { type EventRoute, type SamContext, type SamResource, samResource } from './sam-context.js';
import { readSamFunction } from './sam-functions.js';
import { readGlobals } from './sam-globals.js';
import { assembleRoutes } from './sam-routes.js';
import { readSamStateMachine } from './sam-state-machines.js';
import { TemplateEvaluator } from './template-evaluator.js';
import { expandIncludes } from './template-includes.js';
import { readTemplateParameters } from './template-parameters.js';
import { createWarningLog, type WarningLog } from './warning-log.js';

export interface SamLoadOptions {
  /** Parameter values, as `sam local --parameter-overrides` gives them. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Region, account and partition for ARNs and pseudo parameters; default us-east-1 / 123456789012 / aws. */
  readonly scope?: ArnScope;
  /** `AWS::StackName`; default the template folder's name (what `sam init` and `sam deploy --guided` suggest). */
  readonly stackName?: string;
  /** Values for `Fn::ImportValue`, by export name. */
  readonly imports?: Readonly<Record<string, string>>;
}

const STATE_MACHINES = new Set(['AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine']);
const APIS = new Set(['AWS::Serverless::HttpApi', 'AWS::Serverless::Api']);
// Transforms whose effect the loader itself provides (SAM) or that need no expansion here.
const UNDERSTOOD_TRANSFORMS = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions']);

/**
 * An AWS SAM (or plain CloudFormation) template as an Application: state machines, functions
 * and the routes of its APIs. What cannot be emulated is listed in `warnings` and skipped.
 */
export async function loadSamTemplate(file: string, options: SamLoadOptions = {}): Promise<Application> {
  const path = resolve(file);
  const root = dirname(path);
  const at: At = { file: path, path: [] };
  const warnings = createWarningLog();
  const parsed = await readDocument(path, { cloudFormation: true });
  const template = expectRecord(await expandIncludes(parsed, at, warnings), at, 'a template (an object with Resources)');
  checkTransforms(template.Transform, warnings);
  if (template.Resources === undefined) throw configError('MissingField', at, { field: 'Resources' });

  const parameters = readTemplateParameters(template.Parameters, child(at, 'Parameters'), options.parameters ?? {}, warnings);
  const evaluator = new TemplateEvaluator(template, path, {
    scope: options.scope ?? DEFAULT_SCOPE,
    stackName: options.stackName ?? stackNameOf(root),
    imports: options.imports ?? {},
    parameters,
    warnings,
  });
  const metadata = readFlowgateMetadata(template.Metadata, child(at, 'Metadata'));
  const globals = readGlobals(template.Globals, child(at, 'Globals'));
  const cx: SamContext = { file: path, root, evaluator, warnings, globals, mapResponses: metadata.mapResponses };

  const workflows: WorkflowConfig[] = [];
  const functions: FunctionDefinition[] = [];
  const events: EventRoute[] = [];
  const apiResources: SamResource[] = [];
  for (const [id, value] of Object.entries(expectRecord(template.Resources, child(at, 'Resources')))) {
    const resourceAt = child(at, 'Resources', id);
    const record = expectRecord(value, resourceAt, 'a resource (an object with Type and Properties)');
    const type = expectString(record.Type, child(resourceAt, 'Type'));
    const conditionAt = child(resourceAt, 'Condition');
    if (record.Condition !== undefined && !evaluator.condition(expectString(record.Condition, conditionAt), conditionAt)) continue;
    if (type === 'AWS::Serverless::Function') {
      const { definition, routes } = readSamFunction(samResource(id, type, record, cx), cx);
      if (definition !== undefined) functions.push(definition);
      events.push(...routes);
    } else if (STATE_MACHINES.has(type)) {
      const { workflow, routes } = await readSamStateMachine(samResource(id, type, record, cx), cx);
      if (workflow !== undefined) workflows.push(workflow);
      events.push(...routes);
    } else if (APIS.has(type)) {
      apiResources.push(samResource(id, type, record, cx));
    } else {
      warnings.report(`Resources of type ${type} are not emulated and were skipped`, id);
    }
  }

  // APIs last: their integrations are matched against the workflows and functions read above.
  const targets = { workflows: new Set(workflows.map((w) => w.name)), functions: new Set(functions.map((f) => f.name)) };
  const apis = new Map<string, SamApi>();
  for (const resource of apiResources) apis.set(resource.id, await readSamApi(resource, cx, targets));
  return {
    root,
    workflows,
    functions,
    routes: assembleRoutes(apis, events, cx),
    ...(metadata.responses === undefined ? {} : { responseDefaults: metadata.responses }),
    warnings: warnings.list(),
  };
}

/**
 * Flowgate's opt-ins, in the template's `Metadata.Flowgate` (which CloudFormation ignores):
 * `responses` are the project-wide response defaults; `mapResponses: true` makes StepFunctions
 * routes answer with Flowgate's response mapping instead of AWS's raw execution record.
 */
function readFlowgateMetadata(metadata: unknown, at: At): { responses?: ResponseDefaults; mapResponses: boolean } {
  const section = isRecord(metadata) ? metadata.Flowgate : undefined;
  if (section === undefined) return { mapResponses: false };
  const sectionAt = child(at, 'Flowgate');
  const record = expectRecord(section, sectionAt);
  checkKeys(record, ['responses', 'mapResponses'], sectionAt);
  return {
    ...(record.responses === undefined ? {} : { responses: readResponseDefaults(record.responses, child(sectionAt, 'responses')) }),
    mapResponses: record.mapResponses === undefined ? false : expectBoolean(record.mapResponses, child(sectionAt, 'mapResponses')),
  };
}

function checkTransforms(transform: unknown, warnings: WarningLog): void {
  const names = Array.isArray(transform) ? transform : transform === undefined ? [] : [transform];
  for (const name of names) {
    if (typeof name === 'string' && !UNDERSTOOD_TRANSFORMS.has(name)) warnings.report('Template macros are not run; the template is read as written', name);
  }
}

function stackNameOf(root: string): string {
  const name = basename(root).replace(/[^A-Za-z0-9-]+/g, '-').replace(/^[^A-Za-z]+|-+$/g, '');
  return name === '' ? 'flowgate' : name.slice(0, 128);
}

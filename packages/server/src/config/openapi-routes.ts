import type { ResponseMapping, RouteTarget } from '../app/application.js';
import { type At, child, configError, describeType } from './config-error.js';
import { expectRecord, expectString, isRecord, type Record_ } from './document-checks.js';
import { functionOfIntegrationUri, workflowOfArn } from './resource-arns.js';
import { readStepFunctionsIntegration, stepFunctionsActionOf } from './rest-integrations.js';
import { readPayloadFormat, readRequestParameters, readResponseMapping, readRoutePath } from './route-options.js';
import type { SamContext } from './sam-context.js';

/** The state machines and functions of the template, by the names their ARNs carry. */
export interface RouteTargets {
  readonly workflows: ReadonlySet<string>;
  readonly functions: ReadonlySet<string>;
}

export interface OpenApiOperation {
  readonly method: string;
  readonly path: string;
  readonly at: At;
  readonly hasIntegration: boolean;
  /** Undefined when the operation has no integration (an event may supply it) or one Flowgate skips. */
  readonly target?: RouteTarget;
}

const OPERATION_KEYS: Readonly<Record<string, string>> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY',
};

/**
 * The operations of an API's OpenAPI document and what each integrates with, per API Gateway's
 * `x-amazon-apigateway-integration` extension:
 * - `aws_proxy` with `integrationSubtype: StepFunctions-StartSyncExecution` (or `-StartExecution`)
 *   and `requestParameters` → a workflow route that answers as AWS does (`raw`), unless the
 *   operation's `x-flowgate-response` or the template's `Metadata.Flowgate.mapResponses` opts
 *   into Flowgate's response mapping;
 * - `aws_proxy` to a Lambda function (`uri` of the invocation form, or the function ARN) → a
 *   function route;
 * - on REST APIs, `aws` with `uri: arn:aws:apigateway:<region>:states:action/StartSyncExecution`
 *   (or `StartExecution`) → a service integration run with its VTL mapping templates.
 * Other integrations are reported as not emulated.
 */
export function readOpenApiOperations(document: unknown, at: At, apiKind: 'http' | 'rest', cx: SamContext, targets: RouteTargets): OpenApiOperation[] {
  const openApi = expectRecord(document, at, 'an OpenAPI document');
  if (openApi.paths === undefined) return [];
  const operations: OpenApiOperation[] = [];
  for (const [rawPath, item] of Object.entries(expectRecord(openApi.paths, child(at, 'paths')))) {
    const pathAt = child(at, 'paths', rawPath);
    const path = readRoutePath(rawPath, pathAt);
    for (const [key, operation] of Object.entries(expectRecord(item, pathAt))) {
      const method = OPERATION_KEYS[key.toLowerCase()];
      if (method === undefined) continue; // parameters, summary, x- extensions of the path item
      const operationAt = child(pathAt, key);
      const record = expectRecord(operation, operationAt);
      const integration = integrationOf(record, openApi, operationAt);
      const site: Site = { operation: record, operationAt, subject: `${method} ${path}`, apiKind };
      const target = integration === undefined ? undefined : readIntegration(integration.value, integration.at, site, cx, targets);
      operations.push({ method, path, at: operationAt, hasIntegration: integration !== undefined, ...(target === undefined ? {} : { target }) });
    }
  }
  return operations;
}

/** The operation's integration, inline or as a `$ref` into `components.x-amazon-apigateway-integrations`. */
function integrationOf(operation: Record_, document: Record_, at: At): { value: Record_; at: At } | undefined {
  const value = operation['x-amazon-apigateway-integration'];
  if (value === undefined) return undefined;
  const integrationAt = child(at, 'x-amazon-apigateway-integration');
  const record = expectRecord(value, integrationAt);
  if (typeof record.$ref !== 'string') return { value: record, at: integrationAt };
  const name = /^#\/components\/x-amazon-apigateway-integrations\/(.+)$/.exec(record.$ref)?.[1];
  const components = isRecord(document.components) ? document.components['x-amazon-apigateway-integrations'] : undefined;
  const target = name !== undefined && isRecord(components) ? components[name] : undefined;
  if (!isRecord(target)) throw configError('UnknownReference', child(integrationAt, '$ref'), { kind: 'integration', name: record.$ref, known: '' });
  return { value: target, at: { file: at.file, path: ['components', 'x-amazon-apigateway-integrations', name ?? ''] } };
}

/** The operation an integration belongs to. */
interface Site {
  readonly operation: Record_;
  readonly operationAt: At;
  /** `POST /orders`, for warnings. */
  readonly subject: string;
  readonly apiKind: 'http' | 'rest';
}

function readIntegration(integration: Record_, at: At, site: Site, cx: SamContext, targets: RouteTargets): RouteTarget | undefined {
  const { subject, apiKind } = site;
  const type = typeof integration.type === 'string' ? integration.type.toLowerCase() : '';
  const action = type === 'aws' && apiKind === 'rest' ? stepFunctionsActionOf(integration.uri) : undefined;
  if (action !== undefined) return readStepFunctionsIntegration(integration, at, action);
  if (type !== 'aws_proxy') {
    const topic = `Integrations of type ${type === '' ? '(none)' : type} are not emulated (HTTP backends, mocks, AWS services other than Step Functions on REST APIs); skipped`;
    cx.warnings.report(topic, subject);
    return undefined;
  }
  const subtype = integration.integrationSubtype;
  if (typeof subtype === 'string') {
    if (subtype !== 'StepFunctions-StartSyncExecution' && subtype !== 'StepFunctions-StartExecution') {
      cx.warnings.report(`Integrations of subtype ${subtype} are not emulated; skipped`, subject);
      return undefined;
    }
    return workflowTarget(integration, at, site, subtype, cx, targets);
  }
  const uri = expectString(integration.uri, child(at, 'uri'));
  const functionName = functionOfIntegrationUri(uri);
  if (functionName === undefined) {
    throw configError('InvalidValue', child(at, 'uri'), { rule: `is not a Lambda function ARN or invocation URI (got ${JSON.stringify(uri)})` });
  }
  if (!targets.functions.has(functionName)) {
    cx.warnings.report('Routes to functions outside this template are not emulated; skipped', `${subject} → ${functionName}`);
    return undefined;
  }
  // HTTP APIs take the version from the integration; its absence means 1.0 (CreateIntegration's
  // default, which is also the only format REST APIs have).
  const version = integration.payloadFormatVersion;
  const payloadFormat = apiKind === 'rest' || version === undefined ? '1.0' : readPayloadFormat(version, child(at, 'payloadFormatVersion'));
  return { kind: 'function', function: functionName, payloadFormat };
}

function workflowTarget(integration: Record_, at: At, site: Site, subtype: string, cx: SamContext, targets: RouteTargets): RouteTarget | undefined {
  const { operation, operationAt, subject } = site;
  const parametersAt = child(at, 'requestParameters');
  const parameters = expectRecord(integration.requestParameters, parametersAt, 'requestParameters (an object with StateMachineArn, Input…)');
  const arn = parameters.StateMachineArn;
  if (typeof arn !== 'string') {
    throw configError('InvalidType', child(parametersAt, 'StateMachineArn'), {
      expected: 'a state machine ARN (a string, or !Ref / !GetAtt of a state machine)',
      got: describeType(arn),
    });
  }
  const workflow = workflowOfArn(arn);
  if (workflow === undefined) {
    throw configError('InvalidValue', child(parametersAt, 'StateMachineArn'), { rule: `is not a state machine ARN (got ${JSON.stringify(arn)})` });
  }
  if (!targets.workflows.has(workflow.split(':')[0] ?? workflow)) {
    cx.warnings.report('Routes to state machines outside this template are not emulated; skipped', `${subject} → ${workflow}`);
    return undefined;
  }
  const { StateMachineArn: _arn, ...rest } = parameters;
  const flowgateResponse = operation['x-flowgate-response'];
  const defaultResponse: ResponseMapping = cx.mapResponses ? { kind: 'default' } : { kind: 'raw' };
  const response = flowgateResponse === undefined ? defaultResponse : readResponseMapping(flowgateResponse, child(operationAt, 'x-flowgate-response'));
  return {
    kind: 'workflow',
    workflow,
    invocation: subtype === 'StepFunctions-StartSyncExecution' ? 'sync' : 'async',
    request: { kind: 'request-parameters', parameters: readRequestParameters(rest, parametersAt) },
    response,
  };
}

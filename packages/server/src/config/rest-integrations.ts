import type { IntegrationResponseConfig, ServiceIntegrationTarget } from '../app/application.js';
import { type At, child, configError, describeType } from './config-error.js';
import { expectRecord, isRecord, type Record_ } from './document-checks.js';

const STATES_ACTION = /^arn:[^:]+:apigateway:[^:]*:states:action\/(StartSyncExecution|StartExecution)$/;

/** The Step Functions action an `AWS` integration's `uri` names, if it names one Flowgate serves. */
export function stepFunctionsActionOf(uri: unknown): ServiceIntegrationTarget['action'] | undefined {
  if (typeof uri !== 'string') return undefined;
  return STATES_ACTION.exec(uri)?.[1] as ServiceIntegrationTarget['action'] | undefined;
}

const PASSTHROUGH = { when_no_match: 'WHEN_NO_MATCH', when_no_templates: 'WHEN_NO_TEMPLATES', never: 'NEVER' } as const;

/**
 * A REST API `x-amazon-apigateway-integration` of `type: aws` to Step Functions
 * (api-gateway-swagger-extensions-integration): `requestTemplates` by content type,
 * `passthroughBehavior` (any case, default `when_no_match`), and `responses` keyed by their
 * selection pattern — `default` being the response no pattern selects — each with `statusCode`,
 * `responseTemplates` and `responseParameters`.
 */
export function readStepFunctionsIntegration(integration: Record_, at: At, action: ServiceIntegrationTarget['action']): ServiceIntegrationTarget {
  const requestTemplates = readTemplates(integration.requestTemplates, child(at, 'requestTemplates'));
  const behaviorAt = child(at, 'passthroughBehavior');
  const rawBehavior = integration.passthroughBehavior ?? 'when_no_match';
  const behavior = typeof rawBehavior === 'string' ? PASSTHROUGH[rawBehavior.toLowerCase() as keyof typeof PASSTHROUGH] : undefined;
  if (behavior === undefined) throw configError('InvalidValue', behaviorAt, { rule: `must be when_no_match, when_no_templates or never (got ${JSON.stringify(rawBehavior)})` });
  const responses: IntegrationResponseConfig[] = [];
  if (integration.responses !== undefined) {
    const responsesAt = child(at, 'responses');
    for (const [pattern, value] of Object.entries(expectRecord(integration.responses, responsesAt, 'responses keyed by selection pattern'))) {
      responses.push(readResponse(pattern, value, child(responsesAt, pattern)));
    }
  }
  return { kind: 'service-integration', action, requestTemplates, passthroughBehavior: behavior, responses };
}

function readResponse(pattern: string, value: unknown, at: At): IntegrationResponseConfig {
  const response = expectRecord(value, at, 'an integration response (statusCode, responseTemplates, responseParameters)');
  const statusCode = Number(response.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw configError('InvalidValue', child(at, 'statusCode'), { rule: `must be an HTTP status code (got ${JSON.stringify(response.statusCode)})` });
  }
  const parameters = response.responseParameters === undefined ? undefined : readTemplates(response.responseParameters, child(at, 'responseParameters'));
  return {
    ...(pattern === 'default' ? {} : { selectionPattern: pattern }),
    statusCode,
    ...(response.responseTemplates === undefined ? {} : { responseTemplates: readTemplates(response.responseTemplates, child(at, 'responseTemplates')) }),
    ...(parameters === undefined ? {} : { responseParameters: parameters }),
  };
}

function readTemplates(value: unknown, at: At): Record<string, string> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw configError('InvalidType', at, { expected: 'an object of strings', got: describeType(value) });
  const templates: Record<string, string> = {};
  for (const [key, text] of Object.entries(value)) {
    if (typeof text !== 'string') throw configError('InvalidType', child(at, key), { expected: 'a string', got: describeType(text) });
    templates[key] = text;
  }
  return templates;
}

/**
 * The integration SAM writes for a state machine's `Api` event (samtranslator
 * `model/stepfunctions/events.py` and `swagger/swagger.py` `add_state_machine_integration`):
 * StartExecution with the body as the input through `escapeJavaScript`, or with the escaped
 * single quotes put back when `UnescapeMappingTemplate` is true; responses `200` and `400`
 * selected by those exact statuses, without templates, so Step Functions' answer passes through.
 */
export function samStateMachineApiIntegration(stateMachineArn: string, unescape: boolean): ServiceIntegrationTarget {
  const template = unescape
    ? `{"input": "$util.escapeJavaScript($input.json('$')).replaceAll("\\\\'","'")", "stateMachineArn": "${stateMachineArn}"}`
    : `{"input": "$util.escapeJavaScript($input.json('$'))", "stateMachineArn": "${stateMachineArn}"}`;
  return {
    kind: 'service-integration',
    action: 'StartExecution',
    requestTemplates: { 'application/json': template },
    passthroughBehavior: 'WHEN_NO_MATCH',
    responses: [
      { selectionPattern: '200', statusCode: 200 },
      { selectionPattern: '400', statusCode: 400 },
    ],
  };
}

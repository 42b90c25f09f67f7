import type { RequestMapping } from '../app/application.js';
import { parseStateMachineArn } from '../api/arn.js';
import type { GatewayRequest } from './gateway-request.js';
import { compileMappingExpression, MappingError } from './jsonata-expression.js';
import { isJsonMediaType } from './request-body.js';
import { contextVariables, eventV2 } from './request-event.js';
import type { SelectionSource, SelectionValue } from './selection-expression.js';
import { compileSelectionValue } from './selection-expression.js';

/** What one request asks the workflow invoker for. */
export interface StartRequest {
  /** `name`, `name:<version>` or `name:<alias>`. */
  readonly workflow: string;
  readonly inputText: string;
  readonly name?: string;
  readonly traceHeader?: string;
}

export type CompiledRequestMapping = (request: GatewayRequest) => Promise<StartRequest>;

/** The body claimed to be JSON and is not: the client's mistake, answered 400. */
export class MalformedBody extends Error {
  readonly code = 'MalformedBody';
  constructor(detail: string) {
    super(`The request body is not valid JSON: ${detail}`);
    this.name = 'MalformedBody';
  }
}

/**
 * The event a workflow receives by default: API Gateway's payload format 2.0, except that a
 * JSON body (`application/json`, `*+json`) arrives parsed. API Gateway keeps `body` a string
 * because a Lambda function can parse it; an ASL workflow cannot do so conveniently
 * (`States.StringToJson` in every path), so Flowgate parses it once here. A body that says it
 * is JSON and is not is refused with 400 before any execution starts.
 */
export function workflowEvent(request: GatewayRequest): Record<string, unknown> {
  const { body } = request;
  if (!isJsonMediaType(body.mediaType) || body.bytes.length === 0) return eventV2(request);
  try {
    return eventV2(request, { value: JSON.parse(body.bytes.toString('utf8')) as unknown });
  } catch (error) {
    throw new MalformedBody(error instanceof Error ? error.message : String(error));
  }
}

/** Compiles a route's request mapping; throws a readable message for an invalid one. */
export function compileRequestMapping(mapping: RequestMapping, workflow: string): CompiledRequestMapping {
  switch (mapping.kind) {
    case 'default':
      return async (request) => ({ workflow, inputText: JSON.stringify(workflowEvent(request)) });
    case 'jsonata': {
      const expression = compileMappingExpression(mapping.expression);
      return async (request) => {
        const event = workflowEvent(request);
        const input = await expression.evaluate(event, { request: event });
        if (input === undefined) throw new MappingError(`JSONata expression '${expression.source}' yielded no input`);
        return { workflow, inputText: JSON.stringify(input) };
      };
    }
    case 'request-parameters':
      return compileRequestParameters(mapping.parameters, workflow);
  }
}

/** StartSyncExecution/StartExecution request parameters API Gateway accepts (http-api-aws-services-reference). */
const PARAMETERS = new Set(['StateMachineArn', 'Name', 'Input', 'Region', 'TraceHeader']);

function compileRequestParameters(parameters: Readonly<Record<string, string>>, workflow: string): CompiledRequestMapping {
  const compiled = new Map<string, SelectionValue>();
  for (const [key, value] of Object.entries(parameters)) {
    if (!PARAMETERS.has(key)) throw new Error(`unknown request parameter '${key}' (expected one of ${[...PARAMETERS].join(', ')})`);
    compiled.set(key, compileSelectionValue(value));
  }
  const arn = parameters.StateMachineArn;
  // A static ARN is checked now rather than on every request.
  if (arn !== undefined && !arn.includes('$')) workflowOf(arn);
  const read = (key: string, source: SelectionSource): string | undefined => {
    const value = compiled.get(key)?.(source);
    return value === '' ? undefined : value;
  };
  return async (request) => {
    const source = selectionSource(request);
    const machine = read('StateMachineArn', source);
    const name = read('Name', source);
    const traceHeader = read('TraceHeader', source);
    // AWS: "If you don't include any JSON input data, you still must include the two braces".
    return {
      workflow: machine === undefined ? workflow : workflowOf(machine),
      inputText: read('Input', source) ?? '{}',
      ...(name === undefined ? {} : { name }),
      ...(traceHeader === undefined ? {} : { traceHeader }),
    };
  };
}

/** A state machine ARN (optionally with a version or alias) or a plain name → `name[:qualifier]`. */
function workflowOf(reference: string): string {
  if (!reference.startsWith('arn:')) return reference;
  const ref = parseStateMachineArn(reference);
  return ref.kind === 'machine' ? ref.name : ref.kind === 'version' ? `${ref.name}:${ref.version}` : `${ref.name}:${ref.alias}`;
}

function selectionSource(request: GatewayRequest): SelectionSource {
  const bodyText = request.body.bytes.toString('utf8');
  let parsed: { value: unknown } | undefined;
  return {
    bodyText,
    bodyJson() {
      if (parsed === undefined) {
        try {
          parsed = { value: JSON.parse(bodyText) as unknown };
        } catch {
          parsed = { value: undefined };
        }
      }
      return parsed.value;
    },
    path: request.rawPath,
    pathParameters: request.pathParameters,
    query: request.query,
    headers: request.headers,
    context: contextVariables(request),
    stageVariables: request.api.stageVariables,
  };
}

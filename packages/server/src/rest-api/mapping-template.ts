import { Compile, parse } from 'velocityjs';
import { javaMethodHandler } from './java-methods.js';
import { javaString } from './java-values.js';
import { PayloadNotJson, type TemplateInput } from './template-input.js';
import { TemplateUtil } from './template-util.js';

type Ast = ReturnType<typeof parse>;

/** What a template may change besides its output (`$context.responseOverride`). */
export interface TemplateOverrides {
  /** `#set($context.responseOverride.status = 400)`; undefined when not set. */
  readonly status?: number;
  readonly headers: Readonly<Record<string, string>>;
}

export interface TemplateVariables {
  readonly input: TemplateInput;
  /** `$context.*`; nested objects for dotted names (`identity.sourceIp`). */
  readonly context: Readonly<Record<string, unknown>>;
  readonly stageVariables: Readonly<Record<string, string>>;
}

export interface MappingTemplate {
  readonly text: string;
  render(variables: TemplateVariables): { readonly output: string; readonly overrides: TemplateOverrides };
}

/** A template that could not be rendered: API Gateway answers 500 (a configuration error). */
export class TemplateRenderError extends Error {
  readonly code = 'MappingTemplateError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TemplateRenderError';
  }
}

/**
 * Velocity as API Gateway runs it, on velocityjs: a reference is written with Java's
 * `toString` (see java-values.ts), and one that is undefined or null is written as nothing
 * instead of its own text (`$foo`), which is what REST APIs output for absent `$context` and
 * `$input.path` values.
 */
class ApiGatewayVelocity extends Compile {
  protected override getReferences(ast: Ast[number], isVal?: boolean): string {
    const value: unknown = super.getReferences(ast, isVal);
    return isVal === true ? javaString(value) : (value as string);
  }
}

/** Parses once (a syntax error is thrown here, when routes are set up); renders many times. */
export function compileMappingTemplate(text: string): MappingTemplate {
  let asts: Ast;
  try {
    asts = parse(text);
  } catch (error) {
    throw new TemplateRenderError(`mapping template is not valid VTL: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  return {
    text,
    render(variables) {
      const responseOverride = { status: undefined as unknown, header: {} as Record<string, unknown> };
      const context = { ...structuredClone(variables.context), responseOverride, requestOverride: { header: {}, path: {}, querystring: {} } };
      const engine = new ApiGatewayVelocity(asts, { customMethodHandlers: [javaMethodHandler] });
      let output: string;
      try {
        output = engine.render({ input: variables.input, util: new TemplateUtil(), context, stageVariables: { ...variables.stageVariables } }, undefined, true);
      } catch (error) {
        if (error instanceof PayloadNotJson) throw error;
        throw new TemplateRenderError(`mapping template failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      return { output, overrides: overridesOf(responseOverride) };
    },
  };
}

/**
 * `$context.responseOverride`: "status" must be a whole number from 100 to 599 to apply, and
 * header values are strings (api-gateway-override-request-response-parameters).
 */
function overridesOf(override: { status: unknown; header: Record<string, unknown> }): TemplateOverrides {
  const status = Number(javaString(override.status));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(override.header)) if (value !== undefined && value !== null) headers[name.toLowerCase()] = javaString(value);
  return Number.isInteger(status) && status >= 100 && status <= 599 && javaString(override.status) !== '' ? { status, headers } : { headers };
}

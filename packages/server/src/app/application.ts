import type { FunctionDefinition } from '../functions/function-runner.js';

/**
 * A whole application as `flowgate dev` runs it: its workflows, its functions and the routes
 * of its HTTP API. Both front doors of configuration produce it — a Flowgate project
 * (`flowgate.yaml`, `.json`, `flowgate.config.ts`) and an AWS SAM template — and the
 * gateway, the API server and the function registry are built from it.
 */
export interface Application {
  /** The folder relative paths were resolved from. */
  readonly root: string;
  readonly workflows: readonly WorkflowConfig[];
  readonly functions: readonly FunctionDefinition[];
  readonly routes: readonly RouteConfig[];
  /** Project-wide response mapping defaults (error name → HTTP status…). */
  readonly responseDefaults?: ResponseDefaults;
  /** What the configuration asked for that Flowgate cannot emulate: reported once, skipped. */
  readonly warnings: readonly string[];
}

export interface WorkflowConfig {
  /** The state machine name (its ARN is built from it). */
  readonly name: string;
  /** The definition as JSON text, with `${Name}` substitutions already resolved. */
  readonly definition: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  /** The AWS LoggingConfiguration, when the configuration gives one. */
  readonly logging?: { readonly level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF'; readonly includeExecutionData: boolean; readonly logGroupArn?: string };
  /** Where the definition came from, for messages and for watching. */
  readonly source?: string;
}

/** One route of the application's HTTP API. */
export interface RouteConfig {
  /** `GET`, `POST`…, or `ANY`. */
  readonly method: string;
  /**
   * API Gateway path syntax: `/orders/{id}`, `/files/{proxy+}`; or `$default`, the catch-all
   * route of HTTP APIs (its method is not used; write `ANY`).
   */
  readonly path: string;
  readonly target: RouteTarget;
  /** Where the route was declared, for messages. */
  readonly source?: string;
  readonly cors?: CorsConfig;
  /** Largest request body accepted, in bytes (default: 6 MB as API Gateway's payload limit). */
  readonly maxBodyBytes?: number;
  /**
   * Set when the route belongs to a REST API (API Gateway v1) rather than an HTTP API: it is
   * also served under its stage's prefix (`/Prod/orders`), and a request no route of that API
   * matches is answered 403 `{"message":"Missing Authentication Token"}` as REST APIs answer.
   */
  readonly restApi?: RestApiStage;
}

export interface RestApiStage {
  /** The stage the API is deployed to: SAM's `StageName` (`Prod` for its implicit API). */
  readonly stageName: string;
}

export type RouteTarget =
  | {
      readonly kind: 'workflow';
      /** The state machine name, optionally `:<version>` or `:<alias>`. */
      readonly workflow: string;
      /** StartSyncExecution (the default) or StartExecution (answers at once). */
      readonly invocation: 'sync' | 'async';
      readonly request: RequestMapping;
      readonly response: ResponseMapping;
    }
  | {
      /** A Lambda proxy integration (payload format 2.0 for HTTP APIs, 1.0 for REST APIs). */
      readonly kind: 'function';
      readonly function: string;
      readonly payloadFormat: '1.0' | '2.0';
    }
  | ServiceIntegrationTarget;

/**
 * A REST API `AWS` (non-proxy) integration with Step Functions
 * (`arn:aws:apigateway:<region>:states:action/StartSyncExecution`): a VTL request template
 * writes the action's JSON request (`stateMachineArn`, `input`, `name`), and the integration
 * response chosen by the service's status code maps the service's answer with its own template.
 */
export interface ServiceIntegrationTarget {
  readonly kind: 'service-integration';
  readonly action: 'StartSyncExecution' | 'StartExecution';
  /** Content type (`application/json`) → VTL template. */
  readonly requestTemplates: Readonly<Record<string, string>>;
  readonly passthroughBehavior: 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';
  /** In declaration order; the one without a `selectionPattern` is the default. */
  readonly responses: readonly IntegrationResponseConfig[];
}

export interface IntegrationResponseConfig {
  /** A regular expression the service response's HTTP status code must match entirely. */
  readonly selectionPattern?: string;
  readonly statusCode: number;
  /** Content type → VTL template; none passes the service's body through. */
  readonly responseTemplates?: Readonly<Record<string, string>>;
  /**
   * `method.response.header.<Name>` → `'literal'`, `integration.response.header.<name>`,
   * `integration.response.body` or `integration.response.body.<JSONPath>`.
   */
  readonly responseParameters?: Readonly<Record<string, string>>;
}

export type RequestMapping =
  /** The input is API Gateway's payload format 2.0 event: body, path and query parameters, headers, requestContext. */
  | { readonly kind: 'default' }
  /** A JSONata expression over that same event (`{% … %}` or a bare expression). */
  | { readonly kind: 'jsonata'; readonly expression: string }
  /**
   * AWS HTTP API `requestParameters` of a StepFunctions-StartSyncExecution integration:
   * `Input`, `Name`, `TraceHeader`… each a static string or a selection expression
   * (`$request.body`, `$request.body.a.b`, `$request.path.id`, `$request.querystring.q`,
   * `$request.header.h`, `$context.requestId`).
   */
  | { readonly kind: 'request-parameters'; readonly parameters: Readonly<Record<string, string>> };

export type ResponseMapping =
  /** SUCCEEDED → 200 with the output; FAILED → status by error name; TIMED_OUT → 504. */
  | { readonly kind: 'default'; readonly errors?: Readonly<Record<string, number>>; readonly exposeCause?: boolean }
  /** A JSONata expression over the execution result yielding `{ statusCode, headers, body }`. */
  | { readonly kind: 'jsonata'; readonly expression: string }
  /** As AWS's HTTP API integration answers: 200 and the raw StartSyncExecution record. */
  | { readonly kind: 'raw' };

export interface ResponseDefaults {
  /**
   * Error name → HTTP status, e.g. `{ "Validation.Failed": 400 }`; a key ending in `*` matches
   * by prefix (`"Validation.*"`, `"*"`), the longest prefix winning and an exact name first.
   * `States.Timeout` → 504 and unmapped → 500 built in. A route's own table is asked first.
   */
  readonly errors?: Readonly<Record<string, number>>;
  readonly exposeCause?: boolean;
}

export interface CorsConfig {
  readonly allowOrigins: readonly string[];
  readonly allowMethods?: readonly string[];
  readonly allowHeaders?: readonly string[];
  readonly exposeHeaders?: readonly string[];
  readonly maxAge?: number;
  readonly allowCredentials?: boolean;
}

import type { FunctionConfig } from '../functions/function-config.js';

/**
 * The shape of a Flowgate project (`flowgate.yaml`, `flowgate.yml`, `flowgate.json`, or the
 * default export of `flowgate.config.ts`). README.md in this folder documents every field;
 * the loader checks all of them and names the file and JSON path of any mistake.
 *
 * Only type imports here: a project's `flowgate.config.ts` imports `defineProject`, and this
 * file is bundled into it.
 */
export interface ProjectConfig {
  readonly $schema?: string;
  readonly workflows?: Readonly<Record<string, WorkflowEntry>>;
  readonly functions?: Readonly<Record<string, FunctionConfig>>;
  /** Values for `${parameters.Name}` in definitions; overridable when the project is loaded. */
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
  /** A list of routes, or a map keyed by `"METHOD /path"`. */
  readonly routes?: readonly RouteEntry[] | Readonly<Record<string, RouteOptions>>;
  /** Response mapping defaults for every workflow route. */
  readonly responses?: ResponseOptions;
  /** CORS for every route that does not set its own. */
  readonly cors?: CorsOption;
}

export interface WorkflowEntry {
  /** A file (`workflows/orders.asl.json`, `.yaml`), relative to the project file, or the definition itself. */
  readonly definition: string | Readonly<Record<string, unknown>>;
  /** Default `EXPRESS`: routes answer synchronously, as Synchronous Express Workflows do. */
  readonly type?: 'EXPRESS' | 'STANDARD';
  readonly logging?: { readonly level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF'; readonly includeExecutionData?: boolean; readonly logGroupArn?: string };
  /** `${Name}` placeholders of the definition; values may use the built-in `${functions.x.arn}`… */
  readonly substitutions?: Readonly<Record<string, string | number | boolean>>;
}

export interface RouteOptions {
  /** A workflow name, optionally `name:alias` or `name:version`. */
  readonly workflow?: string;
  readonly function?: string;
  /** Workflow routes: StartSyncExecution (`sync`, the default) or StartExecution (`async`). */
  readonly invocation?: 'sync' | 'async';
  readonly request?: 'default' | { readonly jsonata: string } | { readonly parameters: Readonly<Record<string, string>> };
  readonly response?: 'default' | 'raw' | { readonly jsonata: string } | ResponseOptions;
  /** Function routes: the Lambda proxy payload format, default `2.0`. */
  readonly payloadFormat?: '1.0' | '2.0';
  readonly cors?: CorsOption;
  readonly maxBodyBytes?: number;
}

export interface RouteEntry extends RouteOptions {
  readonly method: string;
  readonly path: string;
}

export interface ResponseOptions {
  /** Error name → HTTP status, e.g. `{ "Validation.Failed": 400 }`. */
  readonly errors?: Readonly<Record<string, number>>;
  readonly exposeCause?: boolean;
}

export type CorsOption =
  | true
  | {
      readonly allowOrigins: readonly string[];
      readonly allowMethods?: readonly string[];
      readonly allowHeaders?: readonly string[];
      readonly exposeHeaders?: readonly string[];
      readonly maxAge?: number;
      readonly allowCredentials?: boolean;
    };

/**
 * Types a `flowgate.config.ts`: `export default defineProject({ workflows: { … } })`. Not
 * generic on purpose: a plain parameter type keeps TypeScript's excess-property check, so a
 * misspelt field is an editor error before it is a load error.
 */
export function defineProject(config: ProjectConfig): ProjectConfig {
  return config;
}

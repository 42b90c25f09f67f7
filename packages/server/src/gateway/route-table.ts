import type { CorsConfig, ResponseDefaults, RouteConfig } from '../app/application.js';
import { corsProblems } from './cors.js';
import type { FunctionInvoker, WorkflowInvoker } from './invokers.js';
import { invokeLambdaProxy } from './lambda-proxy.js';
import { DEFAULT_MAX_BODY_BYTES } from './request-body.js';
import type { RoutePattern } from './route-pattern.js';
import { compareSpecificity, matchPattern, parseRoutePath, splitRequestPath } from './route-pattern.js';
import type { RouteHandler } from './workflow-route.js';
import { compileWorkflowRoute } from './workflow-route.js';
import { compileServiceIntegrationRoute } from '../rest-api/index.js';

/** The catch-all route key of HTTP APIs; a RouteConfig with this path (any method) declares it. */
export const DEFAULT_ROUTE = '$default';

/** HTTP API route methods (AWS::ApiGatewayV2::Route RouteKey). */
const METHODS = new Set(['ANY', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);

export interface CompiledRoute {
  /** `GET /orders/{id}`, `ANY /{proxy+}` or `$default`. */
  readonly key: string;
  readonly method: string;
  /** Undefined for `$default`. */
  readonly pattern: RoutePattern | undefined;
  readonly cors: CorsConfig | undefined;
  readonly maxBodyBytes: number;
  /** The stage of a REST API route, under whose prefix it is also served; undefined for HTTP APIs. */
  readonly restStage: string | undefined;
  readonly handle: RouteHandler;
}

export interface RouteMatch {
  readonly route: CompiledRoute;
  readonly pathParameters: Readonly<Record<string, string>>;
}

/** The routes were refused; the gateway keeps serving the ones it had. */
export class RouteConfigError extends Error {
  readonly code = 'InvalidRouteConfiguration';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid routes:\n  ${problems.join('\n  ')}`);
    this.name = 'RouteConfigError';
    this.problems = problems;
  }
}

export interface RouteDependencies {
  readonly workflows: WorkflowInvoker;
  readonly functions: FunctionInvoker | undefined;
  readonly responseDefaults: ResponseDefaults | undefined;
  /** Told about function errors and malformed function answers (the client sees a 500). */
  readonly report: (problem: Error, context: { readonly requestId: string; readonly routeKey: string }) => void;
}

/** An immutable set of compiled routes, ordered so the first route that matches is the best. */
export interface RouteTable {
  readonly routes: readonly CompiledRoute[];
  match(method: string, rawPath: string): RouteMatch | undefined;
  /**
   * `match`, also under REST API stage prefixes: `/Prod/orders` finds the `Prod` stage's
   * `/orders` (whose handler then sees `/orders`), and `/orders` finds it too, since the prefix
   * is optional locally. `rest` tells how to answer when nothing matched: as a REST API does
   * (403 Missing Authentication Token) when the path is under a REST stage, when a REST route
   * has the path with another method, or when the table has only REST routes; else 404.
   */
  lookup(method: string, rawPath: string): RouteLookup;
}

export interface RouteLookup {
  readonly match: RouteMatch | undefined;
  /** The path the route was matched with: without the stage prefix when it had one. */
  readonly rawPath: string;
  readonly rest: boolean;
}

/** Compiles every route or none: all problems are reported together in a RouteConfigError. */
export function compileRouteTable(configs: readonly RouteConfig[], dependencies: RouteDependencies): RouteTable {
  const problems: string[] = [];
  const routes: CompiledRoute[] = [];
  const shapes = new Map<string, string>();
  let fallback: CompiledRoute | undefined;
  for (const config of configs) {
    const method = config.method.toUpperCase();
    const isDefault = config.path === DEFAULT_ROUTE;
    const key = isDefault ? DEFAULT_ROUTE : `${method} ${config.path}`;
    const where = `route '${key}'${config.source === undefined ? '' : ` (${config.source})`}`;
    if (!METHODS.has(method)) problems.push(`${where}: method '${config.method}' is not one of ${[...METHODS].join(', ')}`);
    let pattern: RoutePattern | undefined;
    if (!isDefault) {
      const parsed = parseRoutePath(config.path);
      if ('problems' in parsed) problems.push(...parsed.problems.map((problem) => `${where}: ${problem}`));
      else pattern = parsed;
    }
    // `/a/{x}` and `/a/{y}` would catch the same requests: API Gateway refuses such a pair too.
    const shape = isDefault ? DEFAULT_ROUTE : `${method} ${pattern?.segments.map((s) => (s.kind === 'static' ? s.text : s.kind === 'variable' ? '{}' : '{+}')).join('/') ?? config.path}`;
    const clash = shapes.get(shape);
    if (clash !== undefined) problems.push(`${where} catches the same requests as ${clash}`);
    shapes.set(shape, where);
    if (config.maxBodyBytes !== undefined && (!Number.isInteger(config.maxBodyBytes) || config.maxBodyBytes < 0)) {
      problems.push(`${where}: maxBodyBytes must be a whole number of bytes`);
    }
    if (config.cors !== undefined) problems.push(...corsProblems(config.cors, where));
    const handle = handlerOf(config, key, where, dependencies, problems);
    if (handle === undefined || (!isDefault && pattern === undefined)) continue;
    const route: CompiledRoute = {
      key,
      method,
      pattern,
      cors: config.cors,
      maxBodyBytes: config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      restStage: config.restApi?.stageName,
      handle,
    };
    if (isDefault) fallback = route;
    else routes.push(route);
  }
  if (problems.length > 0) throw new RouteConfigError(problems);
  routes.sort(bySpecificity);
  const ordered = fallback === undefined ? routes : [...routes, fallback];
  const matchIn = (candidates: readonly CompiledRoute[], method: string, rawPath: string, anyMethod = false): RouteMatch | undefined => {
    const segments = splitRequestPath(rawPath);
    for (const route of candidates) {
      if (!anyMethod && route.method !== 'ANY' && route.method !== method) continue;
      const pathParameters = matchPattern(route.pattern as RoutePattern, segments);
      if (pathParameters !== undefined) return { route, pathParameters };
    }
    return undefined;
  };
  const match = (method: string, rawPath: string): RouteMatch | undefined =>
    matchIn(routes, method, rawPath) ?? (fallback === undefined ? undefined : { route: fallback, pathParameters: {} });
  const restRoutes = routes.filter((route) => route.restStage !== undefined);
  const onlyRest = restRoutes.length > 0 && restRoutes.length === routes.length && fallback === undefined;
  return {
    routes: ordered,
    match,
    lookup(method, rawPath) {
      const segments = splitRequestPath(rawPath);
      const stage = segments.length > 0 ? restRoutes.find((route) => route.restStage === segments[0])?.restStage : undefined;
      let stripped: string | undefined;
      if (stage !== undefined) {
        stripped = `/${segments.slice(1).join('/')}`;
        const staged = restRoutes.filter((route) => route.restStage === stage);
        const found = matchIn(staged, method, stripped);
        if (found !== undefined) return { match: found, rawPath: stripped, rest: true };
      }
      const found = match(method, rawPath);
      if (found !== undefined) return { match: found, rawPath, rest: found.route.restStage !== undefined };
      const rest =
        stage !== undefined ||
        onlyRest ||
        matchIn(restRoutes, method, rawPath, true) !== undefined ||
        (stripped !== undefined && matchIn(restRoutes, method, stripped, true) !== undefined);
      return { match: undefined, rawPath, rest };
    },
  };
}

/**
 * Most specific path first (see `compareSpecificity`); for the same path a named method before
 * `ANY`, which "matches all methods that you haven't defined for a resource". Path before method
 * is an assumption where AWS's documentation is silent (`ANY /pets/dog` vs `GET /pets/{id}`).
 */
function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const byPath = compareSpecificity(a.pattern as RoutePattern, b.pattern as RoutePattern);
  if (byPath !== 0) return byPath;
  return (a.method === 'ANY' ? 1 : 0) - (b.method === 'ANY' ? 1 : 0);
}

function handlerOf(
  config: RouteConfig,
  key: string,
  where: string,
  dependencies: RouteDependencies,
  problems: string[],
): RouteHandler | undefined {
  const { target } = config;
  if (target.kind === 'workflow') {
    return compileWorkflowRoute(target, dependencies.workflows, dependencies.responseDefaults, where, problems);
  }
  if (target.kind === 'service-integration') {
    // A REST API integration outside a REST API (a hand-written route) answers on the default stage.
    return compileServiceIntegrationRoute(target, dependencies.workflows, config.restApi?.stageName ?? '$default', where, problems, (problem, request) =>
      dependencies.report(problem, { requestId: request.requestId, routeKey: key }),
    );
  }
  const { functions } = dependencies;
  if (functions === undefined) {
    problems.push(`${where} targets the function '${target.function}', but the gateway was given no function invoker`);
    return undefined;
  }
  return (request) =>
    invokeLambdaProxy(functions, target.function, target.payloadFormat, request, (problem) =>
      dependencies.report(problem, { requestId: request.requestId, routeKey: key }),
    );
}

import type { RouteConfig } from '../app/application.js';
import { configError, jsonPathOf } from './config-error.js';
import { implicitApi, type SamApi } from './sam-apis.js';
import { type EventRoute, IMPLICIT_HTTP_API, IMPLICIT_REST_API, routeSource, type SamContext } from './sam-context.js';

/**
 * Joins each API's OpenAPI operations with the routes events add to it, as SAM does when it
 * writes an event into the API's definition: an event may supply the integration of an
 * operation that has none, but a route integrated twice on one API is an error (SAM's
 * "API method defined multiple times").
 *
 * All APIs share one local gateway, where AWS gives each its own host: a route two APIs both
 * declare is served once (the first) and warned about.
 */
export function assembleRoutes(apis: ReadonlyMap<string, SamApi>, events: readonly EventRoute[], cx: SamContext): RouteConfig[] {
  const byApi = new Map<string, SamApi>(apis);
  const routes: RouteConfig[] = [];
  const served = new Map<string, string>();
  const eventsByApi = new Map<string, EventRoute[]>();
  for (const event of events) {
    if (!byApi.has(event.api)) {
      if (event.api !== IMPLICIT_HTTP_API && event.api !== IMPLICIT_REST_API) {
        // The API exists in the template but its Condition left it out; so are its routes.
        cx.warnings.report('Events on an API whose Condition is false were skipped', `${event.method} ${event.path}`);
        continue;
      }
      byApi.set(event.api, implicitApi(event.api, cx));
    }
    eventsByApi.set(event.api, [...(eventsByApi.get(event.api) ?? []), event]);
  }

  for (const api of byApi.values()) {
    const declared = new Map<string, string>();
    const candidates: { key: string; route: RouteConfig }[] = [];
    const eventRoutes = eventsByApi.get(api.id) ?? [];
    for (const operation of api.operations) {
      const key = `${operation.method} ${operation.path}`;
      if (operation.target === undefined) {
        if (!operation.hasIntegration && !eventRoutes.some((event) => `${event.method} ${event.path}` === key)) {
          cx.warnings.report('OpenAPI operations without an x-amazon-apigateway-integration (nor an event supplying one) are not served', `${key} (${api.id})`);
        }
        continue;
      }
      declared.set(key, jsonPathOf(operation.at.path));
      candidates.push({ key, route: routeOf(operation.method, operation.path, operation.target, routeSource(operation.at), api) });
    }
    for (const event of eventRoutes) {
      const key = `${event.method} ${event.path}`;
      const first = declared.get(key);
      if (first !== undefined) throw configError('DuplicateRoute', event.at, { route: `${key} on ${api.id}`, first });
      declared.set(key, jsonPathOf(event.at.path));
      candidates.push({ key, route: routeOf(event.method, event.path, event.target, routeSource(event.at), api) });
    }
    for (const { key, route } of candidates) {
      const owner = served.get(key);
      if (owner !== undefined) {
        cx.warnings.report('Routes declared by several APIs share one local gateway; the first is served', `${key} (${owner}, ${api.id})`);
        continue;
      }
      served.set(key, api.id);
      routes.push(route);
    }
  }
  return routes;
}

function routeOf(method: string, path: string, target: RouteConfig['target'], source: string, api: SamApi): RouteConfig {
  return {
    method,
    path,
    target,
    source,
    ...(api.cors === undefined ? {} : { cors: api.cors }),
    // A REST API's routes answer as REST APIs do, also under the stage prefix (`/Prod/orders`).
    ...(api.stageName === undefined ? {} : { restApi: { stageName: api.stageName } }),
  };
}

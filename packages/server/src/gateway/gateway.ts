import { createWorkflowServer, listen } from '../runtime/http-server.js';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResponseDefaults, RouteConfig } from '../app/application.js';
import { isPreflight, preflightAnswer, responseCorsHeaders, withoutCorsHeaders } from './cors.js';
import type { ApiIdentity, GatewayRequest } from './gateway-request.js';
import { parseQuery, parseRawHeaders, splitTarget } from './gateway-request.js';
import type { HttpAnswer } from './http-answer.js';
import { INTERNAL_ERROR, MISSING_AUTHENTICATION_TOKEN, NOT_FOUND, TOO_LARGE } from './http-answer.js';
import type { FunctionInvoker, TraceContext, WorkflowInvoker } from './invokers.js';
import { ClientGone, readRequestBody } from './request-body.js';
import type { RouteMatch, RouteTable } from './route-table.js';
import { compileRouteTable } from './route-table.js';
import { randomSlice, traceContextOf } from './trace-context.js';

export interface GatewayOptions {
  readonly routes: readonly RouteConfig[];
  readonly responseDefaults?: ResponseDefaults;
  readonly workflows: WorkflowInvoker;
  /** Needed only when a route targets a function. */
  readonly functions?: FunctionInvoker;
  /** `$stageVariables.*` and the events' `stageVariables`. */
  readonly stageVariables?: Readonly<Record<string, string>>;
  readonly accountId?: string;
  readonly apiId?: string;
  /** Faults behind a 500: a mapping that failed, a function error, an invoker that threw. */
  readonly onError?: (error: unknown, context: { readonly requestId: string; readonly routeKey?: string }) => void;
  /** Epoch milliseconds; injected by tests. */
  readonly now?: () => number;
}

export interface Gateway {
  readonly server: Server;
  /** The request handler, for mounting the gateway on a server of one's own. */
  readonly handler: (request: IncomingMessage, response: ServerResponse) => void;
  /**
   * Replaces every route (and the project's response defaults) at once. Requests already
   * routed finish with the routes they were matched against. Throws `RouteConfigError` and
   * keeps the current routes when any new route is invalid.
   */
  setRoutes(routes: readonly RouteConfig[], responseDefaults?: ResponseDefaults): void;
  /** Default 127.0.0.1:3000, the address `flowgate dev` serves the application's API on. */
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting requests; those in flight get `graceMs` to finish, then their connections are cut. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The application's HTTP API, as API Gateway HTTP APIs serve it: routes with methods and path
 * variables, each to a workflow (StartSyncExecution or StartExecution) or a Lambda proxy.
 * Routes of REST APIs (`restApi` set) are served as REST APIs serve them: also under their
 * stage prefix, with mapping-template integrations (../rest-api) and 403 for unknown routes.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const now = options.now ?? Date.now;
  const api: ApiIdentity = {
    accountId: options.accountId ?? '123456789012',
    apiId: options.apiId ?? 'flowgate',
    stageVariables: options.stageVariables ?? {},
  };
  const onError = options.onError ?? ((error: unknown) => console.error('flowgate gateway:', error));
  const compile = (routes: readonly RouteConfig[], responseDefaults: ResponseDefaults | undefined): RouteTable =>
    compileRouteTable(routes, {
      workflows: options.workflows,
      functions: options.functions,
      responseDefaults,
      report: onError,
    });
  // Swapped whole: a request reads it once, so a reload never mixes two route sets.
  let table = compile(options.routes, options.responseDefaults);

  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    const requestId = newRequestId();
    const trace = traceContextOf(request.headers, now());
    const controller = new AbortController();
    // 'close' before the answer is written: the client went away, so its execution should stop.
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    serve(table, request, requestId, trace, controller.signal)
      .catch((error: unknown) => {
        if (!(error instanceof ClientGone)) onError(error, { requestId });
        return INTERNAL_ERROR;
      })
      .then((answer) => {
        try {
          send(response, answer, requestId, trace);
        } catch (error) {
          // Headers a mapping or a function made up can be invalid HTTP (a newline in a value).
          onError(error, { requestId });
          send(response, INTERNAL_ERROR, requestId, trace);
        }
      });
  };

  async function serve(routes: RouteTable, request: IncomingMessage, requestId: string, trace: TraceContext, signal: AbortSignal): Promise<HttpAnswer> {
    const time = now();
    const method = (request.method ?? 'GET').toUpperCase();
    const { rawPath, rawQueryString } = splitTarget(request.url ?? '/');
    const parsed = parseRawHeaders(request.rawHeaders);
    if (isPreflight(method, parsed.headers)) {
      const target = routes.lookup((parsed.headers['access-control-request-method'] as string).toUpperCase(), rawPath).match;
      if (target?.route.cors !== undefined) {
        request.resume();
        return preflightAnswer(target.route.cors, parsed.headers);
      }
    }
    const lookup = routes.lookup(method, rawPath);
    const match: RouteMatch | undefined = lookup.match;
    if (match === undefined) {
      request.resume();
      return lookup.rest ? MISSING_AUTHENTICATION_TOKEN : NOT_FOUND;
    }
    const { route } = match;
    const read = await readRequestBody(request, route.maxBodyBytes);
    if (read.kind === 'too-large') return TOO_LARGE;
    const gatewayRequest: GatewayRequest = {
      requestId,
      time,
      method,
      // Without the REST stage prefix it was matched under, as REST APIs give `path` to integrations.
      rawPath: lookup.rawPath,
      rawQueryString,
      routeKey: route.key,
      routePath: route.pattern?.path ?? lookup.rawPath,
      ...(route.restStage === undefined ? {} : { stage: route.restStage }),
      pathParameters: match.pathParameters,
      ...parsed,
      ...parseQuery(rawQueryString),
      host: parsed.headers.host ?? 'localhost',
      // IPv4 clients of a dual-stack socket appear as `::ffff:a.b.c.d`; events carry `a.b.c.d`.
      sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:(?=\d+\.)/, ''),
      protocol: `HTTP/${request.httpVersion}`,
      body: read.body,
      trace,
      signal,
      api,
    };
    let answer: HttpAnswer;
    try {
      answer = await route.handle(gatewayRequest);
    } catch (error) {
      onError(error, { requestId, routeKey: route.key });
      answer = INTERNAL_ERROR;
    }
    if (route.cors === undefined) return answer;
    const cors = responseCorsHeaders(route.cors, parsed.headers);
    const cleaned = withoutCorsHeaders(answer);
    return { ...cleaned, headers: { ...cleaned.headers, ...cors } };
  }

  const server = createWorkflowServer(handler);

  return {
    server,
    handler,
    setRoutes(routes, responseDefaults) {
      table = compile(routes, responseDefaults);
    },
    listen: (port = 3000, host = '127.0.0.1') => listen(server, port, host),
    async close(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      timer.unref();
      await closed;
      clearTimeout(timer);
    },
  };
}

/**
 * Every answer names its request (`apigw-requestid`, as HTTP APIs do) and its trace
 * (`x-amzn-trace-id`, the X-Ray header the integration was given).
 */
function send(response: ServerResponse, answer: HttpAnswer, requestId: string, trace: TraceContext): void {
  if (response.destroyed || response.headersSent) return;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(answer.headers)) headers[name] = typeof value === 'string' ? value : [...value];
  headers['apigw-requestid'] = requestId;
  headers['x-amzn-trace-id'] = trace.traceHeader;
  // 204 and 304 answers have no body by definition (RFC 9110 §6.4.1).
  const bodyless = answer.statusCode === 204 || answer.statusCode === 304;
  if (!bodyless) headers['content-length'] = String(Buffer.byteLength(answer.body));
  response.writeHead(answer.statusCode, headers);
  response.end(bodyless ? undefined : answer.body);
}

/** HTTP API request ids look like `JKJaXmPLvHcESHA=`: 11 random bytes in base64. */
function newRequestId(): string {
  return randomSlice(11).toString('base64').replace(/[+/]/g, 'x');
}

import { describe, expect, it } from 'vitest';
import type { RouteConfig } from '../app/application.js';
import { fakeWorkflows, workflowRoute } from './gateway-test-kit.js';
import { compileRouteTable, RouteConfigError } from './route-table.js';

function table(routes: readonly RouteConfig[]) {
  return compileRouteTable(routes, { workflows: fakeWorkflows(), functions: undefined, responseDefaults: undefined, report: () => undefined });
}

function keyOf(routes: ReturnType<typeof table>, method: string, path: string): string | undefined {
  return routes.match(method, path)?.route.key;
}

describe('route matching', () => {
  // The example of http-api-develop-routes ("Routing API requests").
  const aws = table([
    workflowRoute('GET', '/pets/dog/1'),
    workflowRoute('GET', '/pets/dog/{id}'),
    workflowRoute('GET', '/pets/{proxy+}'),
    workflowRoute('ANY', '/{proxy+}'),
    workflowRoute('ANY', '$default'),
  ]);

  it('picks routes as the AWS documentation example does', () => {
    expect(keyOf(aws, 'GET', '/pets/dog/1')).toBe('GET /pets/dog/1');
    expect(keyOf(aws, 'GET', '/pets/dog/2')).toBe('GET /pets/dog/{id}');
    expect(keyOf(aws, 'GET', '/pets/cat/1')).toBe('GET /pets/{proxy+}');
    expect(keyOf(aws, 'POST', '/test/5')).toBe('ANY /{proxy+}');
    expect(keyOf(aws, 'GET', '/')).toBe('$default');
  });

  it('prefers any full match to a greedy one, and a static segment to a variable at the first difference', () => {
    const routes = table([workflowRoute('GET', '/x/{rest+}'), workflowRoute('GET', '/{a}/b/c'), workflowRoute('GET', '/{a}/{b}/d'), workflowRoute('GET', '/{a}/b/{c}')]);
    expect(keyOf(routes, 'GET', '/x/b/c')).toBe('GET /{a}/b/c');
    expect(keyOf(routes, 'GET', '/x/b/d')).toBe('GET /{a}/b/{c}');
    expect(keyOf(routes, 'GET', '/x/y/d')).toBe('GET /{a}/{b}/d');
    expect(keyOf(routes, 'GET', '/x/y/z/w')).toBe('GET /x/{rest+}');
  });

  it('prefers the greedy route with more fixed segments', () => {
    const routes = table([workflowRoute('GET', '/api/{proxy+}'), workflowRoute('GET', '/api/v1/{proxy+}')]);
    expect(keyOf(routes, 'GET', '/api/v1/users')).toBe('GET /api/v1/{proxy+}');
    expect(keyOf(routes, 'GET', '/api/v2/users')).toBe('GET /api/{proxy+}');
  });

  it('prefers a named method to ANY on the same path, and ANY serves the other methods', () => {
    const routes = table([workflowRoute('ANY', '/orders'), workflowRoute('POST', '/orders')]);
    expect(keyOf(routes, 'POST', '/orders')).toBe('POST /orders');
    expect(keyOf(routes, 'DELETE', '/orders')).toBe('ANY /orders');
  });

  it('matches no route for another method, a trailing slash, a missing segment or a different case', () => {
    const routes = table([workflowRoute('GET', '/orders/{id}'), workflowRoute('GET', '/files/{proxy+}')]);
    expect(routes.match('POST', '/orders/1')).toBeUndefined();
    expect(routes.match('GET', '/orders/1/')).toBeUndefined();
    expect(routes.match('GET', '/orders/')).toBeUndefined();
    expect(routes.match('GET', '/Orders/1')).toBeUndefined();
    expect(routes.match('GET', '/files')).toBeUndefined();
    expect(routes.match('GET', '/files/')).toBeUndefined();
  });

  it('decodes path parameters; a greedy variable keeps its slashes', () => {
    const routes = table([workflowRoute('GET', '/orders/{id}/items/{item}'), workflowRoute('GET', '/files/{proxy+}')]);
    expect(routes.match('GET', '/orders/a%20b/items/%C3%A9')?.pathParameters).toEqual({ id: 'a b', item: 'é' });
    expect(routes.match('GET', '/files/a/b%2Fc/d.txt')?.pathParameters).toEqual({ proxy: 'a/b/c/d.txt' });
  });

  it('matches the root path', () => {
    const routes = table([workflowRoute('GET', '/')]);
    expect(keyOf(routes, 'GET', '/')).toBe('GET /');
    expect(routes.match('GET', '/x')).toBeUndefined();
  });
});

describe('route configuration', () => {
  function problemsOf(routes: readonly RouteConfig[]): readonly string[] {
    try {
      table(routes);
    } catch (error) {
      if (error instanceof RouteConfigError) return error.problems;
      throw error;
    }
    return [];
  }

  it('refuses every invalid route at once, saying where each is', () => {
    const problems = problemsOf([
      workflowRoute('GET', 'orders', { source: 'flowgate.yaml:3' }),
      workflowRoute('GET', '/a/{rest+}/b'),
      workflowRoute('GET', '/a/x{id}'),
      workflowRoute('FETCH', '/b'),
      workflowRoute('GET', '/c/{id}'),
      workflowRoute('GET', '/c/{other}'),
      workflowRoute('GET', '/d', { response: { kind: 'default', errors: { 'A.*.B': 400, C: 99 } } }),
      workflowRoute('GET', '/e', { request: { kind: 'jsonata', expression: '{% 1 + %}' } }),
      workflowRoute('GET', '/f', { request: { kind: 'request-parameters', parameters: { Body: '$request.body' } } }),
      workflowRoute('GET', '/g', { request: { kind: 'request-parameters', parameters: { Input: '$request.nothing.x' } } }),
      workflowRoute('GET', '/h', { cors: { allowOrigins: ['*'], allowCredentials: true } }),
      { method: 'GET', path: '/i', target: { kind: 'function', function: 'f', payloadFormat: '2.0' } },
    ]);
    expect(problems).toHaveLength(12);
    expect(problems[0]).toContain("route 'GET orders' (flowgate.yaml:3)");
    expect(problems.join('\n')).toMatch(/greedy variable must be the last segment/);
    expect(problems.join('\n')).toMatch(/catches the same requests as route 'GET \/c\/\{id\}'/);
    expect(problems.join('\n')).toMatch(/no function invoker/);
  });

  it('accepts a static state machine ARN and refuses a malformed one', () => {
    const arn = (value: string) => workflowRoute('POST', '/x', { request: { kind: 'request-parameters', parameters: { StateMachineArn: value } } });
    expect(problemsOf([arn('arn:aws:states:us-east-1:123456789012:stateMachine:Orders:live')])).toEqual([]);
    expect(problemsOf([arn('arn:aws:lambda:us-east-1:123456789012:function:f')])[0]).toMatch(/Invalid Arn/);
  });
});

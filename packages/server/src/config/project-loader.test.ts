import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, type ConfigErrorCode, jsonPathOf } from './config-error.js';
import { loadProject, loadProjectFile } from './project-loader.js';

const fixtures = fileURLToPath(new URL('../../test-fixtures/config/project/', import.meta.url));
const fixture = (path: string): string => `${fixtures}${path}`;

async function loadError(file: string): Promise<ConfigError> {
  const error = await loadProjectFile(fixture(file)).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError from ${file}, got ${String(error)}`);
  return error;
}

describe('Flowgate project loader', () => {
  it('loads a project: workflows with substitutions, functions, routes and defaults', async () => {
    const app = await loadProject(fixture('orders'));
    expect(app.root).toBe(fixture('orders'));
    expect(app.warnings).toEqual([]);
    expect(app.responseDefaults).toEqual({ errors: { 'Validation.Failed': 400, 'Order.NotFound': 404 }, exposeCause: false });

    expect(app.functions.map((f) => [f.name, f.kind, f.handler, f.codeDirectory, f.timeoutSeconds, f.environment])).toEqual([
      ['pricing', 'nodejs', 'index.handler', fixture('orders/functions/pricing'), 10, { ROUNDING: 'half-even', MAX_LINES: '50' }],
      ['notify', 'python', 'app.handler', fixture('orders/functions/notify'), 3, undefined],
    ]);

    const [pricing, notify] = app.workflows;
    expect(pricing).toMatchObject({ name: 'order-pricing', type: 'EXPRESS', logging: { level: 'ERROR', includeExecutionData: false }, source: fixture('orders/workflows/order-pricing.asl.json') });
    const pricingStates = JSON.parse(pricing?.definition ?? '{}').States;
    expect(pricingStates['Price lines'].Parameters.FunctionName).toBe('arn:aws:lambda:us-east-1:123456789012:function:pricing');
    expect(pricingStates['Add tax'].Parameters).toMatchObject({ currency: 'EUR', rate: '0.2', note: '${NotAPlaceholder} stays literal' });
    // A YAML definition file, with a built-in placeholder used directly.
    expect(notify).toMatchObject({ name: 'order-notify', type: 'STANDARD' });
    expect(JSON.parse(notify?.definition ?? '{}').States.Notify.Resource).toBe('arn:aws:lambda:us-east-1:123456789012:function:notify');

    const projectCors = { allowOrigins: ['https://shop.example.com'], allowMethods: ['GET', 'POST'] };
    expect(app.routes).toEqual([
      {
        method: 'POST',
        path: '/orders/{orderId}/price',
        target: {
          kind: 'workflow',
          workflow: 'order-pricing',
          invocation: 'sync',
          request: { kind: 'jsonata', expression: '{% $merge([$states.input.body, { "orderId": $states.input.pathParameters.orderId }]) %}' },
          response: { kind: 'default', errors: { 'Pricing.OutOfStock': 409 }, exposeCause: true },
        },
        source: `${fixture('orders/flowgate.yaml')}: $.routes[0]`,
        cors: projectCors,
        maxBodyBytes: 65536,
      },
      {
        method: 'POST',
        path: '/orders/{orderId}/notify',
        target: { kind: 'workflow', workflow: 'order-notify', invocation: 'async', request: { kind: 'default' }, response: { kind: 'raw' } },
        source: `${fixture('orders/flowgate.yaml')}: $.routes[1]`,
        cors: { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'] },
      },
      {
        method: 'GET',
        path: '/quotes/{proxy+}',
        target: { kind: 'function', function: 'pricing', payloadFormat: '1.0' },
        source: `${fixture('orders/flowgate.yaml')}: $.routes[2]`,
        cors: projectCors,
      },
    ]);
  });

  it('takes parameter values given when loading, and refuses undeclared ones', async () => {
    const app = await loadProject(fixture('orders'), { parameters: { Currency: 'USD' } });
    expect(JSON.parse(app.workflows[0]?.definition ?? '{}').States['Add tax'].Parameters.currency).toBe('USD');
    await expect(loadProject(fixture('orders'), { parameters: { Curency: 'USD' } })).rejects.toThrow("a value was given for parameter 'Curency'");
  });

  it('reads routes written as a map keyed by "METHOD /path", and inline definitions', async () => {
    const app = await loadProject(fixture('map-routes'));
    expect(app.workflows.map((w) => [w.name, w.type, w.source])).toEqual([['greet', 'EXPRESS', fixture('map-routes/flowgate.json')]]);
    expect(app.routes.map((r) => [r.method, r.path, r.target, r.source])).toEqual([
      [
        'POST',
        '/greetings',
        { kind: 'workflow', workflow: 'greet', invocation: 'sync', request: { kind: 'default' }, response: { kind: 'default' } },
        `${fixture('map-routes/flowgate.json')}: $.routes["POST /greetings"]`,
      ],
      [
        'GET',
        '/greetings/{name}',
        {
          kind: 'workflow',
          workflow: 'greet:live',
          invocation: 'sync',
          request: { kind: 'request-parameters', parameters: { Input: '{"name": "${request.path.name}"}' } },
          response: { kind: 'jsonata', expression: "{% { 'statusCode': 200, 'body': $states.output } %}" },
        },
        `${fixture('map-routes/flowgate.json')}: $.routes["GET /greetings/{name}"]`,
      ],
    ]);
  });

  it('loads flowgate.config.ts through esbuild, checked like any project file', async () => {
    const app = await loadProject(fixture('typescript'));
    expect(app.workflows.map((w) => w.name)).toEqual(['greet']);
    expect(app.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /greeting']);
    expect(app.responseDefaults).toEqual({ exposeCause: true });
  });

  it('asks for a default export in flowgate.config.ts', async () => {
    const error = await loadError('typescript-no-default/flowgate.config.ts');
    expect(error).toMatchObject({ code: 'InvalidSyntax', file: fixture('typescript-no-default/flowgate.config.ts') });
    expect(error.rule).toContain('has no default export');
  });

  it('treats an empty file as an empty project and refuses two project files in one folder', async () => {
    await expect(loadProject(fixture('empty'))).resolves.toMatchObject({ workflows: [], functions: [], routes: [], warnings: [] });
    await expect(loadProject(fixture('ambiguous'))).rejects.toThrow('several configuration files (flowgate.yaml, flowgate.json)');
    await expect(loadProject(fixture('errors'))).rejects.toMatchObject({ code: 'FileNotFound' });
  });

  // Each mistake is reported with its file, the JSON path of the bad field, and the rule.
  const cases: [file: string, code: ConfigErrorCode, path: string, rule: string][] = [
    ['unknown-top-level.yaml', 'UnknownField', '$.workflow', 'is not a known field (known: $schema, workflows'],
    ['bad-method.yaml', 'InvalidValue', '$.routes[0].method', 'must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY (got "FETCH")'],
    ['unknown-workflow.yaml', 'UnknownReference', '$.routes[0].workflow', "refers to workflow 'order', which is not declared (declared: orders)"],
    ['unresolved-substitution.yaml', 'UnresolvedSubstitution', '$.workflows.pricing.definition.States.Price.Resource', "workflow 'pricing' uses ${PricingArn}"],
    ['duplicate-route.yaml', 'DuplicateRoute', '$.routes[1]', "route 'POST /orders' is already declared at $.routes[0]"],
    ['bad-type.yaml', 'InvalidValue', '$.workflows.orders.type', 'must be one of EXPRESS, STANDARD (got "EXPRES")'],
    ['bad-status.yaml', 'InvalidValue', '$.responses.errors["Validation.Failed"]', 'must be 100 to 599 (got 700)'],
    ['missing-definition-file.yaml', 'FileNotFound', '$.workflows.orders.definition', 'no such file'],
    ['invalid-definition.yaml', 'InvalidDefinition', '$.workflows.broken.definition.StartAt', "workflow 'broken' has an invalid definition: /StartAt: MISSING_TRANSITION_TARGET"],
    ['bad-runtime.yaml', 'InvalidValue', '$.functions.legacy.runtime', "runtime 'java21' is not supported"],
    ['both-targets.yaml', 'InvalidValue', '$.routes[0]', "either a 'workflow' or a 'function', not both"],
    ['greedy-not-last.yaml', 'InvalidValue', '$.routes[0].path', 'a greedy parameter {proxy+} must be the last segment'],
    ['function-route-response.yaml', 'InvalidValue', '$.routes[0].response', "'response' applies to workflow routes"],
    ['bad-cors.yaml', 'InvalidValue', '$.cors.allowCredentials', "cannot be true when allowOrigins contains '*'"],
    ['bad-route-key.json', 'InvalidValue', '$.routes.POST', 'a route key is "METHOD /path"'],
    ['bad-substitution-value.yaml', 'InvalidType', '$.workflows.orders.substitutions.Table', 'must be a string, number or boolean, not an object'],
    ['bad-logging.yaml', 'InvalidValue', '$.workflows.orders.logging.level', 'must be one of ALL, ERROR, FATAL, OFF'],
  ];

  it.each(cases)('%s: %s at %s', async (file, code, path, rule) => {
    const error = await loadError(`errors/${file}`);
    expect({ code: error.code, file: error.file, path: jsonPathOf(error.path) }).toEqual({ code, file: fixture(`errors/${file}`), path });
    expect(error.rule).toContain(rule);
    expect(error.message).toContain(`${path}: ${error.rule}`);
  });

  it('reports an unresolved placeholder in a definition file at that file and path', async () => {
    const error = await loadError('errors/unresolved-in-file.yaml');
    expect(error).toMatchObject({ code: 'UnresolvedSubstitution', file: fixture('errors/definitions/unknown-function.asl.json') });
    expect(jsonPathOf(error.path)).toBe('$.States.Notify.Resource');
    expect(error.rule).toContain("workflow 'notify' uses ${functions.mailer.arn}");
  });

  it('reports YAML syntax errors with a line and column', async () => {
    const error = await loadError('errors/syntax-error.yaml');
    expect(error.code).toBe('InvalidSyntax');
    expect(error.position?.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/syntax-error\.yaml: \d+:\d+: is not valid: /);
  });
});

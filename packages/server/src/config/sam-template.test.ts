import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonPathOf } from './config-error.js';
import { loadSamTemplate } from './sam-template.js';

const fixtures = fileURLToPath(new URL('../../test-fixtures/config/sam/', import.meta.url));
const fixture = (path: string): string => `${fixtures}${path}`;
const lambdaArn = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

describe('SAM template loader', () => {
  it('loads an HTTP API routing to a Synchronous Express Workflow and to Lambda functions', async () => {
    const app = await loadSamTemplate(fixture('order-api/template.yaml'));
    expect(app.root).toBe(fixture('order-api'));

    // DefinitionUri read from disk; DefinitionSubstitutions from !GetAtt Fn.Arn (FunctionName or logical id) and !Ref.
    expect(app.workflows).toHaveLength(1);
    const workflow = app.workflows[0];
    expect(workflow).toMatchObject({
      name: 'order-workflow-dev',
      type: 'EXPRESS',
      logging: { level: 'ALL', includeExecutionData: true, logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/order-workflow-dev:*' },
      source: fixture('order-api/statemachine/order.asl.json'),
    });
    const states = JSON.parse(workflow?.definition ?? '{}').States;
    expect(states['Price lines'].Parameters.FunctionName).toBe(lambdaArn('PricingFunction'));
    expect(states['Add tax'].Resource).toBe(lambdaArn('tax-rates-dev'));
    expect(states['Add tax'].Parameters.currency).toBe('EUR');

    // Globals.Function merged: Runtime, Timeout, MemorySize and the environment map.
    expect(app.functions.map((f) => [f.name, f.kind, f.handler, f.codeDirectory, f.timeoutSeconds, f.memoryMb, f.environment])).toEqual([
      ['PricingFunction', 'nodejs', 'app.handler', fixture('order-api/functions/pricing'), 10, 256, { STAGE: 'dev', CURRENCY: 'EUR', ROUNDING: 'half-even' }],
      ['tax-rates-dev', 'python', 'app.handler', fixture('order-api/functions/tax'), 3, 256, { STAGE: 'dev', CURRENCY: 'EUR' }],
      ['HealthFunction', 'nodejs', 'index.handler', fixture('order-api/functions/health'), 10, 256, { STAGE: 'dev', CURRENCY: 'EUR' }],
    ]);

    const cors = { allowOrigins: ['https://shop.example.com'], allowMethods: ['GET', 'POST'], allowHeaders: ['content-type'], maxAge: 600 };
    const template = fixture('order-api/template.yaml');
    expect(app.routes).toEqual([
      {
        method: 'POST',
        path: '/orders/{orderId}/price',
        // StartSyncExecution with AWS's request parameters, answered as AWS answers (the raw record).
        target: {
          kind: 'workflow',
          workflow: 'order-workflow-dev',
          invocation: 'sync',
          request: { kind: 'request-parameters', parameters: { Input: '$request.body', Name: '$context.requestId' } },
          response: { kind: 'raw' },
        },
        source: `${template}: $.Resources.OrderApi.Properties.DefinitionBody.paths["/orders/{orderId}/price"].post`,
        cors,
      },
      {
        method: 'GET',
        path: '/tax-rates',
        target: { kind: 'function', function: 'tax-rates-dev', payloadFormat: '2.0' },
        source: `${template}: $.Resources.OrderApi.Properties.DefinitionBody.paths["/tax-rates"].get`,
        cors,
      },
      {
        method: 'GET',
        path: '/health',
        target: { kind: 'function', function: 'HealthFunction', payloadFormat: '2.0' },
        source: `${template}: $.Resources.HealthFunction.Properties.Events.Health`,
        cors,
      },
    ]);
    expect(app.responseDefaults).toBeUndefined();
    expect(app.warnings).toEqual([
      'Resources of type AWS::Logs::LogGroup are not emulated and were skipped: OrderWorkflowLogs',
      'Resources of type AWS::IAM::Role are not emulated and were skipped: OrderApiRole',
    ]);
  });

  it('takes parameter overrides, checked against AllowedValues', async () => {
    const app = await loadSamTemplate(fixture('order-api/template.yaml'), { parameters: { Stage: 'prod', Currency: 'USD' } });
    expect(app.workflows.map((w) => w.name)).toEqual(['order-workflow-prod']);
    expect(app.functions.map((f) => f.name)).toContain('tax-rates-prod');
    expect(JSON.parse(app.workflows[0]?.definition ?? '{}').States['Add tax'].Parameters.currency).toBe('USD');
    await expect(loadSamTemplate(fixture('order-api/template.yaml'), { parameters: { Stage: 'qa' } })).rejects.toThrow(
      '$.Parameters.Stage.AllowedValues: the value "qa" is not one of dev, prod',
    );
    await expect(loadSamTemplate(fixture('order-api/template.yaml'), { parameters: { Stag: 'qa' } })).rejects.toThrow("parameter 'Stag', which the template does not declare");
  });

  it('reads AWS::Include and DefinitionUri OpenAPI documents, REST API events and the Flowgate opt-ins', async () => {
    const app = await loadSamTemplate(fixture('included-openapi/template.yaml'));
    expect(app.workflows.map((w) => [w.name, w.type])).toEqual([
      ['OpenTicket', 'EXPRESS'],
      ['archive-tickets', 'STANDARD'],
      ['included-openapi-reindex', 'EXPRESS'],
    ]);
    // Intrinsics inside an inline Definition and a DefinitionString are evaluated.
    expect(JSON.parse(app.workflows[0]?.definition ?? '{}').States.Validate.Resource).toBe(lambdaArn('validate-ticket'));
    expect(JSON.parse(app.workflows[2]?.definition ?? '{}').States.Reindex.Resource).toBe(lambdaArn('validate-ticket'));
    expect(app.responseDefaults).toEqual({ errors: { 'Ticket.Invalid': 422 }, exposeCause: true });

    const included = fixture('included-openapi/api/openapi.yaml');
    const ticketCors = { allowOrigins: ['https://tickets.example.com'], allowMethods: ['POST'] };
    expect(app.routes.map((r) => [r.method, r.path, r.target, r.source, r.cors])).toEqual([
      [
        'POST',
        '/tickets',
        // `x-flowgate-response: default` opts this route into Flowgate's response mapping.
        { kind: 'workflow', workflow: 'OpenTicket', invocation: 'sync', request: { kind: 'request-parameters', parameters: { Input: '$request.body' } }, response: { kind: 'default' } },
        `${included}: $.paths["/tickets"].post`,
        ticketCors,
      ],
      [
        'POST',
        '/tickets/{id}/reopen',
        {
          kind: 'workflow',
          workflow: 'OpenTicket',
          invocation: 'async',
          request: { kind: 'request-parameters', parameters: { Input: '{"id": "${request.path.id}", "reopen": true}' } },
          response: { kind: 'raw' },
        },
        `${included}: $.paths["/tickets/{id}/reopen"].post`,
        ticketCors,
      ],
      ['ANY', '$default', { kind: 'function', function: 'validate-ticket', payloadFormat: '2.0' }, `${included}: $.paths.$default["x-amazon-apigateway-any-method"]`, ticketCors],
      [
        'POST',
        '/admin/reindex',
        { kind: 'workflow', workflow: 'included-openapi-reindex', invocation: 'sync', request: { kind: 'request-parameters', parameters: { Input: '$request.body' } }, response: { kind: 'raw' } },
        `${fixture('included-openapi/api/admin.json')}: $.paths["/admin/reindex"].post`,
        undefined,
      ],
      [
        'POST',
        '/archive',
        // SAM's Api event on a state machine: StartExecution through the mapping template SAM writes.
        {
          kind: 'service-integration',
          action: 'StartExecution',
          requestTemplates: {
            'application/json': `{"input": "$util.escapeJavaScript($input.json('$'))", "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:archive-tickets"}`,
          },
          passthroughBehavior: 'WHEN_NO_MATCH',
          responses: [
            { selectionPattern: '200', statusCode: 200 },
            { selectionPattern: '400', statusCode: 400 },
          ],
        },
        `${fixture('included-openapi/template.yaml')}: $.Resources.ArchiveTickets.Properties.Events.Archive`,
        { allowOrigins: ['https://tickets.example.com'] },
      ],
    ]);
    expect(app.warnings).toEqual([
      'State machine events of type Schedule are not emulated (start executions through the API instead): ArchiveTickets.Nightly',
      'Resources of type AWS::IAM::Role are not emulated and were skipped: ReindexRole, TicketApiRole',
      'Integrations of subtype SQS-SendMessage are not emulated; skipped: POST /tickets/queue',
      'OpenAPI operations without an x-amazon-apigateway-integration (nor an event supplying one) are not served: GET /tickets/docs (TicketApi)',
    ]);
  });

  it('reports each kind of thing it cannot emulate once, and skips it', async () => {
    const app = await loadSamTemplate(fixture('unsupported/template.yaml'));
    expect(app.warnings).toEqual([
      'Resources of type AWS::DynamoDB::Table are not emulated and were skipped: OrdersTable, AuditTable',
      'Resources of type AWS::S3::Bucket are not emulated and were skipped: UploadsBucket',
      'Resources of type AWS::Serverless::LayerVersion are not emulated and were skipped: SharedLayer',
      'Resources of type AWS::SQS::Queue are not emulated and were skipped: JobsQueue',
      'Lambda layers are not emulated; functions run without them: ProcessFunction, ReportFunction',
      'VPC configuration is not emulated; functions reach the network directly: ProcessFunction',
      'Fn::ImportValue has no value (other stacks are not deployed here); pass it in the loader imports: shared-config-url (Resources.ProcessFunction)',
      'Function events of type SQS are not emulated (invoke the function through the Lambda API instead): ProcessFunction.Queue',
      'Function events of type Schedule are not emulated (invoke the function through the Lambda API instead): ProcessFunction.Nightly',
      'Function events of type S3 are not emulated (invoke the function through the Lambda API instead): ProcessFunction.Upload',
      'Authorizers and API keys are not enforced; these routes are open locally: ReportFunction.Report, SecuredApi',
      'Runtimes other than nodejs*, python3* and provided* are not emulated; skipped: LegacyFunction (java21)',
      'Container image functions are not emulated; skipped: ImageFunction',
      'State machine definitions in S3 are not read (point DefinitionUri at the local file); skipped: S3Machine',
    ]);
    expect(app.functions.map((f) => f.name)).toEqual(['ProcessFunction', 'ReportFunction']);
    // References to skipped resources still resolve, to what they would name on AWS.
    expect(app.functions[0]?.environment).toEqual({
      TABLE: 'orders',
      TABLE_ARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders',
      QUEUE: 'https://sqs.us-east-1.amazonaws.com/123456789012/JobsQueue',
      SHARED_CONFIG: 'ImportValue:shared-config-url',
    });
    // The Java function's route went with it; the open report route stays.
    expect(app.routes.map((r) => `${r.method} ${r.path} → ${r.target.kind === 'function' ? r.target.function : ''}`)).toEqual(['GET /reports → ReportFunction']);
    expect(app.workflows).toEqual([]);
  });

  it('follows Conditions: skipped resources, Fn::If and AWS::NoValue in properties', async () => {
    const template = fixture('conditions/template.yaml');
    const dev = await loadSamTemplate(template);
    expect(dev.functions.map((f) => [f.name, f.memoryMb, f.timeoutSeconds, f.environment])).toEqual([['Worker', 128, 10, { MODE: 'other', DEBUG: 'true' }]]);
    expect([dev.workflows, dev.routes]).toEqual([[], []]);
    expect(dev.warnings).toEqual(['Resources of type AWS::S3::Bucket are not emulated and were skipped: DevBucket']);

    const prodUs = await loadSamTemplate(template, { parameters: { Env: 'prod', Geo: 'us' } });
    expect(prodUs.functions.map((f) => [f.name, f.memoryMb, f.timeoutSeconds, f.environment])).toEqual([
      ['Worker', 1024, 60, { MODE: 'other' }],
      ['ProdOnlyFunction', 128, 3, undefined],
    ]);
    expect(prodUs.workflows.map((w) => w.name)).toEqual(['ProdMachine']);
    expect(prodUs.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /prod-only']);
    expect(prodUs.warnings).toEqual([]);

    const prodEu = await loadSamTemplate(template, { parameters: { Env: 'prod' } });
    expect(prodEu.functions[0]?.environment).toEqual({ MODE: 'eu-prod', DEBUG: 'true' });
  });

  const errors: [file: string, code: string, path: string, rule: string][] = [
    ['unknown-reference.yaml', 'UnknownReference', '$.Resources.Fn.Properties.Environment.Variables.TABLE.Ref', "refers to parameter or resource 'OrdersTable'"],
    ['circular-condition.yaml', 'CircularReference', '$.Conditions.B["Fn::Not"][0].Condition', 'is circular: Conditions.A → Conditions.B → Conditions.A'],
    ['duplicate-route.yaml', 'DuplicateRoute', '$.Resources.Items.Properties.Events.List', "route 'GET /items on Api' is already declared at $.Resources.Api.Properties.DefinitionBody.paths[\"/items\"].get"],
    ['missing-parameter.yaml', 'InvalidValue', '$.Resources.Fn.Properties.Environment.Variables.TABLE.Ref', "parameter 'TableName' has no Default"],
    [
      'bad-state-machine-arn.yaml',
      'InvalidValue',
      '$.Resources.Api.Properties.DefinitionBody.paths["/run"].post["x-amazon-apigateway-integration"].requestParameters.StateMachineArn',
      'is not a state machine ARN (got "arn:aws:lambda:us-east-1:123456789012:function:Fn")',
    ],
    ['no-definition.yaml', 'MissingField', '$.Resources.Machine.Properties', "'Definition or DefinitionUri' is required"],
    ['event-without-path.yaml', 'MissingField', '$.Resources.Fn.Properties.Events.Get.Properties', "'Path' is required"],
    ['bad-allowed-value.yaml', 'InvalidValue', '$.Parameters.Stage.AllowedValues', 'the value "qa" is not one of dev, prod'],
    ['unknown-tag.yaml', 'InvalidSyntax', '$', 'Unresolved tag: !GetParam'],
  ];

  it.each(errors)('%s: %s at %s', async (file, code, path, rule) => {
    const error = await loadSamTemplate(fixture(`errors/${file}`)).then(
      () => undefined,
      (thrown: unknown) => thrown as { code: string; file: string; path: (string | number)[]; message: string },
    );
    expect(error).toMatchObject({ code, file: fixture(`errors/${file}`) });
    expect(jsonPathOf(error?.path ?? [])).toBe(path);
    expect(error?.message).toContain(rule);
  });
});

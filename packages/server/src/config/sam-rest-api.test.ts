import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSamTemplate } from './sam-template.js';

// A REST API (AWS::Serverless::Api) whose OpenAPI body comes from AWS::Include, with Fn::Sub
// inside, and SAM's Api event on a state machine: both become REST API service integrations.
const fixture = fileURLToPath(new URL('../../test-fixtures/config/sam/rest-api/template.yaml', import.meta.url));
const QUOTE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:quote';

describe('SAM REST API integrations with Step Functions', () => {
  it('reads type: aws StartSyncExecution integrations with their mapping templates, Fn::Sub evaluated', async () => {
    const app = await loadSamTemplate(fixture);
    const quotes = app.routes.find((route) => route.path === '/quotes');
    expect(quotes).toMatchObject({ method: 'POST', restApi: { stageName: 'Prod' } });
    expect(quotes?.target).toMatchObject({
      kind: 'service-integration',
      action: 'StartSyncExecution',
      passthroughBehavior: 'NEVER',
      // `${QuoteMachine}` (a Ref) became the ARN; `$util…` and `$input…` were left to VTL.
      requestTemplates: { 'application/json': `{"input": "$util.escapeJavaScript($input.json('$'))", "stateMachineArn": "${QUOTE_ARN}"}` },
    });
    const responses = quotes?.target.kind === 'service-integration' ? quotes.target.responses : [];
    expect(responses.map((response) => [response.selectionPattern, response.statusCode])).toEqual([
      [undefined, 200],
      ['4\\d{2}', 400],
    ]);
    expect(responses[0]?.responseParameters).toEqual({ 'method.response.header.X-Execution-Arn': 'integration.response.body.executionArn' });
    expect(responses[0]?.responseTemplates?.['application/json']).toContain("#set($output = $util.parseJson($input.path('$.output')))");
  });

  it('evaluates the variable-map form of Fn::Sub and ${AWS::Region} inside the included document', async () => {
    const app = await loadSamTemplate(fixture, { scope: { partition: 'aws', region: 'eu-west-1', accountId: '111122223333' } });
    const byId = app.routes.find((route) => route.path === '/quotes/{id}');
    expect(byId?.target.kind === 'service-integration' ? byId.target.requestTemplates['application/json'] : undefined).toBe(
      `{"input": "{\\"item\\": \\"$util.escapeJavaScript($input.params('id'))\\", \\"customer\\": \\"eu-west-1\\"}", "stateMachineArn": "arn:aws:states:eu-west-1:111122223333:stateMachine:quote", "name": "$context.requestId"}`,
    );
  });

  it("turns a state machine's Api event into the integration SAM generates, UnescapeMappingTemplate included", async () => {
    const app = await loadSamTemplate(fixture);
    const archive = app.routes.find((route) => route.path === '/archive');
    expect(archive).toMatchObject({ method: 'POST', restApi: { stageName: 'Prod' } });
    expect(archive?.target).toEqual({
      kind: 'service-integration',
      action: 'StartExecution',
      requestTemplates: {
        'application/json': `{"input": "$util.escapeJavaScript($input.json('$')).replaceAll("\\\\'","'")", "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:ArchiveMachine"}`,
      },
      passthroughBehavior: 'WHEN_NO_MATCH',
      responses: [
        { selectionPattern: '200', statusCode: 200 },
        { selectionPattern: '400', statusCode: 400 },
      ],
    });
    expect(app.warnings).toEqual(['Resources of type AWS::IAM::Role are not emulated and were skipped: QuoteApiRole']);
  });
});

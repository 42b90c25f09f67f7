import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cidrSubnets } from './cidr.js';
import { jsonPathOf } from './config-error.js';
import { readDocument } from './document-file.js';
import type { Record_ } from './document-checks.js';
import { DEFAULT_SCOPE } from './resource-arns.js';
import { TemplateEvaluator } from './template-evaluator.js';
import { readTemplateParameters } from './template-parameters.js';
import { createWarningLog } from './warning-log.js';

const file = fileURLToPath(new URL('../../test-fixtures/config/sam/intrinsics/template.yaml', import.meta.url));

async function setUp(imports: Record<string, string> = {}) {
  const template = (await readDocument(file, { cloudFormation: true })) as Record_;
  const warnings = createWarningLog();
  const parameters = readTemplateParameters(template.Parameters, { file, path: ['Parameters'] }, {}, warnings);
  const evaluator = new TemplateEvaluator(template, file, { scope: DEFAULT_SCOPE, stackName: 'intrinsics', imports, parameters, warnings });
  const outputs = template.Outputs as Record<string, Record_>;
  const output = (name: string): unknown => evaluator.property(outputs[name]?.Value, { file, path: ['Outputs', name, 'Value'] });
  const evaluate = (value: unknown): unknown => evaluator.property(value, { file, path: ['Test'] });
  return { evaluator, output, evaluate, warnings };
}

const functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:intrinsics-fn-test';
const machineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:machine';

describe('CloudFormation intrinsic functions', () => {
  // Expected values follow the "Return values" of each resource type and the intrinsic
  // function reference of the CloudFormation User Guide.
  const cases: [output: string, expected: unknown][] = [
    ['RefParameter', 'test'],
    ['RefListParameter', ['a', 'b', 'c']],
    ['RefNumberParameter', '8080'],
    ['RefFunction', 'intrinsics-fn-test'],
    ['RefStateMachine', machineArn],
    ['RefQueue', 'https://sqs.us-east-1.amazonaws.com/123456789012/Queue'],
    ['RefUnknownType', 'Widget'],
    ['GetAttFunctionArn', functionArn],
    ['GetAttMachineName', 'machine'],
    ['GetAttLongForm', 'arn:aws:dynamodb:us-east-1:123456789012:table/test-table'],
    ['GetAttDottedString', machineArn],
    ['GetAttUnknownType', 'Widget.Endpoint.Address'],
    ['Pseudo', 'us-east-1/123456789012/aws/intrinsics/amazonaws.com'],
    ['SubString', machineArn],
    ['SubWithVariables', 'machine-test-${Literal}'],
    ['Join', 'a:test:b'],
    ['JoinOfList', 'a|b|c'],
    ['Select', 'z'],
    ['Split', ['one', 'two']],
    ['SelectOfSplit', 'b'],
    ['If', 'yes-test'],
    ['FindInMap', 'use1'],
    ['FindInMapDefault', 'none'],
    ['Base64', 'aGVsbG8='],
    ['Base64OfSub', Buffer.from('test!').toString('base64')],
    ['GetAZs', ['us-east-1a', 'us-east-1b', 'us-east-1c']],
    ['SelectAZ', 'us-east-1a'],
    ['Cidr', ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']],
    ['EqualsNumberAndText', true],
    ['Nested', 'test-intrinsics-fn-test'],
    ['ToJsonString', '{"stage":"test"}'],
    ['NoValueInList', ['a', 'c']],
    ['NoValueInMap', { kept: 1 }],
  ];

  it.each(cases)('%s', async (name, expected) => {
    const { output } = await setUp();
    expect(output(name)).toEqual(expected);
  });

  it('takes Fn::ImportValue from the loader, and warns once when it has no value', async () => {
    expect((await setUp({ 'shared-vpc-id': 'vpc-123' })).output('ImportValue')).toBe('vpc-123');
    const { output, warnings } = await setUp();
    expect(output('ImportValue')).toBe('ImportValue:shared-vpc-id');
    output('ImportValue');
    expect(warnings.list()).toEqual([
      'Fn::ImportValue has no value (other stacks are not deployed here); pass it in the loader imports: shared-vpc-id (Outputs.ImportValue)',
    ]);
  });

  const errors: [value: unknown, code: string, path: string, rule: string][] = [
    [{ Ref: 'Missing' }, 'UnknownReference', '$.Test.Ref', "refers to parameter or resource 'Missing', which is not declared"],
    [{ 'Fn::GetAtt': ['Missing', 'Arn'] }, 'UnknownReference', '$.Test["Fn::GetAtt"]', "refers to resource 'Missing'"],
    [{ 'Fn::GetAtt': ['Fn', 'Nope'] }, 'InvalidIntrinsic', '$.Test["Fn::GetAtt"]', "AWS::Serverless::Function has no attribute 'Nope' here (known: Arn)"],
    [{ 'Fn::Select': [5, ['a']] }, 'InvalidIntrinsic', '$.Test["Fn::Select"]', 'index 5 is outside a list of 1'],
    [{ 'Fn::Join': [','] }, 'InvalidIntrinsic', '$.Test["Fn::Join"]', 'takes a list of 2 arguments'],
    [{ 'Fn::Sub': '${Subnets}' }, 'InvalidIntrinsic', '$.Test["Fn::Sub"]', 'needs a string here, not a list'],
    [{ 'Fn::FindInMap': ['RegionSettings', 'eu-west-1', 'Zone'] }, 'InvalidIntrinsic', '$.Test["Fn::FindInMap"]', 'Mappings has no RegionSettings.eu-west-1.Zone'],
    [{ 'Fn::If': ['Unknown', 'a', 'b'] }, 'UnknownReference', '$.Test["Fn::If"][0]', "refers to condition 'Unknown', which is not declared (declared: IsTest)"],
    [{ 'Fn::Frobnicate': [] }, 'InvalidIntrinsic', '$.Test["Fn::Frobnicate"]', 'is not an intrinsic function CloudFormation knows'],
    [{ 'Fn::Cidr': ['fd00::/8', 2, 8] }, 'InvalidIntrinsic', '$.Test["Fn::Cidr"]', 'IPv6 blocks are not supported'],
    [{ Ref: 'Secret' }, 'InvalidValue', '$.Test.Ref', "parameter 'Secret' has no Default"],
    [{ Ref: 'SelfNamed' }, 'CircularReference', '$.Resources.SelfNamed.Properties.FunctionName.Ref', 'is circular: Resources.SelfNamed → Resources.SelfNamed'],
  ];

  it.each(errors)('reports %j as %s at %s', async (value, code, path, rule) => {
    const { evaluate } = await setUp();
    let thrown: unknown;
    try {
      evaluate(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code, file });
    expect(jsonPathOf((thrown as { path: (string | number)[] }).path)).toBe(path);
    expect((thrown as Error).message).toContain(rule);
  });

  it('evaluates conditions once each, and reports circular ones', async () => {
    const { evaluator } = await setUp();
    expect(evaluator.condition('IsTest', { file, path: [] })).toBe(true);
    const circular = fileURLToPath(new URL('../../test-fixtures/config/sam/errors/circular-condition.yaml', import.meta.url));
    const template = (await readDocument(circular, { cloudFormation: true })) as Record_;
    const warnings = createWarningLog();
    const parameters = readTemplateParameters(undefined, { file: circular, path: ['Parameters'] }, {}, warnings);
    const looping = new TemplateEvaluator(template, circular, { scope: DEFAULT_SCOPE, stackName: 's', imports: {}, parameters, warnings });
    expect(() => looping.condition('A', { file: circular, path: ['Resources', 'Bucket', 'Condition'] })).toThrow('is circular: Conditions.A → Conditions.B → Conditions.A');
  });

  it('computes Fn::Cidr subnets from the start of the block', () => {
    expect(cidrSubnets('192.168.0.0/24', 2, 6)).toEqual(['192.168.0.0/26', '192.168.0.64/26']);
    expect(cidrSubnets('172.16.5.7/16', 1, 12)).toEqual(['172.16.0.0/20']);
    expect(cidrSubnets('200.0.0.0/30', 3, 1)).toBe('3 subnets of /31 do not fit in 200.0.0.0/30');
    expect(cidrSubnets('10.0.0.0/8', 300, 8)).toBe('the count must be 1 to 256');
  });
});

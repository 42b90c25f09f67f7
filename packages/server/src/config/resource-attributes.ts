import { type ArnScope, functionArnOf, stateMachineArnOf } from './resource-arns.js';

/**
 * What `Ref` and `Fn::GetAtt` return for the resource types templates commonly reference,
 * following each type's "Return values" section of the CloudFormation reference. Names are
 * the resource's name property when the template sets one, else its logical id (as `sam
 * local` names them; a deployed stack adds a suffix Flowgate has no reason to invent).
 *
 * Types missing here still resolve: `Ref` to the logical id, `GetAtt` to `Id.Attribute`, so a
 * template that passes an unemulated table's name to a function still loads.
 */
export interface ResourceType {
  /** The property that names the resource (`FunctionName`, `TableName`…). */
  readonly nameProperty?: string;
  readonly ref: (name: string, scope: ArnScope, logicalId: string) => string;
  readonly attributes: Readonly<Record<string, (name: string, scope: ArnScope, logicalId: string) => string>>;
}

const byName = (name: string): string => name;
const byLogicalId = (_name: string, _scope: ArnScope, logicalId: string): string => logicalId;
const arnIn = (service: string, resource: (name: string) => string) => (name: string, scope: ArnScope) =>
  `arn:${scope.partition}:${service}:${scope.region}:${scope.accountId}:${resource(name)}`;

const FUNCTION: ResourceType = {
  nameProperty: 'FunctionName',
  ref: byName,
  attributes: { Arn: (name, scope) => functionArnOf(scope, name) },
};

const STATE_MACHINE = (nameProperty: string): ResourceType => ({
  nameProperty,
  // Ref of a state machine is its ARN, not its name.
  ref: (name, scope) => stateMachineArnOf(scope, name),
  attributes: { Arn: (name, scope) => stateMachineArnOf(scope, name), Name: byName },
});

// An API's id is its logical id here: events name their API by Ref, and the loader matches it.
const API: ResourceType = {
  ref: byLogicalId,
  attributes: {
    ApiId: byLogicalId,
    ApiEndpoint: (_name, scope, id) => `https://${id}.execute-api.${scope.region}.amazonaws.com`,
    RootResourceId: () => 'root',
  },
};

const TABLE: ResourceType = {
  nameProperty: 'TableName',
  ref: byName,
  attributes: {
    Arn: arnIn('dynamodb', (name) => `table/${name}`),
    StreamArn: arnIn('dynamodb', (name) => `table/${name}/stream/1970-01-01T00:00:00.000`),
  },
};

export const RESOURCE_TYPES: Readonly<Record<string, ResourceType>> = {
  'AWS::Serverless::Function': FUNCTION,
  'AWS::Lambda::Function': FUNCTION,
  'AWS::Serverless::StateMachine': STATE_MACHINE('Name'),
  'AWS::StepFunctions::StateMachine': STATE_MACHINE('StateMachineName'),
  'AWS::Serverless::HttpApi': API,
  'AWS::Serverless::Api': API,
  'AWS::ApiGatewayV2::Api': API,
  'AWS::ApiGateway::RestApi': API,
  'AWS::Serverless::SimpleTable': TABLE,
  'AWS::DynamoDB::Table': TABLE,
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    ref: byName,
    attributes: { Arn: (name, scope) => `arn:${scope.partition}:iam::${scope.accountId}:role/${name}` },
  },
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    ref: byName,
    attributes: { Arn: (name, scope) => `arn:${scope.partition}:s3:::${name}`, DomainName: (name) => `${name}.s3.amazonaws.com` },
  },
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    ref: (name, scope) => `https://sqs.${scope.region}.amazonaws.com/${scope.accountId}/${name}`,
    attributes: {
      Arn: arnIn('sqs', byName),
      QueueName: byName,
      QueueUrl: (name, scope) => `https://sqs.${scope.region}.amazonaws.com/${scope.accountId}/${name}`,
    },
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    ref: arnIn('sns', byName),
    attributes: { TopicArn: arnIn('sns', byName), TopicName: byName },
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    ref: byName,
    attributes: { Arn: arnIn('logs', (name) => `log-group:${name}:*`) },
  },
  'AWS::Events::EventBus': {
    nameProperty: 'Name',
    ref: byName,
    attributes: { Arn: arnIn('events', (name) => `event-bus/${name}`), Name: byName },
  },
};

/**
 * Resources SAM generates beside the ones a template declares, which templates may reference:
 * the implicit APIs and each function's or state machine's execution role.
 */
export function generatedResourceType(logicalId: string, declaredTypes: ReadonlyMap<string, string>): string | undefined {
  if (logicalId === 'ServerlessHttpApi') return 'AWS::Serverless::HttpApi';
  if (logicalId === 'ServerlessRestApi') return 'AWS::Serverless::Api';
  if (logicalId.endsWith('Role')) {
    const owner = declaredTypes.get(logicalId.slice(0, -'Role'.length));
    if (owner === 'AWS::Serverless::Function' || owner === 'AWS::Serverless::StateMachine') return 'AWS::IAM::Role';
  }
  return undefined;
}

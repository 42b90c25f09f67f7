import { ApiError, apiError } from './errors.js';

/**
 * The input members of each action with the constraints of AWS's service model
 * (botocore `stepfunctions/2016-11-23/service-2.json`), checked before an action runs so that
 * clients that validate nothing (SDK v3) get the same `ValidationException` as from AWS.
 */
type MemberRule =
  | { readonly type: 'string'; readonly min?: number; readonly max?: number; readonly enum?: readonly string[]; readonly sensitive?: boolean }
  | { readonly type: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean' }
  | { readonly type: 'list'; readonly min?: number; readonly max?: number }
  | { readonly type: 'structure' };

interface Member {
  readonly rule: MemberRule;
  readonly required?: boolean;
}

type Shape = Readonly<Record<string, Member>>;

const str = (min: number, max: number, extra: { sensitive?: boolean; required?: boolean } = {}): Member => ({
  rule: { type: 'string', min, max, ...(extra.sensitive === true ? { sensitive: true } : {}) },
  ...(extra.required === true ? { required: true } : {}),
});
const required = (member: Member): Member => ({ ...member, required: true });
const oneOf = (...values: string[]): Member => ({ rule: { type: 'string', enum: values } });
const int = (min: number, max?: number): Member => ({ rule: { type: 'integer', min, ...(max === undefined ? {} : { max }) } });
const bool: Member = { rule: { type: 'boolean' } };
const list = (min?: number, max?: number): Member => ({
  rule: { type: 'list', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) },
});
const structure: Member = { rule: { type: 'structure' } };

const ARN = str(1, 256);
const NAME = str(1, 80);
const DEFINITION = str(1, 1_048_576, { sensitive: true });
const PAYLOAD = str(0, 262_144, { sensitive: true });
const ERROR = str(0, 256, { sensitive: true });
const CAUSE = str(0, 32_768, { sensitive: true });
const DESCRIPTION = str(0, 256, { sensitive: true });
const PAGE_SIZE = int(0, 1000);
const TOKEN = str(1, 1024);
const TASK_TOKEN = str(1, 2048);
const INCLUDED_DATA = oneOf('ALL_DATA', 'METADATA_ONLY');
const EXECUTION_STATUS = oneOf('RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE');

export const REQUEST_SHAPES: Readonly<Record<string, Shape>> = {
  CreateStateMachine: {
    name: required(NAME),
    definition: required(DEFINITION),
    roleArn: required(ARN),
    type: oneOf('STANDARD', 'EXPRESS'),
    loggingConfiguration: structure,
    tags: list(),
    tracingConfiguration: structure,
    publish: bool,
    versionDescription: DESCRIPTION,
    encryptionConfiguration: structure,
  },
  UpdateStateMachine: {
    stateMachineArn: required(ARN),
    definition: DEFINITION,
    roleArn: ARN,
    loggingConfiguration: structure,
    tracingConfiguration: structure,
    publish: bool,
    versionDescription: DESCRIPTION,
    encryptionConfiguration: structure,
  },
  DeleteStateMachine: { stateMachineArn: required(ARN) },
  DescribeStateMachine: { stateMachineArn: required(ARN), includedData: INCLUDED_DATA },
  ListStateMachines: { maxResults: PAGE_SIZE, nextToken: TOKEN },
  StartExecution: { stateMachineArn: required(ARN), name: NAME, input: PAYLOAD, traceHeader: str(0, 256) },
  StartSyncExecution: {
    stateMachineArn: required(ARN),
    name: NAME,
    input: PAYLOAD,
    traceHeader: str(0, 256),
    includedData: INCLUDED_DATA,
  },
  StopExecution: { executionArn: required(ARN), error: ERROR, cause: CAUSE },
  DescribeExecution: { executionArn: required(ARN), includedData: INCLUDED_DATA },
  ListExecutions: {
    stateMachineArn: ARN,
    statusFilter: EXECUTION_STATUS,
    maxResults: PAGE_SIZE,
    nextToken: str(1, 3096),
    mapRunArn: str(1, 2000),
    redriveFilter: oneOf('REDRIVEN', 'NOT_REDRIVEN'),
  },
  GetExecutionHistory: {
    executionArn: required(ARN),
    maxResults: PAGE_SIZE,
    reverseOrder: bool,
    nextToken: TOKEN,
    includeExecutionData: bool,
  },
  DescribeStateMachineForExecution: { executionArn: required(ARN), includedData: INCLUDED_DATA },
  PublishStateMachineVersion: { stateMachineArn: required(ARN), revisionId: str(0, 2048), description: DESCRIPTION },
  ListStateMachineVersions: { stateMachineArn: required(ARN), nextToken: TOKEN, maxResults: PAGE_SIZE },
  DeleteStateMachineVersion: { stateMachineVersionArn: required(str(1, 2000)) },
  CreateStateMachineAlias: { description: DESCRIPTION, name: required(NAME), routingConfiguration: required(list(1)) },
  UpdateStateMachineAlias: { stateMachineAliasArn: required(ARN), description: DESCRIPTION, routingConfiguration: list(1) },
  DescribeStateMachineAlias: { stateMachineAliasArn: required(ARN) },
  ListStateMachineAliases: { stateMachineArn: required(ARN), nextToken: TOKEN, maxResults: PAGE_SIZE },
  DeleteStateMachineAlias: { stateMachineAliasArn: required(ARN) },
  ValidateStateMachineDefinition: {
    definition: required(DEFINITION),
    type: oneOf('STANDARD', 'EXPRESS'),
    severity: oneOf('ERROR', 'WARNING'),
    maxResults: int(0, 100),
  },
  TestState: {
    definition: required(DEFINITION),
    roleArn: ARN,
    input: PAYLOAD,
    inspectionLevel: oneOf('INFO', 'DEBUG', 'TRACE'),
    revealSecrets: bool,
    variables: PAYLOAD,
    stateName: str(1, 80, { sensitive: true }),
    mock: structure,
    context: PAYLOAD,
    stateConfiguration: structure,
  },
  SendTaskSuccess: { taskToken: required(TASK_TOKEN), output: required(PAYLOAD) },
  SendTaskFailure: { taskToken: required(TASK_TOKEN), error: ERROR, cause: CAUSE },
  SendTaskHeartbeat: { taskToken: required(TASK_TOKEN) },
  CreateActivity: { name: required(NAME), tags: list(), encryptionConfiguration: structure },
  DeleteActivity: { activityArn: required(ARN) },
  DescribeActivity: { activityArn: required(ARN) },
  ListActivities: { maxResults: PAGE_SIZE, nextToken: TOKEN },
  GetActivityTask: { activityArn: required(ARN), workerName: NAME },
  TagResource: { resourceArn: required(ARN), tags: required(list()) },
  UntagResource: { resourceArn: required(ARN), tagKeys: required(list()) },
  ListTagsForResource: { resourceArn: required(ARN) },
  RedriveExecution: { executionArn: required(ARN), clientToken: str(1, 64) },
};

/** The shapes' members as lists, made once: every request walks its action's. */
const SHAPE_MEMBERS = new Map(Object.entries(REQUEST_SHAPES).map(([action, shape]) => [action, Object.entries(shape)]));

/**
 * Checks `input` against the action's shape. A member of the wrong JSON type is a
 * SerializationException (AWS cannot even read it); a constraint failure is a
 * ValidationException listing every violation, as AWS's validator does.
 */
export function checkRequest(action: string, input: Record<string, unknown>): void {
  const members = SHAPE_MEMBERS.get(action);
  if (members === undefined) return;
  const violations: string[] = [];
  for (const [memberName, member] of members) {
    const value = input[memberName];
    if (value === undefined || value === null) {
      if (member.required === true) violations.push(violation(null, memberName, 'Member must not be null', false));
      continue;
    }
    const problem = checkMember(member.rule, value, memberName);
    if (problem instanceof ApiError) throw problem;
    if (problem !== undefined) violations.push(problem);
  }
  if (violations.length > 0) {
    const count = violations.length === 1 ? '1 validation error' : `${violations.length} validation errors`;
    throw apiError('ValidationException', `${count} detected: ${violations.join('; ')}`);
  }
}

function checkMember(rule: MemberRule, value: unknown, memberName: string): string | ApiError | undefined {
  switch (rule.type) {
    case 'string': {
      if (typeof value !== 'string') return serialization(memberName);
      const sensitive = rule.sensitive === true;
      if (rule.enum !== undefined && !rule.enum.includes(value)) {
        return violation(value, memberName, `Member must satisfy enum value set: [${rule.enum.join(', ')}]`, sensitive);
      }
      if (rule.max !== undefined && value.length > rule.max) {
        return violation(value, memberName, `Member must have length less than or equal to ${rule.max}`, sensitive);
      }
      if (rule.min !== undefined && value.length < rule.min) {
        return violation(value, memberName, `Member must have length greater than or equal to ${rule.min}`, sensitive);
      }
      return undefined;
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return serialization(memberName);
      if (rule.max !== undefined && value > rule.max) {
        return violation(value, memberName, `Member must have value less than or equal to ${rule.max}`, false);
      }
      if (rule.min !== undefined && value < rule.min) {
        return violation(value, memberName, `Member must have value greater than or equal to ${rule.min}`, false);
      }
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : serialization(memberName);
    case 'list':
      if (!Array.isArray(value)) return serialization(memberName);
      if (rule.max !== undefined && value.length > rule.max) {
        return violation(value, memberName, `Member must have length less than or equal to ${rule.max}`, false);
      }
      if (rule.min !== undefined && value.length < rule.min) {
        return violation(value, memberName, `Member must have length greater than or equal to ${rule.min}`, false);
      }
      return undefined;
    case 'structure':
      return typeof value === 'object' && !Array.isArray(value) ? undefined : serialization(memberName);
  }
}

// AWS never echoes members the model marks sensitive (definitions, payloads) in its messages.
function violation(value: unknown, memberName: string, constraint: string, sensitive: boolean): string {
  let shown: string;
  if (value === null) shown = 'null';
  else if (sensitive) shown = "'*** Sensitive Data Redacted ***'";
  else shown = `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return `Value ${shown} at '${memberName}' failed to satisfy constraint: ${constraint}`;
}

function serialization(memberName: string): ApiError {
  return apiError('SerializationException', `Unexpected value type for member '${memberName}'`);
}

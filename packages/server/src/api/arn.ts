import { ApiError, apiError, expressArnNotValid, invalidArn } from './errors.js';

/** Where Flowgate's resources live. ARNs from other partitions or accounts are simply unknown. */
export interface ArnScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

export const DEFAULT_SCOPE: ArnScope = { partition: 'aws', region: 'us-east-1', accountId: '123456789012' };

export function stateMachineArnOf(scope: ArnScope, name: string): string {
  return `arn:${scope.partition}:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;
}

export function activityArnOf(scope: ArnScope, name: string): string {
  return `arn:${scope.partition}:states:${scope.region}:${scope.accountId}:activity:${name}`;
}

/** `activity:<name>`; any other resource type or shape is InvalidArn, as on AWS. */
export function parseActivityArn(arn: string): string {
  const parts = splitArn(arn);
  if (parts[5] !== 'activity') throw wrongResourceType(parts[5]);
  if (parts.length !== 7 || parts[6] === '') throw invalidArn(arn);
  return arn;
}

/** The resource type of a Step Functions ARN (`stateMachine`, `activity`…), undefined if it is none. */
export function resourceTypeOf(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts[0] === 'arn' && parts[2] === 'states' ? parts[5] : undefined;
}

export type StateMachineRef =
  | { readonly kind: 'machine'; readonly machineArn: string; readonly name: string }
  | { readonly kind: 'version'; readonly machineArn: string; readonly name: string; readonly version: number; readonly arn: string }
  | { readonly kind: 'alias'; readonly machineArn: string; readonly name: string; readonly alias: string; readonly arn: string };

/**
 * `stateMachine:<name>` | `stateMachine:<name>:<digits>` (version) | `stateMachine:<name>:<alias>`.
 * A Distributed Map label (`<name>/<label>`) is refused, as most of AWS's APIs do.
 */
export function parseStateMachineArn(arn: string): StateMachineRef {
  const parts = splitArn(arn);
  if (parts[5] !== 'stateMachine') throw wrongResourceType(parts[5]);
  const name = parts[6] ?? '';
  const machineArn = parts.slice(0, 7).join(':');
  if (name.includes('/')) throw apiError('ValidationException', `Invalid Arn: '${arn}' - labelled state machine ARNs are not supported by this operation`);
  if (name === '' || parts.length > 8) throw invalidArn(arn);
  const qualifier = parts[7];
  if (qualifier === undefined) return { kind: 'machine', machineArn, name };
  if (/^[1-9][0-9]*$/.test(qualifier)) return { kind: 'version', machineArn, name, version: Number(qualifier), arn };
  if (qualifier === '') throw invalidArn(arn);
  return { kind: 'alias', machineArn, name, alias: qualifier, arn };
}

/** Only an unqualified state machine ARN. */
export function parseUnqualifiedMachineArn(arn: string): string {
  const ref = parseStateMachineArn(arn);
  if (ref.kind !== 'machine') throw invalidArn(arn);
  return ref.machineArn;
}

export interface ExecutionRef {
  readonly express: boolean;
  readonly machineArn: string;
}

/** `execution:<machine>:<name>` or `express:<machine>:<name>:<uuid>`. */
export function parseExecutionArn(arn: string): ExecutionRef {
  const parts = splitArn(arn);
  const type = parts[5];
  if (type !== 'execution' && type !== 'express') throw wrongResourceType(type);
  const expectedLength = type === 'express' ? 9 : 8;
  if (parts.length !== expectedLength || parts.slice(6).some((part) => part === '')) throw invalidArn(arn);
  const machineArn = [...parts.slice(0, 5), 'stateMachine', parts[6]].join(':');
  return { express: type === 'express', machineArn };
}

/** AWS refuses express execution ARNs in the APIs meant for STANDARD executions. */
export function refuseExpress(ref: ExecutionRef, recorded: boolean): void {
  if (ref.express && !recorded) throw expressArnNotValid();
}

function splitArn(arn: string): string[] {
  const parts = arn.split(':');
  if (parts.length < 7 || parts[0] !== 'arn' || parts[2] !== 'states' || parts[1] === '' || parts[3] === '' || parts[4] === '') {
    throw invalidArn(arn);
  }
  return parts;
}

function wrongResourceType(type: string | undefined): ApiError {
  return apiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${type ?? ''}'`);
}

// AWS's name rules (api.md §4): 1–80 characters, none of whitespace, brackets, wildcards,
// punctuation that ARNs or URLs use, control characters, or non-characters.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_NAME_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f\ufffe\uffff\ud800-\udfff]/u;

export function isValidName(name: string): boolean {
  return name.length >= 1 && name.length <= 80 && !FORBIDDEN_NAME_CHARACTERS.test(name);
}

export const ALIAS_NAME_PATTERN = '^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$';
const ALIAS_NAME = new RegExp(ALIAS_NAME_PATTERN);

export function isValidAliasName(name: string): boolean {
  return ALIAS_NAME.test(name);
}

import { getOwn, hasOwn, isJsonObject, type Json, type JsonObject } from '../json.js';
import { childLocation, type ValidationContext } from './context.js';
import { checkAtMostOne, checkInteger, checkRequired, checkString } from './field-checks.js';
import { Messages } from './messages.js';
import { isRecognizedOptimizedResource } from './optimized-integrations.js';
import { checkDynamicKeys } from './payload.js';
import type { QueryLanguage } from './query-language.js';
import { checkCatch, checkRetry } from './retry-catch.js';

/**
 * Task (spec §11): a string `Resource`; `TimeoutSeconds` and `HeartbeatSeconds` positive
 * integers (or their `*Path`, or a JSONata expression), heartbeat below timeout; optional
 * `Credentials`; Retry and Catch. The resource must be an ARN, and an optimized integration
 * must be one its service offers (optimized-integrations.ts, AWS's `The resource provided … is
 * not recognized`); the EXPRESS restrictions on it are checked too.
 */
export function checkTask(ctx: ValidationContext, state: JsonObject, at: string, language: QueryLanguage): void {
  checkRequired(ctx, state, ['Resource'], at);
  const resource = getOwn(state, 'Resource');
  if (typeof resource === 'string') {
    if (!ARN.test(resource) || !isRecognizedOptimizedResource(resource)) ctx.schema(childLocation(at, 'Resource'), Messages.resourceNotRecognized(resource));
    else if (ctx.express) checkExpressResource(ctx, resource, childLocation(at, 'Resource'));
  } else {
    checkString(ctx, state, 'Resource', at);
  }
  checkInteger(ctx, state, 'TimeoutSeconds', at, { min: 1 }, language);
  checkInteger(ctx, state, 'HeartbeatSeconds', at, { min: 1 }, language);
  if (language === 'JSONPath') {
    checkString(ctx, state, 'TimeoutSecondsPath', at);
    checkString(ctx, state, 'HeartbeatSecondsPath', at);
    checkAtMostOne(ctx, state, ['TimeoutSeconds', 'TimeoutSecondsPath'], at);
    checkAtMostOne(ctx, state, ['HeartbeatSeconds', 'HeartbeatSecondsPath'], at);
  }
  const timeout = getOwn(state, 'TimeoutSeconds');
  const heartbeat = getOwn(state, 'HeartbeatSeconds');
  if (isPositiveInteger(timeout) && isPositiveInteger(heartbeat) && heartbeat >= timeout) {
    ctx.schema(childLocation(at, 'HeartbeatSeconds'), Messages.heartbeatNotBelowTimeout());
  }
  checkCredentials(ctx, state, at, language);
  checkRetry(ctx, state, at);
  checkCatch(ctx, state, at, language);
}

/**
 * `Credentials` must name the role to assume: `RoleArn` (or, in JSONPath, `RoleArn.$`).
 * AWS reports only the missing role even when other, unknown fields are present [recorded:
 * `{"InvalidField": "invalid"}` yields exactly `The field 'RoleArn' is required but was missing`
 * at `/States/State0/Credentials`], so unknown fields are not reported here.
 */
function checkCredentials(ctx: ValidationContext, state: JsonObject, at: string, language: QueryLanguage): void {
  const credentials = getOwn(state, 'Credentials');
  if (credentials === undefined) return;
  const location = childLocation(at, 'Credentials');
  if (!isJsonObject(credentials)) {
    ctx.schema(location, Messages.expectedType('OBJECT'));
    return;
  }
  const roleFields = language === 'JSONPath' ? ['RoleArn', 'RoleArn.$'] : ['RoleArn'];
  if (!roleFields.some((field) => hasOwn(credentials, field))) {
    ctx.schema(location, Messages.fieldRequiredButMissing('RoleArn'));
    return;
  }
  checkString(ctx, credentials, 'RoleArn', location);
  if (language === 'JSONPath') {
    checkAtMostOne(ctx, credentials, roleFields, location);
    checkDynamicKeys(ctx, credentials, location);
  }
}

function isPositiveInteger(value: Json | undefined): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** Every Task resource is an ARN: a function, an activity or a `states:::` integration (integrations.md §1). */
const ARN = /^arn:[^:]+:[^:]+:/;
/** `arn:<partition>:states:<region>:<account>:activity:<name>` */
const ACTIVITY_ARN = /^arn:[^:]*:states:[^:]*:[^:]*:activity:/;
const SYNC_SUFFIX = /\.sync(:\d+)?$/;

/**
 * EXPRESS machines run request-response integrations only (start-sync-execution.md §6): no
 * `.waitForTaskToken`, no `.sync`/`.sync:2`, no activities [recorded messages, at the
 * `Resource`]. Nested states are covered because every scope's Tasks pass through here.
 */
function checkExpressResource(ctx: ValidationContext, resource: string, location: string): void {
  if (resource.endsWith('.waitForTaskToken')) {
    if (!ctx.expressCallbacks) ctx.schema(location, Messages.expressWaitForTaskToken());
  } else if (SYNC_SUFFIX.test(resource)) ctx.schema(location, Messages.expressSync());
  else if (ACTIVITY_ARN.test(resource) && !ctx.expressCallbacks) ctx.schema(location, Messages.expressActivity());
}

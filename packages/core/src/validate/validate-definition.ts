import type { Diagnostic } from '../errors.js';
import { getOwn, isJsonObject, type Json } from '../json.js';
import { childLocation, ROOT_LOCATION, type Scope, ValidationContext } from './context.js';
import { checkEnum, checkInteger, checkKnownFields, checkRequired, checkString } from './field-checks.js';
import { checkScopeGraph } from './graph.js';
import { Messages, ValidationCode } from './messages.js';
import { machineQueryLanguage } from './query-language.js';
import { checkState, QUERY_LANGUAGES } from './state.js';

export interface ValidationOptions {
  /** EXPRESS adds the express-only restrictions (start-sync-execution.md §6). Default STANDARD. */
  readonly type?: 'STANDARD' | 'EXPRESS';
  /**
   * Flowgate extension, off by default: EXPRESS machines may use `.waitForTaskToken` and
   * activities (AWS refuses both at creation). `.sync` stays refused.
   */
  readonly expressCallbacks?: boolean;
}

/**
 * Fields of the definition itself (asl-semantics.md §1). Anything else is refused at `/`
 * [measured: boto3 #4539 — `QueryLanguage`, before AWS supported it, was "not accepted at /"].
 */
const TOP_LEVEL_FIELDS = ['StartAt', 'States', 'Comment', 'Version', 'TimeoutSeconds', 'QueryLanguage'];

/**
 * Structural validation of a parsed state machine definition. Reports every problem found, in
 * AWS's codes and wording where known, each located in AWS's notation (see context.ts); an
 * empty list means the structure is valid. Expression syntax (JSONPath, intrinsics, JSONata)
 * and the inside of Choice rules are left to their own modules. Never throws.
 */
export function validateDefinition(definition: Json, options: ValidationOptions = {}): Diagnostic[] {
  if (!isJsonObject(definition)) {
    return [{ code: ValidationCode.SchemaValidationFailed, pointer: '', message: Messages.notAnObject() }];
  }
  const ctx = new ValidationContext(machineQueryLanguage(definition), options.type === 'EXPRESS', options.expressCallbacks === true);
  checkKnownFields(ctx, definition, TOP_LEVEL_FIELDS, ROOT_LOCATION);
  checkString(ctx, definition, 'Version', ROOT_LOCATION);
  checkInteger(ctx, definition, 'TimeoutSeconds', ROOT_LOCATION, { min: 1 });
  checkEnum(ctx, definition, 'QueryLanguage', ROOT_LOCATION, QUERY_LANGUAGES);

  ctx.enqueue({ kind: 'machine', node: definition, location: ROOT_LOCATION });
  for (let scope = ctx.next(); scope !== undefined; scope = ctx.next()) checkScope(ctx, scope);
  return ctx.diagnostics();
}

/** State names longer than this are refused [measured: "exceeds the 80-character limit"]. */
const MAX_STATE_NAME = 80;

/**
 * Validates one container of states — the machine, a branch or a processor: `States` and
 * `StartAt` required [recorded order: `[States, StartAt]`], each state name valid and unique
 * across the whole machine, each state, then the scope's transition graph. Scopes nested in
 * this one are queued on the context, in document order.
 */
function checkScope(ctx: ValidationContext, scope: Scope): void {
  const { node, location } = scope;
  checkRequired(ctx, node, ['States', 'StartAt'], location);
  checkString(ctx, node, 'StartAt', location);
  checkString(ctx, node, 'Comment', location);
  const states = getOwn(node, 'States');
  if (states === undefined) return;
  const statesLocation = childLocation(location, 'States');
  if (!isJsonObject(states)) {
    ctx.schema(statesLocation, Messages.expectedType('OBJECT'));
    return;
  }
  const names = Object.keys(states);
  if (names.length === 0) {
    ctx.schema(statesLocation, Messages.minimumFields());
    return;
  }
  const nested: Scope[] = [];
  for (const name of names) {
    const stateLocation = childLocation(statesLocation, name);
    checkStateName(ctx, name, stateLocation);
    checkState(ctx, getOwn(states, name) ?? null, stateLocation, nested);
  }
  checkScopeGraph(ctx, scope, states);
  ctx.enqueueAll(nested);
}

/**
 * Names are unique across the whole machine, nested scopes included (spec §1): the second and
 * later uses are `Duplicate State name: <name>` [measured: Step Functions Local wording].
 */
function checkStateName(ctx: ValidationContext, name: string, at: string): void {
  if (name.length > MAX_STATE_NAME) ctx.schema(at, Messages.stateNameTooLong(name), ValidationCode.InvalidStateName);
  if (ctx.stateNames.has(name)) ctx.schema(at, Messages.duplicateStateName(name), ValidationCode.DuplicateStateName);
  else ctx.stateNames.add(name);
}

import { getOwn, isJsonObject } from '../json.js';
import type { Scope, ValidationContext } from './context.js';
import { checkRequired, checkString } from './field-checks.js';
import { checkScopeGraph } from './graph.js';
import { childLocation } from './location.js';
import { Messages, ValidationCode } from './messages.js';
import { checkState } from './state.js';

/** State names longer than this are refused [measured: "exceeds the 80-character limit"]. */
const MAX_STATE_NAME = 80;

/**
 * Validates one container of states — the machine, a branch or a processor: `States` and
 * `StartAt` required [recorded order: `[States, StartAt]`], each state name valid and unique
 * across the whole machine, each state, then the scope's transition graph. Scopes nested in
 * this one are queued on the context, in document order.
 */
export function checkScope(ctx: ValidationContext, scope: Scope): void {
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

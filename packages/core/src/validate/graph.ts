import { getOwn, isJsonObject, type Json, type JsonObject } from '../json.js';
import { childLocation, itemLocation, type Scope, type ValidationContext } from './context.js';
import { Messages, ValidationCode } from './messages.js';

/** One transition out of a state: the name it targets and where that name is written. */
interface Transition {
  readonly target: string;
  readonly location: string;
}

/**
 * The transitions a state declares: `Next`, `Default`, each `Choices[i].Next` and each
 * `Catch[i].Next`. Read from whatever the state holds, whatever its type: a misplaced `Next`
 * is reported by the schema checks and still counts as a reference here.
 */
function transitionsOf(state: JsonObject, at: string): Transition[] {
  const transitions: Transition[] = [];
  const add = (value: Json | undefined, location: string): void => {
    if (typeof value === 'string') transitions.push({ target: value, location });
  };
  add(getOwn(state, 'Next'), childLocation(at, 'Next'));
  add(getOwn(state, 'Default'), childLocation(at, 'Default'));
  for (const field of ['Choices', 'Catch']) {
    const list = getOwn(state, field);
    if (!Array.isArray(list)) continue;
    const listLocation = childLocation(at, field);
    list.forEach((item, index) => {
      if (isJsonObject(item)) add(getOwn(item, 'Next'), childLocation(itemLocation(listLocation, index), 'Next'));
    });
  }
  return transitions;
}

function isTerminal(state: Json | undefined): boolean {
  if (!isJsonObject(state)) return false;
  const type = getOwn(state, 'Type');
  return type === 'Succeed' || type === 'Fail' || getOwn(state, 'End') === true;
}

/**
 * The transition graph of one scope, with AWS's rules and wording [measured: floci-io/floci
 * #2735/#2786, cfn-lint #4073/#4074, LocalStack #12487]:
 *
 * 1. Every target — `StartAt` included — must name a state of the same scope:
 *    `Missing 'Next' target: <name>` at the field (the word is always `Next`).
 * 2. At the top level only, a machine without any terminal state (End, Succeed, Fail) gets
 *    `MISSING_END_STATE` with no location, and that suppresses rule 3 for the top level.
 * 3. A state that nothing targets is `State "<name>" is not reachable.` at the state. AWS
 *    counts references, it does not walk the graph: with `StartAt` naming no state, AWS
 *    reported `Pass One` (untargeted) but not `Success`, which only `Pass One` targets
 *    [measured: cfn-lint #4074]. Without a usable `StartAt` the rule is skipped: AWS answered a
 *    definition lacking `StartAt` with the required-field error alone [recorded].
 */
export function checkScopeGraph(ctx: ValidationContext, scope: Scope, states: JsonObject): void {
  const names = new Set(Object.keys(states));
  const referenced = new Set<string>();
  const startAt = getOwn(scope.node, 'StartAt');
  const missing = (target: string, location: string): void =>
    ctx.graph(ValidationCode.MissingTransitionTarget, location, Messages.missingNextTarget(target));

  if (typeof startAt === 'string') {
    if (names.has(startAt)) referenced.add(startAt);
    else missing(startAt, childLocation(scope.location, 'StartAt'));
  }
  const statesLocation = childLocation(scope.location, 'States');
  for (const name of names) {
    const state = getOwn(states, name);
    if (!isJsonObject(state)) continue;
    for (const transition of transitionsOf(state, childLocation(statesLocation, name))) {
      if (names.has(transition.target)) referenced.add(transition.target);
      else missing(transition.target, transition.location);
    }
  }

  if (scope.kind === 'machine' && ![...names].some((name) => isTerminal(getOwn(states, name)))) {
    ctx.graph(ValidationCode.MissingEndState, null, Messages.noTerminalState());
    return;
  }
  if (typeof startAt !== 'string') return;
  for (const name of names) {
    if (!referenced.has(name)) {
      ctx.graph(ValidationCode.MissingTransitionTarget, childLocation(statesLocation, name), Messages.unreachable(name));
    }
  }
}

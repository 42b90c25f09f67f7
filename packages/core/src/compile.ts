import type { QueryLanguage } from './compile-context.js';
import { CompileContext, pointerTo, stateLanguage } from './compile-context.js';
import type { Json, JsonObject } from './json.js';
import { getOwn, isJsonObject } from './json.js';
import type { StateNode, StateType } from './state-node.js';
import { ChoiceState } from './states/choice.js';
import { JsonataChoiceState } from './states/choice-jsonata.js';
import { JsonataFailState } from './states/fail-jsonata.js';
import { JsonataPassState, JsonataSucceedState } from './states/pass-jsonata.js';
import { JsonataWaitState } from './states/wait-jsonata.js';
import type { ScopePlan, StateCompiler, StateSpec } from './states/common.js';
import { FailState } from './states/fail.js';
import { MapState } from './states/map.js';
import { ParallelState } from './states/parallel.js';
import { PassState } from './states/pass.js';
import { SucceedState } from './states/succeed.js';
import { TaskState } from './states/task.js';
import { WaitState } from './states/wait.js';

/**
 * Every state type has a compiler; the compiler checks that none is missing. The simple states
 * have one class per query language; Task, Parallel and Map read their language themselves.
 */
const STATE_COMPILERS: Record<StateType, StateCompiler> = {
  Pass: (spec) => (spec.language === 'JSONata' ? new JsonataPassState(spec) : new PassState(spec)),
  Task: (spec) => new TaskState(spec),
  Choice: (spec) => (spec.language === 'JSONata' ? new JsonataChoiceState(spec) : new ChoiceState(spec)),
  Wait: (spec) => (spec.language === 'JSONata' ? new JsonataWaitState(spec) : new WaitState(spec)),
  Succeed: (spec) => (spec.language === 'JSONata' ? new JsonataSucceedState(spec) : new SucceedState(spec)),
  Fail: (spec) => (spec.language === 'JSONata' ? new JsonataFailState(spec) : new FailState(spec)),
  Parallel: (spec) => new ParallelState(spec),
  Map: (spec) => new MapState(spec),
};

/** The compiled plan of a whole definition. */
export interface Plan {
  readonly start: StateNode;
  readonly timeoutSeconds: number | undefined;
}

/**
 * Compiles a structurally valid definition into linked state nodes. Expression problems
 * (paths, intrinsics, Choice rules) are reported into `cx`; nothing throws on bad input.
 */
export function compilePlan(definition: JsonObject, cx: CompileContext): Plan | undefined {
  const scope = compileScope(definition, '', cx);
  if (scope === undefined) return undefined;
  const timeout = definition.TimeoutSeconds;
  return { start: scope.start, timeoutSeconds: typeof timeout === 'number' ? timeout : undefined };
}

function compileScope(raw: Json, pointer: string, cx: CompileContext): ScopePlan | undefined {
  if (!isJsonObject(raw) || !isJsonObject(raw.States) || typeof raw.StartAt !== 'string') return undefined;
  const states = raw.States;
  const nodes = new Map<string, StateNode>();
  let readsContext = false;
  for (const name of Object.keys(states)) {
    const state = states[name];
    const statePointer = pointerTo(pointerTo(pointer, 'States'), name);
    if (!isJsonObject(state)) continue;
    const type = state.Type;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(STATE_COMPILERS, type)) continue;
    const language: QueryLanguage = stateLanguage(state, cx.queryLanguage);
    const spec: StateSpec = {
      name,
      raw: state,
      pointer: statePointer,
      cx,
      language,
      compileScope: (inner, innerPointer) => compileScope(inner, innerPointer, cx),
    };
    const node = STATE_COMPILERS[type as StateType](spec);
    readsContext ||= node.readsContext;
    nodes.set(name, node);
  }
  const resolve = (name: string): StateNode | null => nodes.get(name) ?? null;
  for (const node of nodes.values()) node.link(resolve);
  const start = getOwn(states, raw.StartAt) === undefined ? undefined : nodes.get(raw.StartAt);
  if (start === undefined) return undefined;
  return { start, readsContext };
}

// The one list of reasons for which a conformance case is not run yet. Each rule stands for
// a piece of the engine that is still missing; when it lands, its rule is deleted here (and
// `--include-<name>` lets anyone run those cases before that).
import type { ConformanceCase } from './case-file.js';

export interface SkipRule {
  /** Used in `--include-<name>`. */
  readonly name: string;
  /** Why the case is not run yet (printed as `SKIP id (<reason> (use --include-<name>))`). */
  readonly reason: string;
  applies(c: ConformanceCase): boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a `States` map, or any branch or Map iterator inside it, holds a Task state. */
function statesHoldTask(states: unknown): boolean {
  if (!isRecord(states)) return false;
  return Object.values(states).some((state) => {
    if (!isRecord(state)) return false;
    if (state.Type === 'Task') return true;
    const branches = Array.isArray(state.Branches) ? state.Branches : [];
    const nested = [...branches, state.Iterator, state.ItemProcessor];
    return nested.some((machine) => isRecord(machine) && statesHoldTask(machine.States));
  });
}

/** Whether the case's definition contains a Task state anywhere. */
export function definitionHasTask(c: ConformanceCase): boolean {
  return isRecord(c.definition) && statesHoldTask(c.definition.States);
}

export const SKIP_RULES: readonly SkipRule[] = [
  {
    // No task runner (Lambda stand-ins) exists yet; validation cases with a Task state are
    // skipped too because Task-state validation (resource ARNs, Credentials) comes with it.
    name: 'task',
    reason: 'needs a Task state runner',
    applies: (c) => c.category === 'lambda' || definitionHasTask(c),
  },
];

/** Why the case is skipped (the first applicable rule not included by name), or undefined. */
export function findSkipReason(c: ConformanceCase, included: ReadonlySet<string> = new Set(), rules: readonly SkipRule[] = SKIP_RULES): string | undefined {
  const rule = rules.find((r) => !included.has(r.name) && r.applies(c));
  return rule === undefined ? undefined : `${rule.reason} (use --include-${rule.name})`;
}

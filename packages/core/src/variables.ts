/**
 * Workflow variables (`Assign`, read as `$name`). The top-level states share one scope; each
 * Parallel branch and Map iteration gets a scope of its own that reads the enclosing scopes but
 * writes only itself, so an inner assignment never reaches an outer state and siblings never
 * see each other's values; its variables vanish with it. A distributed Map's iterations see no
 * outer variable at all. Assignments take effect when the assigning state ends, so every field
 * of a state reads the values the variables had when it was entered.
 *
 * A thread only gets a scope of its own on its first assignment: a definition without Assign
 * never allocates one, and an iteration that assigns nothing shares its parent's.
 */
import { StatesFailure } from './errors.js';
import type { Json, JsonObject } from './json.js';
import { jsonByteSize } from './payload-size.js';

/** The thread a scope belongs to (a Frame; kept abstract to keep this module free of the runtime). */
export interface VariableOwner {
  variables: VariableScope | undefined;
  /** The latest assignments, for the history (AWS's `assignedVariables` on StateExited). */
  assigned?: JsonObject | undefined;
}

/** AWS quotas: 256 KiB per variable, 256 KiB per Assign, 10 MiB stored per execution. */
export const MAX_VARIABLE_BYTES = 262_144;
export const MAX_ASSIGN_BYTES = 262_144;
export const MAX_STORED_BYTES = 10 * 1024 * 1024;

export class VariableScope {
  private readonly values = new Map<string, { readonly value: Json; readonly bytes: number }>();
  private ownBytes = 0;

  constructor(
    readonly parent: VariableScope | undefined,
    readonly owner: VariableOwner,
  ) {}

  get(name: string): Json | undefined {
    const own = this.values.get(name);
    if (own !== undefined) return own.value;
    return this.parent?.get(name);
  }

  /** Bytes held by this scope and the scopes it reads. */
  storedBytes(): number {
    return this.ownBytes + (this.parent?.storedBytes() ?? 0);
  }

  set(name: string, value: Json, bytes: number): void {
    const previous = this.values.get(name);
    this.ownBytes += bytes - (previous?.bytes ?? 0);
    this.values.set(name, { value, bytes });
  }

  /** The bytes `name` holds in this very scope (0 when it is not assigned here). */
  bytesOf(name: string): number {
    return this.values.get(name)?.bytes ?? 0;
  }
}

/**
 * Applies one state's assignments to its thread. The sizes are checked first, so a refused
 * Assign changes nothing. Failures are States.DataLimitExceeded [unverified wording].
 */
export function assignVariables(owner: VariableOwner, assigned: JsonObject): void {
  const names = Object.keys(assigned);
  if (names.length === 0) return;
  const sizes: number[] = [];
  let total = 0;
  for (const name of names) {
    const bytes = jsonByteSize(assigned[name] as Json);
    if (bytes > MAX_VARIABLE_BYTES) {
      throw new StatesFailure('States.DataLimitExceeded', `The variable '${name}' has a size exceeding the maximum number of bytes service limit.`);
    }
    sizes.push(bytes);
    total += bytes;
  }
  if (total > MAX_ASSIGN_BYTES) {
    throw new StatesFailure('States.DataLimitExceeded', 'The values assigned by the state have a combined size exceeding the maximum number of bytes service limit.');
  }
  let scope = owner.variables;
  if (scope === undefined || scope.owner !== owner) scope = new VariableScope(scope, owner);
  let stored = scope.storedBytes();
  names.forEach((name, index) => {
    stored += (sizes[index] as number) - scope.bytesOf(name);
  });
  if (stored > MAX_STORED_BYTES) {
    throw new StatesFailure('States.DataLimitExceeded', 'The variables of the execution have a combined size exceeding the maximum number of bytes service limit.');
  }
  names.forEach((name, index) => scope.set(name, assigned[name] as Json, sizes[index] as number));
  owner.variables = scope;
  owner.assigned = assigned;
}

/** A branch or iteration reads its parent's variables; a distributed Map's iteration reads none. */
export function inheritVariables(child: VariableOwner, parent: VariableOwner, isolated = false): void {
  child.variables = isolated ? undefined : parent.variables;
}

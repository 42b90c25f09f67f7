import type { Diagnostic } from '../errors.js';
import type { JsonObject } from '../json.js';
import { ValidationCode } from './messages.js';
import type { QueryLanguage } from './query-language.js';

/**
 * Diagnostic locations in AWS's notation.
 *
 * AWS's locations look like JSON Pointers for object members (`/States/Pass/Next`) but write
 * array positions in brackets: `/States/C/Choices[0]/Next`, `/States/T/Catch[0]/Next`,
 * `/States/P/Branches[0]` [measured: floci-io/floci #2786]. The whole definition is `/`
 * (`These fields are required: [StartAt]` at `/` [recorded]). Member names are escaped as in
 * RFC 6901 (`~` → `~0`, `/` → `~1`) so a state named `a/b` cannot be mistaken for a nesting;
 * AWS itself prints names raw (`at /States/Pass One`), which is identical whenever a name holds
 * neither character.
 *
 * Internally the root is the empty string so that children compose by concatenation;
 * `displayLocation` turns it into AWS's `/`.
 */
export const ROOT_LOCATION = '';

export function escapeSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function childLocation(parent: string, name: string): string {
  return `${parent}/${escapeSegment(name)}`;
}

export function itemLocation(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

export function displayLocation(location: string): string {
  return location === ROOT_LOCATION ? '/' : location;
}

/**
 * A container of states: the definition itself, a Parallel branch, or a Map processor
 * (`ItemProcessor` or the legacy `Iterator`). Each is a closed scope: `Next` may only name
 * states of the same container.
 */
export interface Scope {
  readonly kind: 'machine' | 'branch' | 'processor';
  readonly node: JsonObject;
  readonly location: string;
}

/**
 * Everything one validation run shares: the diagnostics found so far, the machine's default
 * query language, the state names and Map labels seen across all scopes (both are unique
 * machine-wide), and
 * the scopes still to visit. Scopes are visited from a work list rather than by recursion so
 * that a pathologically nested definition cannot exhaust the call stack.
 */
export class ValidationContext {
  readonly machineLanguage: QueryLanguage;
  readonly express: boolean;
  /** The EXPRESS callbacks extension (see ValidationOptions). */
  readonly expressCallbacks: boolean;
  readonly stateNames = new Set<string>();
  readonly mapLabels = new Set<string>();
  private readonly schemaDiagnostics: Diagnostic[] = [];
  private readonly graphDiagnostics: Diagnostic[] = [];
  private readonly pending: Scope[] = [];
  private readonly visited = new WeakSet<JsonObject>();

  constructor(machineLanguage: QueryLanguage, express: boolean, expressCallbacks = false) {
    this.machineLanguage = machineLanguage;
    this.express = express;
    this.expressCallbacks = expressCallbacks;
  }

  /** A structural problem. `location` null means AWS gives none. */
  schema(location: string | null, message: string, code: string = ValidationCode.SchemaValidationFailed): void {
    this.schemaDiagnostics.push(diagnostic(code, location, message));
  }

  /**
   * A transition-graph problem (missing targets, unreachable or missing end states). AWS lists
   * these after the schema problems [measured: floci-io/floci #2786 orders the graph codes], so
   * they are kept apart and appended last.
   */
  graph(code: string, location: string | null, message: string): void {
    this.graphDiagnostics.push(diagnostic(code, location, message));
  }

  /**
   * Queues a nested scope. A node already queued is skipped: parsed JSON never shares nodes, but a
   * definition built in code might, even cyclically, and must not loop forever.
   */
  enqueue(scope: Scope): void {
    if (this.visited.has(scope.node)) return;
    this.visited.add(scope.node);
    this.pending.push(scope);
  }

  /** Queues several scopes so that they are visited in the given order. */
  enqueueAll(scopes: readonly Scope[]): void {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const scope = scopes[i];
      if (scope !== undefined) this.enqueue(scope);
    }
  }

  next(): Scope | undefined {
    return this.pending.pop();
  }

  diagnostics(): Diagnostic[] {
    return [...this.schemaDiagnostics, ...this.graphDiagnostics];
  }
}

function diagnostic(code: string, location: string | null, message: string): Diagnostic {
  return { code, message, pointer: location === null ? '' : displayLocation(location) };
}

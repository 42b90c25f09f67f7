import type { Diagnostic } from './errors.js';
import type { JsonObject } from './json.js';
import type { JsonataLimits } from './jsonata/limits.js';
import { DEFAULT_LIMITS } from './jsonata/limits.js';

export type QueryLanguage = 'JSONPath' | 'JSONata';

/** Collects every problem found while compiling, instead of stopping at the first. */
export class CompileContext {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly queryLanguage: QueryLanguage,
    /** Guard rails for every JSONata expression of the definition. */
    readonly jsonataLimits: JsonataLimits = DEFAULT_LIMITS,
  ) {}

  report(pointer: string, message: string, code = 'SCHEMA_VALIDATION_FAILED'): void {
    this.diagnostics.push({ pointer, code, message });
  }
}

/** RFC 6901: `~` and `/` in a key are escaped. */
export function pointerTo(base: string, key: string | number): string {
  const token = typeof key === 'number' ? String(key) : key.replace(/~/g, '~0').replace(/\//g, '~1');
  return `${base}/${token}`;
}

export function stateLanguage(state: JsonObject, machineDefault: QueryLanguage): QueryLanguage {
  const own = state.QueryLanguage;
  return own === 'JSONata' || own === 'JSONPath' ? own : machineDefault;
}

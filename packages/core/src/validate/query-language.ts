import { getOwn, isJsonObject, type Json, type JsonObject } from '../json.js';

export type QueryLanguage = 'JSONPath' | 'JSONata';

/**
 * The language an owner (the definition or one state) declares, or undefined when it declares
 * none. Measured on AWS [floci-io/floci #2968]: only the exact string `JSONPath` selects
 * JSONPath; any other declared value (`JSONata`, a wrong case, a number) makes the owner
 * JSONata. The validator reports the bad spelling separately.
 */
export function declaredQueryLanguage(owner: JsonObject): QueryLanguage | undefined {
  const declared = getOwn(owner, 'QueryLanguage');
  if (declared === undefined) return undefined;
  return declared === 'JSONPath' ? 'JSONPath' : 'JSONata';
}

/** The machine-wide default: the top-level `QueryLanguage`, JSONPath when absent. */
export function machineQueryLanguage(definition: Json): QueryLanguage {
  if (!isJsonObject(definition)) return 'JSONPath';
  return declaredQueryLanguage(definition) ?? 'JSONPath';
}

/**
 * The language a state is evaluated in: its own `QueryLanguage`, else the machine's.
 *
 * States inside a Parallel branch or a Map processor inherit the *machine's* language, not the
 * enclosing Parallel's or Map's [measured: floci-io/floci #2968 — a Map declaring JSONata leaves
 * its processor's states in the machine's JSONPath], so `machineDefault` is always the
 * top-level language, whatever the nesting.
 */
export function effectiveQueryLanguage(state: Json | undefined, machineDefault: QueryLanguage): QueryLanguage {
  if (!isJsonObject(state)) return machineDefault;
  return declaredQueryLanguage(state) ?? machineDefault;
}

/**
 * A JSONata expression is a whole string `{% … %}` (spec §5: it must start with `{%` and end
 * with `%}` exactly; anything else is a literal string).
 */
export function isJsonataExpression(value: Json | undefined): value is string {
  return typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}');
}

export function otherLanguage(language: QueryLanguage): QueryLanguage {
  return language === 'JSONPath' ? 'JSONata' : 'JSONPath';
}

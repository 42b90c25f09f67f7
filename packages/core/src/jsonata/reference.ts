import type { Json } from '../json.js';
import type { Reference } from './analysis.js';
import type { StatesScope } from './scope.js';

/** The library must answer: the reference crosses an array, over which it would map. */
export const FALLBACK: unique symbol = Symbol('fallback');

export type Read = (scope: StatesScope) => Json | undefined | typeof FALLBACK;

/**
 * `$states.input.a.b` or `$name.a` read without the library: the most common expressions,
 * answered synchronously. Field lookups follow the library's (own properties only; nothing
 * through a non-object); an array on the way goes to the library.
 */
export function compileReference(reference: Reference, readsContext: boolean): Read {
  const [first, ...rest] = reference.fields;
  if (reference.variable === 'states') {
    if (first === 'input') return walker((scope) => scope.input, rest);
    if (first === 'result') return walker((scope) => scope.result, rest);
    if (first === 'errorOutput') return walker((scope) => scope.errorOutput, rest);
    return walker((scope) => scope.states(readsContext), reference.fields);
  }
  const name = reference.variable;
  return walker((scope) => scope.variable(name), reference.fields);
}

const hop = Object.prototype.hasOwnProperty;

/** Whether plain objects inherit `key` (then an own-property test is needed). */
function inherited(key: string): boolean {
  return key in Object.prototype;
}

/** One lookup: a value, undefined (nothing there) or FALLBACK (an array). */
function step(value: Json | undefined, key: string, checkOwn: boolean): Json | undefined | typeof FALLBACK {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) return FALLBACK;
  const next = value[key];
  return next === undefined || (checkOwn && !hop.call(value, key)) ? undefined : next;
}

/** Unrolled for up to three fields, so that each lookup site sees one key. */
function walker(root: (scope: StatesScope) => Json | undefined, fields: readonly string[]): Read {
  const [k0, k1, k2] = fields as [string, string, string];
  const [g0, g1, g2] = fields.map(inherited) as [boolean, boolean, boolean];
  switch (fields.length) {
    case 0:
      return root;
    case 1:
      return (scope) => step(root(scope), k0, g0);
    case 2:
      return (scope) => {
        const a = step(root(scope), k0, g0);
        return a === FALLBACK ? a : step(a, k1, g1);
      };
    case 3:
      return (scope) => {
        const a = step(root(scope), k0, g0);
        if (a === FALLBACK) return a;
        const b = step(a, k1, g1);
        return b === FALLBACK ? b : step(b, k2, g2);
      };
    default:
      return (scope) => {
        let value: Json | undefined | typeof FALLBACK = root(scope);
        for (let i = 0; i < fields.length && value !== FALLBACK; i++) value = step(value, fields[i] as string, inherited(fields[i] as string));
        return value;
      };
  }
}

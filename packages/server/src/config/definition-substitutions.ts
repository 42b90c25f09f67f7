import type { FieldPath } from './config-error.js';

/**
 * `${Name}` placeholders in a state machine definition, as CloudFormation's
 * `DefinitionSubstitutions` replaces them: inside any string of the definition (keys included),
 * each placeholder becomes its value's text.
 *
 * Replacement works on the parsed definition rather than its JSON text, so a value holding a
 * quote or a backslash stays a valid JSON string instead of breaking the document.
 */

const PLACEHOLDER = /\$\{([^}]*)\}/g;

export interface SubstitutionResult {
  readonly definition: unknown;
  /** Placeholders no value was found for, each at its first use (a path inside the definition). */
  readonly unresolved: readonly { readonly name: string; readonly path: FieldPath }[];
}

export interface SubstitutionOptions {
  /**
   * `${!Name}` stands for a literal `${Name}` (Fn::Sub's escape). Flowgate projects use it;
   * templates do not, since CloudFormation leaves `${!Name}` alone in definitions.
   */
  readonly escapes: boolean;
}

export function substituteDefinition(
  definition: unknown,
  lookup: (name: string) => string | undefined,
  options: SubstitutionOptions,
): SubstitutionResult {
  const unresolved: { name: string; path: FieldPath }[] = [];
  const replaceIn = (text: string, path: FieldPath): string =>
    text.replace(PLACEHOLDER, (whole, name: string) => {
      if (options.escapes && name.startsWith('!')) return `\${${name.slice(1)}}`;
      const value = lookup(name.trim());
      if (value !== undefined) return value;
      if (!unresolved.some((entry) => entry.name === name)) unresolved.push({ name, path });
      return whole;
    });
  const walk = (value: unknown, path: FieldPath): unknown => {
    if (typeof value === 'string') return replaceIn(value, path);
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index]));
    if (typeof value === 'object' && value !== null) {
      const result: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(value)) {
        const entryPath = [...path, key];
        Object.defineProperty(result, replaceIn(key, entryPath), { value: walk(entry, entryPath), enumerable: true, writable: true, configurable: true });
      }
      return result;
    }
    return value;
  };
  return { definition: walk(definition, []), unresolved };
}

import { runtimeFailure } from '../errors.js';
import type { Json } from '../json.js';
import type { CompiledPath } from '../jsonpath/index.js';
import type { ValueSources } from '../sources.js';

/** Reads the value a path denotes; `undefined` when the path selects nothing. */
export type OptionalReader = (sources: ValueSources) => Json | undefined;
/** Reads the value a path denotes; raises States.Runtime when the path selects nothing. */
export type RequiredReader = (sources: ValueSources) => Json;

/**
 * AWS's cause when a rule's `Variable` (or a `…Path` comparand) selects nothing; only
 * `IsPresent` tolerates a missing value. The runtime prefixes the location sentence
 * ("An error occurred while executing the state 'S' (entered at the event id #N). ").
 */
export function missingValueCause(pathSource: string): string {
  return `Invalid path '${pathSource}': The choice state's condition path references an invalid value.`;
}

/**
 * The root of the path is resolved once, here, rather than on every evaluation: a Choice
 * rule is evaluated far more often than it is compiled.
 */
export function createOptionalReader(path: CompiledPath): OptionalReader {
  if (path.root === 'input') {
    return (sources) => {
      const result = path.select(sources.input);
      return result.found ? result.value : undefined;
    };
  }
  if (path.root === 'context') {
    return (sources) => {
      const result = path.select(sources.context());
      return result.found ? result.value : undefined;
    };
  }
  const name = path.variable as string;
  return (sources) => {
    const value = sources.variable(name);
    if (value === undefined) return undefined;
    const result = path.select(value);
    return result.found ? result.value : undefined;
  };
}

export function createRequiredReader(path: CompiledPath): RequiredReader {
  const read = createOptionalReader(path);
  const cause = missingValueCause(path.source);
  return (sources) => {
    const value = read(sources);
    if (value === undefined) throw runtimeFailure(cause);
    return value;
  };
}

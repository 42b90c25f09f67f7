/**
 * The JSONPath of `$input.path(x)` and `$input.json(x)`: `$`, `.name`, `['name']`, `[0]`,
 * `[-1]`, `[*]` / `.*`, `..name` (deep scan), unions `[0,2]` / `['a','b']` and slices `[1:3]`.
 * As in Jayway JsonPath (the Java library API Gateway's examples follow), a path without
 * wildcards, scans, unions or slices selects one value; any of those make it select a list.
 * Filters (`[?(…)]`) are refused with a `JsonPathError`.
 */

type Step =
  | { readonly kind: 'names'; readonly names: readonly string[] }
  | { readonly kind: 'indexes'; readonly indexes: readonly number[] }
  | { readonly kind: 'slice'; readonly start: number | undefined; readonly end: number | undefined }
  | { readonly kind: 'wildcard' }
  /** `..name`; `..*` (every descendant); `..` before a bracket (the node and every descendant). */
  | { readonly kind: 'scan'; readonly name: string | undefined; readonly self: boolean };

export interface JsonPath {
  readonly text: string;
  readonly steps: readonly Step[];
  /** Whether the path selects one value (not a list of matches). */
  readonly definite: boolean;
}

export class JsonPathError extends Error {
  readonly code = 'InvalidJsonPath';
  constructor(path: string, reason: string) {
    super(`Invalid JSONPath '${path}': ${reason}`);
    this.name = 'JsonPathError';
  }
}

const cache = new Map<string, JsonPath>();

export function parseJsonPath(text: string): JsonPath {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const path = parse(text.trim());
  if (cache.size > 1000) cache.clear();
  cache.set(text, path);
  return path;
}

function parse(text: string): JsonPath {
  if (!text.startsWith('$')) throw new JsonPathError(text, "it must start with '$'");
  const steps: Step[] = [];
  let index = 1;
  const name = (): string => {
    const match = /^[^.[\]\s]+/.exec(text.slice(index));
    if (match === null) throw new JsonPathError(text, `a name is missing at position ${index}`);
    index += match[0].length;
    return match[0];
  };
  while (index < text.length) {
    if (text.startsWith('..', index)) {
      index += 2;
      if (text[index] === '*') {
        index++;
        steps.push({ kind: 'scan', name: undefined, self: false });
      } else if (text[index] === '[') {
        steps.push({ kind: 'scan', name: undefined, self: true });
      } else steps.push({ kind: 'scan', name: name(), self: false });
    } else if (text[index] === '.') {
      index++;
      if (text[index] === '*') {
        index++;
        steps.push({ kind: 'wildcard' });
      } else steps.push({ kind: 'names', names: [name()] });
    } else if (text[index] === '[') {
      const close = closingBracket(text, index);
      steps.push(bracket(text, text.slice(index + 1, close).trim()));
      index = close + 1;
    } else throw new JsonPathError(text, `unexpected '${text[index] as string}' at position ${index}`);
  }
  const definite = steps.every((step) => (step.kind === 'names' && step.names.length === 1) || (step.kind === 'indexes' && step.indexes.length === 1));
  return { text, steps, definite };
}

function closingBracket(text: string, open: number): number {
  let quote: string | undefined;
  for (let index = open + 1; index < text.length; index++) {
    const char = text[index];
    if (quote !== undefined) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === ']') return index;
  }
  throw new JsonPathError(text, "a '[' is not closed");
}

function bracket(path: string, inside: string): Step {
  if (inside === '*') return { kind: 'wildcard' };
  if (inside.startsWith('?') || inside.startsWith('(')) throw new JsonPathError(path, 'filters and script expressions are not supported');
  const slice = /^(-?\d*)\s*:\s*(-?\d*)$/.exec(inside);
  if (slice !== null) {
    return { kind: 'slice', start: slice[1] === '' ? undefined : Number(slice[1]), end: slice[2] === '' ? undefined : Number(slice[2]) };
  }
  const parts = inside.split(/\s*,\s*(?=(?:[^'"]*['"][^'"]*['"])*[^'"]*$)/);
  if (parts.every((part) => /^-?\d+$/.test(part))) return { kind: 'indexes', indexes: parts.map(Number) };
  const names = parts.map((part) => {
    const quoted = /^(['"])(.*)\1$/s.exec(part);
    if (quoted === null) throw new JsonPathError(path, `'[${inside}]' is neither an index nor a quoted name`);
    return (quoted[2] as string).replace(/\\(.)/g, '$1');
  });
  return { kind: 'names', names };
}

/** The matches of `path` in `root`, in document order. */
export function selectAll(path: JsonPath, root: unknown): unknown[] {
  let current: unknown[] = [root];
  for (const step of path.steps) current = current.flatMap((value) => apply(step, value));
  return current;
}

/** What Jayway answers: the value for a definite path (undefined when absent), else the list of matches. */
export function select(path: JsonPath, root: unknown): unknown {
  const matches = selectAll(path, root);
  return path.definite ? matches[0] : matches;
}

function apply(step: Step, value: unknown): unknown[] {
  switch (step.kind) {
    case 'names':
      if (!isObject(value)) return [];
      return step.names.filter((name) => Object.hasOwn(value, name)).map((name) => value[name]);
    case 'indexes':
      if (!Array.isArray(value)) return [];
      return step.indexes.map((index) => (index < 0 ? value.length + index : index)).filter((index) => index >= 0 && index < value.length).map((index) => value[index]);
    case 'slice': {
      if (!Array.isArray(value)) return [];
      return value.slice(step.start ?? 0, step.end ?? value.length);
    }
    case 'wildcard':
      return Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [];
    case 'scan':
      return scan(value, step.name, step.self);
  }
}

function scan(value: unknown, name: string | undefined, self: boolean): unknown[] {
  const found: unknown[] = self ? [value] : [];
  const visit = (node: unknown): void => {
    const children = Array.isArray(node) ? node : isObject(node) ? Object.values(node) : [];
    if (name === undefined) found.push(...children.filter((child) => !self || typeof child === 'object'));
    else if (isObject(node) && Object.hasOwn(node, name)) found.push(node[name]);
    children.forEach(visit);
  };
  visit(value);
  return found;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

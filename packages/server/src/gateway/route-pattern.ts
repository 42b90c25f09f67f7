/**
 * API Gateway route paths: `/orders/{id}` (a path variable is one whole segment) and
 * `/files/{proxy+}` (a greedy variable, only at the end, catching one or more child segments).
 * Static segments match case-sensitively and path variables receive URL-decoded values, as
 * API Gateway passes them (http-api-develop-routes: "API Gateway decodes URL-encoded request
 * parameters before passing them to your backend integration").
 */

export type Segment =
  | { readonly kind: 'static'; readonly text: string }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

export interface RoutePattern {
  readonly path: string;
  readonly segments: readonly Segment[];
  readonly greedy: boolean;
}

// API Gateway's route keys allow letters, digits and `._-` in variable names.
const VARIABLE = /^\{([A-Za-z0-9._-]+)(\+?)\}$/;

/** Parses a route path; returns the problems instead when it is not one API Gateway accepts. */
export function parseRoutePath(path: string): RoutePattern | { readonly problems: readonly string[] } {
  if (!path.startsWith('/')) return { problems: [`path '${path}' must start with '/' (or be '$default')`] };
  const problems: string[] = [];
  const parts = path === '/' ? [] : path.slice(1).split('/');
  const segments: Segment[] = [];
  const names = new Set<string>();
  parts.forEach((part, index) => {
    const variable = VARIABLE.exec(part);
    if (variable !== null) {
      const name = variable[1] as string;
      if (names.has(name)) problems.push(`path '${path}' names the variable '${name}' twice`);
      names.add(name);
      if (variable[2] === '+') {
        if (index !== parts.length - 1) problems.push(`path '${path}': a greedy variable must be the last segment`);
        segments.push({ kind: 'greedy', name });
      } else segments.push({ kind: 'variable', name });
    } else if (part.includes('{') || part.includes('}')) {
      problems.push(`path '${path}': a path variable must be a whole segment, like {id}`);
    } else if (part === '' && index !== parts.length - 1) {
      problems.push(`path '${path}' has an empty segment`);
    } else segments.push({ kind: 'static', text: part });
  });
  if (problems.length > 0) return { problems };
  return { path, segments, greedy: segments.some((segment) => segment.kind === 'greedy') };
}

/** The raw (still encoded) segments of a request path, trailing empty segment included. */
export function splitRequestPath(rawPath: string): string[] {
  return rawPath === '/' || rawPath === '' ? [] : rawPath.slice(1).split('/');
}

/** The decoded path parameters when `pattern` matches, otherwise undefined. */
export function matchPattern(pattern: RoutePattern, requestSegments: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  const { segments } = pattern;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] as Segment;
    if (segment.kind === 'greedy') {
      const rest = requestSegments.slice(index).join('/');
      // A greedy variable catches child resources: at least one non-empty character.
      if (rest === '') return undefined;
      parameters[segment.name] = decode(rest);
      return parameters;
    }
    const part = requestSegments[index];
    if (part === undefined) return undefined;
    if (segment.kind === 'static') {
      if (decode(part) !== segment.text) return undefined;
    } else {
      if (part === '') return undefined;
      parameters[segment.name] = decode(part);
    }
  }
  return requestSegments.length === segments.length ? parameters : undefined;
}

/**
 * Orders two matching patterns, most specific first (negative: `a` wins). API Gateway picks
 * "1. Full match for a route and method. 2. Match for a route and method with a greedy path
 * variable. 3. The $default route" and, among full matches, a static segment over a variable
 * (`GET /pets/dog/1` over `GET /pets/dog/{id}`). Within a tier the first segment where two
 * routes differ decides: static, then variable, then greedy.
 */
export function compareSpecificity(a: RoutePattern, b: RoutePattern): number {
  if (a.greedy !== b.greedy) return a.greedy ? 1 : -1;
  const length = Math.min(a.segments.length, b.segments.length);
  for (let index = 0; index < length; index++) {
    const difference = rank(b.segments[index] as Segment) - rank(a.segments[index] as Segment);
    if (difference !== 0) return difference;
  }
  // Two greedy routes that agree so far: the one with more fixed segments is more specific.
  return b.segments.length - a.segments.length;
}

function rank(segment: Segment): number {
  return segment.kind === 'static' ? 2 : segment.kind === 'variable' ? 1 : 0;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

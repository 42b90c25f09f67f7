/**
 * HTTP API parameter mapping values (http-api-parameter-mapping, "Request parameter mapping
 * values"): `$request.header.<name>`, `$request.querystring.<name>`, `$request.body` and
 * `$request.body.<JSON path>` (no recursive descent, no filters), `$request.path`,
 * `$request.path.<name>`, `$context.<variable>`, `$stageVariables.<variable>`, or a static
 * string. The `${request.path.id}` spelling of the same selections may sit inside static text
 * (`order-${request.path.id}`). Each value is parsed once, when the routes are set.
 */

/** What a selection can read of one request. */
export interface SelectionSource {
  readonly bodyText: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  bodyJson(): unknown;
  readonly path: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names, repeats joined with commas. */
  readonly headers: Readonly<Record<string, string>>;
  readonly context: Readonly<Record<string, string>>;
  readonly stageVariables: Readonly<Record<string, string>>;
}

/** A compiled mapping value: undefined when a lone selection finds nothing. */
export type SelectionValue = (source: SelectionSource) => string | undefined;

type Selector = (source: SelectionSource) => string | undefined;

const WHOLE = /^\$((?:request|context|stageVariables)\b.*)$/;
const EMBEDDED = /\$\{([^}]*)\}/g;

/** Parses one mapping value; throws a readable message for a selection it cannot read. */
export function compileSelectionValue(value: string): SelectionValue {
  const whole = WHOLE.exec(value);
  if (whole !== null) return compileSelector(whole[1] as string);
  if (!value.includes('${')) return () => value;
  const parts: (string | Selector)[] = [];
  let last = 0;
  for (const match of value.matchAll(EMBEDDED)) {
    if (match.index > last) parts.push(value.slice(last, match.index));
    parts.push(compileSelector(match[1] as string));
    last = match.index + match[0].length;
  }
  if (last < value.length) parts.push(value.slice(last));
  // Inside text a selection that finds nothing contributes nothing.
  return (source) => parts.map((part) => (typeof part === 'string' ? part : (part(source) ?? ''))).join('');
}

function compileSelector(expression: string): Selector {
  const [root, kind, ...rest] = expression.split('.');
  const name = rest.join('.');
  if (root === 'context' && kind !== undefined) {
    const variable = [kind, ...rest].join('.');
    return (source) => source.context[variable];
  }
  if (root === 'stageVariables' && kind !== undefined && rest.length === 0) return (source) => source.stageVariables[kind];
  if (root === 'request') {
    switch (kind) {
      case 'body':
        return rest.length === 0 ? (source) => source.bodyText : compileBodyPath(name, expression);
      case 'path':
        return rest.length === 0 ? (source) => source.path : (source) => source.pathParameters[name];
      case 'querystring':
        if (name !== '') return (source) => source.query[name];
        break;
      case 'header':
        if (name !== '') return (source) => source.headers[name.toLowerCase()];
        break;
    }
  }
  throw new Error(`'$${expression}' is not a selection expression API Gateway reads`);
}

/** `a.b[0].c`: names and array indexes only, as API Gateway's body selections allow. */
function compileBodyPath(path: string, expression: string): Selector {
  if (expression.includes('..') || path.includes('?') || path.includes('*')) {
    throw new Error(`'$${expression}': recursive descent, wildcards and filters are not supported`);
  }
  const steps: (string | number)[] = [];
  for (const part of path.split('.')) {
    const step = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (step === null || (step[1] === '' && step[2] === '')) throw new Error(`'$${expression}' is not a body path API Gateway reads`);
    if (step[1] !== '') steps.push(step[1] as string);
    for (const index of (step[2] as string).matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return (source) => {
    let value = source.bodyJson();
    for (const step of steps) {
      if (typeof step === 'number' ? !Array.isArray(value) : typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      value = (value as Record<string | number, unknown>)[step];
    }
    if (value === undefined) return undefined;
    // A string is passed as its characters; anything else as its JSON text.
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
}

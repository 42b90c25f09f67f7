import jsonata from 'jsonata';

/** A mapping expression of a route, parsed once when the routes are set. */
export interface MappingExpression {
  readonly source: string;
  /** The expression's value, or undefined when it yields nothing. Rejects with a `MappingError`. */
  evaluate(input: unknown, bindings: Readonly<Record<string, unknown>>): Promise<unknown>;
}

/** A mapping expression failed at request time; the gateway answers 500 and reports it. */
export class MappingError extends Error {
  readonly code = 'MappingFailed';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MappingError';
  }
}

/**
 * The same guard rails Step Functions puts on JSONata (5 s, 100 levels of nesting): an
 * expression in a route must not stall the gateway. Evaluations are not queued as the engine's
 * are, so under heavy concurrency the time bound is approximate; it is a guard, not a quota.
 */
const LIMITS = { timeout: 5000, stack: 100, sequence: 873_782 };

/** Compiles `{% … %}` or a bare expression; throws a readable message on a syntax error. */
export function compileMappingExpression(text: string): MappingExpression {
  const trimmed = text.trim();
  const source = trimmed.startsWith('{%') && trimmed.endsWith('%}') ? trimmed.slice(2, -2).trim() : trimmed;
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source, LIMITS);
  } catch (error) {
    throw new Error(`invalid JSONata expression '${source}': ${describe(error)}`, { cause: error });
  }
  return {
    source,
    async evaluate(input, bindings) {
      try {
        return toPlainJson(await expression.evaluate(input, { ...bindings }));
      } catch (error) {
        throw new MappingError(`JSONata expression '${source}' failed: ${describe(error)}`, { cause: error });
      }
    },
  };
}

/** JSONata answers sequences (arrays with extra members) and may answer functions; keep JSON only. */
function toPlainJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  return typeof code === 'string' ? `${code}: ${text}` : text;
}

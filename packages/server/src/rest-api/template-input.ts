import { toTemplateValue } from './java-values.js';
import { parseJsonPath, select } from './json-path.js';

/** The request parameters `$input.params()` answers: each a map of name → value. */
export interface TemplateParams {
  readonly path: Readonly<Record<string, string>>;
  readonly querystring: Readonly<Record<string, string>>;
  readonly header: Readonly<Record<string, string>>;
}

/** The payload is not JSON though the template reads it as JSON. */
export class PayloadNotJson extends Error {
  readonly code = 'PayloadNotJson';
  /** The parser's complaint (the message gains velocityjs's position of the call). */
  readonly detail: string;
  constructor(detail: string) {
    super(`Could not parse payload into json: ${detail}`);
    this.name = 'PayloadNotJson';
    this.detail = detail;
  }
}

/**
 * `$input` of a mapping template (api-gateway-mapping-template-reference): the request payload in
 * a request template, the integration's answer in a response template.
 * - `$input.body`: the payload as a string.
 * - `$input.json(x)`: the JSONPath `x` evaluated, "as a JSON string" (compact).
 * - `$input.path(x)`: the same as an object the template can use natively (`.size()`, `.key`).
 * - `$input.params()` / `$input.params(x)`: path, query string and header parameters; `x` is
 *   looked up "from the path, query string, or header value (searched in that order)".
 * A path that selects nothing gives null (written as nothing). An empty payload reads as `{}`,
 * as LocalStack's parity tests found AWS does.
 */
export class TemplateInput {
  readonly #payload: string;
  readonly #params: TemplateParams;
  #parsed: { readonly value: unknown } | undefined;

  constructor(payload: string, params: TemplateParams) {
    this.#payload = payload;
    this.#params = params;
  }

  get body(): string {
    return this.#payload === '' ? '{}' : this.#payload;
  }

  json(path: unknown): string | null {
    const value = this.#select(path);
    return value === undefined ? null : JSON.stringify(value);
  }

  path(path: unknown): unknown {
    const value = this.#select(path);
    return value === undefined ? null : toTemplateValue(value);
  }

  params(name?: unknown): unknown {
    if (name === undefined || name === null) {
      return toTemplateValue({ path: this.#params.path, querystring: this.#params.querystring, header: this.#params.header });
    }
    const key = String(name);
    const { path, querystring, header } = this.#params;
    if (Object.hasOwn(path, key)) return path[key];
    if (Object.hasOwn(querystring, key)) return querystring[key];
    // Header names are case-insensitive (RFC 9110 §5.1).
    const lower = key.toLowerCase();
    const found = Object.entries(header).find(([headerName]) => headerName.toLowerCase() === lower);
    return found === undefined ? '' : found[1];
  }

  toString(): string {
    return this.body;
  }

  #select(path: unknown): unknown {
    const compiled = parseJsonPath(path === undefined || path === null ? '$' : String(path));
    return select(compiled, this.#document());
  }

  #document(): unknown {
    if (this.#parsed === undefined) {
      const text = this.#payload.trim();
      try {
        this.#parsed = { value: text === '' ? {} : (JSON.parse(text) as unknown) };
      } catch (error) {
        throw new PayloadNotJson(error instanceof Error ? error.message : String(error));
      }
    }
    return this.#parsed.value;
  }
}

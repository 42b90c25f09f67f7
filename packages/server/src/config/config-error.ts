import { isAbsolute, relative } from 'node:path';

/** Where a value sits in a configuration document: `['routes', 1, 'method']` is `$.routes[1].method`. */
export type FieldPath = readonly (string | number)[];

/** A value's file and path, carried while a document is read so any error can name both. */
export interface At {
  readonly file: string;
  readonly path: FieldPath;
}

export function child(at: At, ...segments: (string | number)[]): At {
  return { file: at.file, path: [...at.path, ...segments] };
}

// The catalogue: one stable code per rule family, each with its message template. The loaders
// never build free-form messages, so a user (and a test) can rely on the code and the wording.
const TEMPLATES = {
  FileNotFound: (p: { looked: string }) => `no such file (looked for ${p.looked})`,
  AmbiguousFiles: (p: { files: string }) => `several configuration files (${p.files}); keep one`,
  InvalidSyntax: (p: { detail: string }) => `is not valid: ${p.detail}`,
  InvalidType: (p: { expected: string; got: string }) => `must be ${p.expected}, not ${p.got}`,
  MissingField: (p: { field: string }) => `'${p.field}' is required`,
  UnknownField: (p: { allowed: string }) => `is not a known field (known: ${p.allowed})`,
  InvalidValue: (p: { rule: string }) => p.rule,
  UnknownReference: (p: { kind: string; name: string; known: string }) =>
    `refers to ${p.kind} '${p.name}', which is not declared${p.known === '' ? '' : ` (declared: ${p.known})`}`,
  UnresolvedSubstitution: (p: { workflow: string; variable: string }) =>
    `workflow '${p.workflow}' uses \${${p.variable}}, which nothing defines (substitutions, functions.<name>.arn, workflows.<name>.arn, parameters.<Name>)`,
  DuplicateRoute: (p: { route: string; first: string }) => `route '${p.route}' is already declared at ${p.first}`,
  InvalidIntrinsic: (p: { fn: string; rule: string }) => `${p.fn}: ${p.rule}`,
  CircularReference: (p: { chain: string }) => `is circular: ${p.chain}`,
  InvalidDefinition: (p: { workflow: string; problems: string }) => `workflow '${p.workflow}' has an invalid definition: ${p.problems}`,
} satisfies Record<string, (params: never) => string>;

export type ConfigErrorCode = keyof typeof TEMPLATES;
type ParamsOf<C extends ConfigErrorCode> = Parameters<(typeof TEMPLATES)[C]>[0];

/**
 * A configuration file that cannot be loaded: names the file, the JSON path of the bad field
 * (or a line and column for syntax errors) and the rule. `flowgate dev` prints it and stops;
 * nothing partial is ever served.
 */
export class ConfigError extends Error {
  readonly code: ConfigErrorCode;
  readonly file: string;
  readonly path: FieldPath;
  readonly rule: string;
  readonly position?: { readonly line: number; readonly column: number };

  constructor(code: ConfigErrorCode, file: string, path: FieldPath, rule: string, position?: { line: number; column: number }) {
    const where = position === undefined ? jsonPathOf(path) : `${position.line}:${position.column}`;
    super(`${displayName(file)}: ${where}: ${rule}`);
    this.name = 'ConfigError';
    this.code = code;
    this.file = file;
    this.path = path;
    this.rule = rule;
    if (position !== undefined) this.position = position;
  }
}

export function configError<C extends ConfigErrorCode>(code: C, at: At, params: ParamsOf<C>): ConfigError {
  const template = TEMPLATES[code] as (params: ParamsOf<C>) => string;
  return new ConfigError(code, at.file, at.path, template(params));
}

export function syntaxError(file: string, detail: string, position?: { line: number; column: number }): ConfigError {
  return new ConfigError('InvalidSyntax', file, [], TEMPLATES.InvalidSyntax({ detail }), position);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.routes[1].method`, `$.Resources.Api.Properties.DefinitionBody.paths["/orders"].post`. */
export function jsonPathOf(path: FieldPath): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return IDENTIFIER.test(segment) ? `${text}.${segment}` : `${text}[${JSON.stringify(segment)}]`;
  }, '$');
}

/** How a value is described in "must be X, not Y". */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

// Messages name files relative to the working folder when they are inside it: short, and the
// same on every machine.
function displayName(file: string): string {
  if (!isAbsolute(file)) return file;
  const inside = relative(process.cwd(), file);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : file;
}

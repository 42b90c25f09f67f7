// Compares what AWS recorded with what Flowgate produced, honouring the placeholder tokens
// that the snapshot recorder put in place of run-specific values (ARNs, dates, UUIDs…).
// The rules are those of the case format (shared/conformance/README.md, "Placeholders").

/** Token → regular expression source for the value the token stands for. */
export type Placeholders = Readonly<Record<string, string>>;

/** Values that reference tokens took so far in one case (they must stay the same). */
export type Bindings = Map<string, string>;

export interface Mismatch {
  /** Where: `status`, `output.items[2].id`, `cause`, `error.message`… */
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly note?: string;
}

// `<uuid:1>`, `<json-input:2>`, `<ArnPart_0idx>`: the recorder numbered these because one value
// occurred in several places, so every occurrence must stand for the same text. All other
// tokens (`date`, `111111111111`, `start-time`…) match each occurrence on its own.
const REFERENCE_TOKEN = /^<(?:[^<>]+:\d+|\w+_\d+idx)>$/;

function isReferenceToken(token: string): boolean {
  return REFERENCE_TOKEN.test(token);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The tokens that occur in `text`, longest first so that `<uuid:10>` wins over `<uuid:1>`. */
function tokensIn(text: string, placeholders: Placeholders): string[] {
  return Object.keys(placeholders)
    .filter((token) => text.includes(token))
    .sort((a, b) => b.length - a.length);
}

/**
 * Builds an anchored regular expression for an expected string: literal text is escaped,
 * each token becomes its pattern, an already bound reference token becomes its bound value,
 * and a reference token seen twice in the same string becomes a back-reference.
 */
function compileExpectedText(
  text: string,
  tokens: readonly string[],
  placeholders: Placeholders,
  bindings: Bindings,
): { regex: RegExp; groups: Map<string, string> } {
  const groups = new Map<string, string>();
  let source = '';
  let literal = '';
  let at = 0;
  while (at < text.length) {
    const token = tokens.find((t) => text.startsWith(t, at));
    if (token === undefined) {
      literal += text[at];
      at += 1;
      continue;
    }
    source += escapeRegExp(literal);
    literal = '';
    at += token.length;
    const pattern = placeholders[token] ?? '';
    const bound = bindings.get(token);
    const group = groups.get(token);
    if (!isReferenceToken(token)) source += `(?:${pattern})`;
    else if (bound !== undefined) source += escapeRegExp(bound);
    else if (group !== undefined) source += `\\k<${group}>`;
    else {
      const name = `t${groups.size}`;
      groups.set(token, name);
      source += `(?<${name}>${pattern})`;
    }
  }
  source += escapeRegExp(literal);
  return { regex: new RegExp(`^${source}$`), groups };
}

/**
 * Whether `actual` is a string that matches the expected text. New values of reference
 * tokens are recorded in `bindings`, but only when the whole string matched.
 */
export function matchText(expected: string, actual: unknown, placeholders: Placeholders = {}, bindings: Bindings = new Map()): boolean {
  if (typeof actual !== 'string') return false;
  const tokens = tokensIn(expected, placeholders);
  if (tokens.length === 0) return expected === actual;
  const { regex, groups } = compileExpectedText(expected, tokens, placeholders, bindings);
  const found = regex.exec(actual);
  if (found === null) return false;
  for (const [token, name] of groups) {
    const value = found.groups?.[name];
    if (value !== undefined) bindings.set(token, value);
  }
  return true;
}

type Kind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'undefined' | 'other';

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const kind = typeof value;
  if (kind === 'object' || kind === 'string' || kind === 'number' || kind === 'boolean' || kind === 'undefined') return kind;
  return 'other';
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * Deep comparison of parsed JSON values; returns every difference (empty when they match).
 * Object key order is not compared, array order is, numbers compare as numbers (1.0 = 1).
 * An expected string that is exactly one token accepts a value of any type: the recorder
 * replaced the whole value.
 */
export function matchJson(
  expected: unknown,
  actual: unknown,
  placeholders: Placeholders = {},
  bindings: Bindings = new Map(),
  path = '$',
): Mismatch[] {
  const expectedKind = kindOf(expected);
  const actualKind = kindOf(actual);
  if (typeof expected === 'string') {
    if (actualKind !== 'string' && hasOwn(placeholders, expected)) return [];
    return matchText(expected, actual, placeholders, bindings) ? [] : [{ path, expected, actual }];
  }
  if (expectedKind !== actualKind) return [{ path, expected, actual }];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      return [{ path, expected, actual, note: `length ${expected.length} vs ${actual.length}` }];
    }
    return expected.flatMap((item, i) => matchJson(item, actual[i], placeholders, bindings, `${path}[${i}]`));
  }
  if (expectedKind === 'object') {
    const want = expected as Record<string, unknown>;
    const got = actual as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(want), ...Object.keys(got)])].sort();
    return keys.flatMap((key): Mismatch[] => {
      const at = `${path}.${key}`;
      if (!hasOwn(got, key)) return [{ path: at, expected: want[key], actual: undefined, note: 'missing' }];
      if (!hasOwn(want, key)) return [{ path: at, expected: undefined, actual: got[key], note: 'unexpected' }];
      return matchJson(want[key], got[key], placeholders, bindings, at);
    });
  }
  // Numbers, booleans and null: `===` already treats 0 and -0 as equal, as JSON does.
  return expected === actual ? [] : [{ path, expected, actual }];
}

function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** What a case expects of an execution (the `expected` member of a case file). */
export interface ExpectedOutcome {
  readonly status?: string;
  readonly output?: unknown;
  /** The recorder replaced the whole output by this token. */
  readonly outputText?: string;
  /** `null`: must be absent; a string: matched as text; anything else: AWS's text was JSON. */
  readonly error?: unknown;
  readonly cause?: unknown;
  readonly placeholders?: Placeholders;
}

/** An execution's outcome as the AWS API returns it: output and cause are JSON text. */
export interface ActualOutcome {
  readonly status: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

function compareField(field: 'error' | 'cause', expected: unknown, actual: string | undefined, placeholders: Placeholders, bindings: Bindings): Mismatch[] {
  if (expected === null) return actual === undefined ? [] : [{ path: field, expected: null, actual, note: 'expected absent' }];
  if (typeof expected === 'string') return matchText(expected, actual, placeholders, bindings) ? [] : [{ path: field, expected, actual }];
  // The recorder parsed a cause that was JSON text: compare structurally.
  const parsed = actual === undefined ? { ok: false as const } : parseJsonText(actual);
  if (!parsed.ok) return [{ path: field, expected, actual, note: 'expected JSON text' }];
  return matchJson(expected, parsed.value, placeholders, bindings, field);
}

/** Every difference between an execution's outcome and what the case expects. */
export function compareOutcome(expected: ExpectedOutcome, actual: ActualOutcome): Mismatch[] {
  const placeholders = expected.placeholders ?? {};
  // One set of bindings for the whole case: `<uuid:1>` in the output and in the cause is one value.
  const bindings: Bindings = new Map();
  const diffs: Mismatch[] = [];
  if (expected.status !== actual.status) diffs.push({ path: 'status', expected: expected.status, actual: actual.status });
  if (expected.outputText !== undefined) {
    if (!matchText(expected.outputText, actual.output, placeholders, bindings)) {
      diffs.push({ path: 'output', expected: expected.outputText, actual: actual.output });
    }
  } else if (hasOwn(expected, 'output')) {
    const parsed = actual.output === undefined ? undefined : parseJsonText(actual.output);
    if (parsed === undefined) diffs.push({ path: 'output', expected: expected.output, actual: undefined, note: 'missing' });
    else if (!parsed.ok) diffs.push({ path: 'output', expected: expected.output, actual: actual.output, note: 'not JSON' });
    else diffs.push(...matchJson(expected.output, parsed.value, placeholders, bindings, 'output'));
  }
  if (hasOwn(expected, 'error')) diffs.push(...compareField('error', expected.error, actual.error, placeholders, bindings));
  if (hasOwn(expected, 'cause')) diffs.push(...compareField('cause', expected.cause, actual.cause, placeholders, bindings));
  return diffs;
}

/** An API error as a case records it; a `null` message is not compared. */
export interface ExpectedApiError {
  readonly code: string;
  readonly message: string | null;
}

/** Compares the error an API call raised (or `undefined` when it succeeded) with the expected one. */
export function compareApiError(expected: ExpectedApiError, actual: { code: string; message: string } | undefined, placeholders: Placeholders = {}): Mismatch[] {
  if (actual === undefined) return [{ path: 'error', expected, actual: 'no error (call succeeded)' }];
  const diffs: Mismatch[] = [];
  if (expected.code !== actual.code) diffs.push({ path: 'error.code', expected: expected.code, actual: actual.code });
  if (expected.message !== null && !matchText(expected.message, actual.message, placeholders)) {
    diffs.push({ path: 'error.message', expected: expected.message, actual: actual.message });
  }
  return diffs;
}

import type { Json } from '../json.js';
import { renderJavaText } from './java-compat.js';
import type { IntrinsicNode } from './intrinsic-ast.js';
import {
  defineFunction,
  type IntrinsicFunction,
  type IntrinsicInvoke,
  invalidArguments,
  requireString,
} from './intrinsic-function.js';

const FORMAT = 'States.Format';
const STRING_SPLIT = 'States.StringSplit';

export const stringFunctions: readonly IntrinsicFunction[] = [
  defineFunction(FORMAT, 1, Infinity, formatWithRuntimeTemplate, specializeFormat),
  defineFunction(STRING_SPLIT, 2, 2, ([text, delimiters]) =>
    splitOnCharacters(requireString(text as Json, STRING_SPLIT), requireString(delimiters as Json, STRING_SPLIT)),
  ),
];

/**
 * The template may come from a path or a variable (recorded case
 * MAP_STATE_REFERENCE_IN_INTRINSIC_FUNCTION: `States.Format($AnswerTemplate, …)`); it must be
 * a string.
 */
function formatWithRuntimeTemplate(args: readonly Json[]): Json {
  const template = args[0];
  if (typeof template !== 'string') throw invalidArguments(FORMAT);
  return applyTemplate(parseTemplate(template, false), args, 1);
}

/** A literal template is parsed once, when the definition is compiled. */
function specializeFormat(nodes: readonly IntrinsicNode[]): IntrinsicInvoke | undefined {
  const first = nodes[0];
  if (first === undefined || first.kind !== 'string') return undefined;
  const template = parseTemplate(first.raw, true);
  return (args) => applyTemplate(template, args, 1);
}

/**
 * Java `StringTokenizer` semantics: every character of `delimiters` separates, and empty
 * tokens never appear. Recorded case test_string_split: `", , ,"` on `","` → `[" ", " "]`,
 * `",,,,"` → `[]`, `"This.is+a,test=string"` on `".+,="` → five words. An empty delimiter
 * string yields the whole text as one token.
 */
function splitOnCharacters(text: string, delimiters: string): Json {
  const separators = new Set<number>();
  for (const c of delimiters) separators.add(c.codePointAt(0) as number);
  const tokens: Json[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.codePointAt(i) as number;
    const width = code > 0xffff ? 2 : 1;
    if (separators.has(code)) {
      if (i > start) tokens.push(text.slice(start, i));
      start = i + width;
    }
    i += width;
  }
  if (text.length > start) tokens.push(text.slice(start));
  return tokens;
}

/** A States.Format template split at its `{}` placeholders. */
export type FormatTemplate =
  | { readonly kind: 'template'; readonly parts: readonly string[] }
  | { readonly kind: 'malformed' };

/**
 * Splits a template at each `{}`. `parts` has one more entry than there are placeholders.
 *
 * With `escapes` (a literal written in the definition, escapes still in place), `\{` `\}`
 * `\\` `\'` stand for the character itself and never form a placeholder: AWS docs list
 * `{ } \ '` as reserved characters to escape, and CDK issue aws/aws-cdk#29267 relies on
 * `\{\}` printing braces. A template read from the input (no escapes) is taken as is.
 *
 * Any other brace (`{` not followed by `}`, a lone `}`) makes the template malformed. AWS
 * accepts such a definition and fails at run time (characterization suite on AWS:
 * `Format('Hello {', …)`, `Format('Hello {{}}', …)` and `Format('}')` fail with
 * States.Runtime), so malformed is reported by `applyTemplate`, not at compile time.
 */
export function parseTemplate(text: string, escapes: boolean): FormatTemplate {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (escapes && c === '\\' && i + 1 < text.length) {
      current += text[++i];
    } else if (c === '{') {
      if (text[i + 1] !== '}') return { kind: 'malformed' };
      parts.push(current);
      current = '';
      i++;
    } else if (c === '}') {
      return { kind: 'malformed' };
    } else {
      current += c;
    }
  }
  parts.push(current);
  return { kind: 'template', parts };
}

/**
 * Fills the placeholders with the values' Java text. The number of values must equal the
 * number of `{}` (AWS docs; the characterization suite saw both mismatches fail).
 */
export function applyTemplate(template: FormatTemplate, values: readonly Json[], first: number): string {
  if (template.kind === 'malformed') throw invalidArguments(FORMAT);
  const parts = template.parts;
  if (parts.length - 1 !== values.length - first) throw invalidArguments(FORMAT);
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i++) out += renderJavaText(values[first + i - 1] as Json) + (parts[i] as string);
  return out;
}

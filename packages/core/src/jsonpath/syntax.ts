/**
 * JSONPath syntax: the parser for paths and for filter expressions.
 *
 * The grammar follows Jayway JsonPath (the Java library AWS Step Functions uses): the token
 * readers below mirror Jayway's `PathCompiler` and `FilterCompiler`, so the same texts are
 * accepted and cut into the same tokens. Where Jayway accepts nonsense (junk between quoted
 * names, `[?]` placeholders, paths that stop at a space inside brackets) this parser is
 * stricter or saner; it never accepts less than what Jayway evaluates meaningfully.
 *
 * Property names in brackets are taken verbatim: a backslash only keeps the next character
 * from closing the name (`['it\'s']` names `it\'s`). That is what AWS does: the recorded case
 * `$['Test\""Name"']` reads the key `Test\""Name"` (conformance case
 * scenarios…test_escape_sequence_parsing_ESCAPE_SEQUENCES_JSONPATH).
 */
import type { Json, JsonObject } from '../json.js';
import { defineKey } from '../json.js';

export class PathSyntaxError extends Error {
  readonly code = 'InvalidJsonPath';
  /** The path text as written. */
  readonly source: string;
  /** Zero-based offset in `source` where the problem was found, when known. */
  readonly position: number | undefined;
  constructor(source: string, detail: string, position?: number) {
    super(
      position === undefined
        ? `Invalid JSONPath '${source}': ${detail}`
        : `Invalid JSONPath '${source}': ${detail} (at position ${position})`,
    );
    this.name = 'PathSyntaxError';
    this.source = source;
    this.position = position;
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens

export type Step =
  | PropertyStep
  | IndexStep
  | SliceStep
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'scan' }
  | { readonly kind: 'filter'; readonly expr: FilterExpr }
  | { readonly kind: 'function'; readonly name: string };

/** `.name`, `['name']`, `['a','b']` (the quote is kept: Jayway prints it back). */
export interface PropertyStep {
  readonly kind: 'property';
  readonly names: readonly string[];
  readonly quote: "'" | '"';
}
/** `[n]`, `[n,m,…]` (indexes as written: negative ones count from the end). */
export interface IndexStep {
  readonly kind: 'index';
  readonly indexes: readonly number[];
}
/** `[a:b]`, `[a:]`, `[:b]` */
export interface SliceStep {
  readonly kind: 'slice';
  readonly from: number | undefined;
  readonly to: number | undefined;
}

// ---------------------------------------------------------------------------------------------
// Filter expressions

export type RelOp =
  | '=='
  | '!='
  | '==='
  | '!=='
  | '<'
  | '<='
  | '>'
  | '>='
  | '=~'
  | 'in'
  | 'nin'
  | 'contains'
  | 'all'
  | 'size'
  | 'empty'
  | 'subsetof'
  | 'anyof'
  | 'noneof';

export type FilterExpr =
  | { readonly t: 'or'; readonly items: readonly FilterExpr[] }
  | { readonly t: 'and'; readonly items: readonly FilterExpr[] }
  | { readonly t: 'not'; readonly expr: FilterExpr }
  | { readonly t: 'exists'; readonly path: PathOperand; readonly negate: boolean }
  | { readonly t: 'rel'; readonly op: RelOp; readonly left: Operand; readonly right: Operand };

export interface PathOperand {
  readonly t: 'path';
  /** `@` (the item under test) or `$` (the document the whole path is evaluated against). */
  readonly root: '@' | '$';
  readonly steps: readonly Step[];
}
export type Operand =
  | PathOperand
  /** `numText`: the literal's text for number literals (Jayway compares strings to its BigDecimal text). */
  | { readonly t: 'literal'; readonly value: Json; readonly numText?: string }
  | { readonly t: 'regex'; readonly re: RegExp };

const WORD_OPERATORS: Readonly<Record<string, RelOp>> = {
  in: 'in',
  nin: 'nin',
  contains: 'contains',
  all: 'all',
  size: 'size',
  empty: 'empty',
  subsetof: 'subsetof',
  anyof: 'anyof',
  noneof: 'noneof',
};
const SYMBOL_OPERATORS: Readonly<Record<string, RelOp>> = {
  '==': '==',
  '!=': '!=',
  '===': '===',
  '!==': '!==',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '=~': '=~',
};

// ---------------------------------------------------------------------------------------------
// Character helpers

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}
function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
function isRelChar(c: string | undefined): boolean {
  return c === '<' || c === '>' || c === '=' || c === '~' || c === '!';
}

const INT_RE = /^-?\d+$/;
function parseInt32(text: string): number | undefined {
  if (!INT_RE.test(text)) return undefined;
  const n = Number(text);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

/**
 * Parses one path body: text starting with `$` or `@`, made of the root and its steps.
 * `base` is the offset of `text` inside `source` (for error positions).
 */
export function parseSteps(source: string, text: string, base: number): Step[] {
  return new Parser(source, text, base).parsePath();
}

class Parser {
  private pos = 0;
  constructor(
    private readonly source: string,
    private readonly text: string,
    private readonly base: number,
  ) {}

  private fail(detail: string, at?: number): never {
    throw new PathSyntaxError(this.source, detail, at === undefined ? undefined : at + this.base);
  }

  private nextSignificant(from: number): number {
    const t = this.text;
    let i = from;
    while (i < t.length && isBlank(t[i])) i++;
    return i;
  }

  /** Index of the next `c` at or after `from + 1` not escaped by a backslash, or -1. */
  private nextUnescaped(from: number, c: string): number {
    const t = this.text;
    let escaped = false;
    for (let i = from + 1; i < t.length; i++) {
      const ch = t[i];
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === c) return i;
    }
    return -1;
  }

  /** Jayway's `indexOfClosingBracket(open, skipStrings=true, skipRegex=true)`. */
  private closingParenthesis(from: number): number {
    const t = this.text;
    let opened = 1;
    let i = from + 1;
    while (i < t.length) {
      let ch = t[i];
      if (ch === "'" || ch === '"') {
        const end = this.nextUnescaped(i, ch);
        if (end < 0) this.fail(`a string in the filter is not closed (missing ${ch})`, i);
        i = end + 1;
        ch = t[i];
      }
      if (ch === '/') {
        const end = this.nextUnescaped(i, '/');
        if (end < 0) this.fail('a regular expression in the filter is not closed (missing /)', i);
        i = end + 1;
        ch = t[i];
      }
      if (ch === '(') opened++;
      else if (ch === ')') {
        opened--;
        if (opened === 0) return i;
      }
      i++;
    }
    return -1;
  }

  // -------------------------------------------------------------------------------------------
  // Paths

  parsePath(): Step[] {
    const t = this.text;
    const steps: Step[] = [];
    if (t.length === 1) return steps;
    if (t[1] !== '.' && t[1] !== '[') this.fail(`expected '.' or '[' after '${t[0]}'`, 1);
    if (t[t.length - 1] === '.') this.fail("a path must not end with '.' or '..'", t.length - 1);
    this.pos = 1;
    while (this.pos < t.length) this.readToken(steps);
    return steps;
  }

  private readToken(steps: Step[]): void {
    const t = this.text;
    const start = this.pos;
    const c = t[start];
    if (c === '[') {
      if (this.readBracketProperty(steps) || this.readArray(steps) || this.readBracketWildcard(steps) || this.readFilter(steps)) {
        return;
      }
      this.fail("could not parse the token starting with '['; expected a quoted name, an index, a slice, '*' or '?(…)'", start);
    }
    if (c === '.') {
      if (t[start + 1] === '.') {
        steps.push(SCAN);
        this.pos = start + 2;
      } else {
        this.pos = start + 1;
      }
      if (this.pos >= t.length) this.fail("a path must not end with '.' or '..'", start);
      if (t[this.pos] === '.') this.fail("unexpected '.'", this.pos);
      this.readToken(steps);
      return;
    }
    if (c === '*') {
      steps.push(WILDCARD);
      this.pos = start + 1;
      return;
    }
    this.readPropertyOrFunction(steps);
  }

  private readPropertyOrFunction(steps: Step[]): void {
    const t = this.text;
    const start = this.pos;
    let i = start;
    for (; i < t.length; i++) {
      const ch = t[i];
      if (ch === '.' || ch === '[' || ch === '(') break;
      if (isBlank(ch)) this.fail(`use bracket notation ['my name'] for names that contain blank characters`, i);
    }
    if (i === start) this.fail('expected a property name', start);
    const name = t.slice(start, i);
    if (t[i] === '(') {
      let depth = 0;
      let end = -1;
      for (let j = i; j < t.length; j++) {
        if (t[j] === '(') depth++;
        else if (t[j] === ')' && --depth === 0) {
          end = j;
          break;
        }
      }
      if (end < 0) this.fail(`the arguments of function '${name}' are not closed`, i);
      steps.push({ kind: 'function', name });
      this.pos = end + 1;
      return;
    }
    steps.push({ kind: 'property', names: [name], quote: "'" });
    this.pos = i;
  }

  /** `['name']`, `["name"]`, `['a','b']`. */
  private readBracketProperty(steps: Step[]): boolean {
    const t = this.text;
    const open = this.pos;
    const q = this.nextSignificant(open + 1);
    const quote = t[q];
    if (quote !== "'" && quote !== '"') return false;
    const names: string[] = [];
    let inName = false;
    let escaped = false;
    let lastWasComma = false;
    let nameStart = 0;
    let i = open + 1;
    for (; i < t.length; i++) {
      const ch = t[i];
      if (escaped) {
        escaped = false;
      } else if (ch === '\\') {
        escaped = true;
      } else if (inName) {
        if (ch === quote) {
          const next = t[this.nextSignificant(i + 1)];
          if (next !== ']' && next !== ',') this.fail("expected ',' or ']' after a quoted name", i + 1);
          names.push(t.slice(nameStart, i));
          inName = false;
        }
      } else if (ch === quote) {
        nameStart = i + 1;
        inName = true;
        lastWasComma = false;
      } else if (ch === ']') {
        if (lastWasComma) this.fail('empty name in brackets', i);
        break;
      } else if (ch === ',') {
        if (lastWasComma) this.fail('empty name in brackets', i);
        lastWasComma = true;
      } else if (!isBlank(ch)) {
        this.fail(`unexpected character '${ch}' in brackets`, i);
      }
    }
    if (inName) this.fail(`a quoted name is not closed (missing ${quote})`, nameStart - 1);
    if (i >= t.length) this.fail("brackets are not closed (missing ']')", open);
    steps.push({ kind: 'property', names, quote });
    this.pos = i + 1;
    return true;
  }

  /** `[1]`, `[1,2]`, `[-1]`, `[1:]`, `[:2]`, `[1:2]`. */
  private readArray(steps: Step[]): boolean {
    const t = this.text;
    const open = this.pos;
    const first = t[this.nextSignificant(open + 1)];
    if (!isDigit(first) && first !== '-' && first !== ':') return false;
    const close = t.indexOf(']', open + 1);
    if (close < 0) return false;
    const expression = t.slice(open + 1, close).trim();
    for (const ch of expression) {
      if (!isDigit(ch) && ch !== ',' && ch !== '-' && ch !== ':' && ch !== ' ') return false;
    }
    if (expression.includes(':')) {
      if (/[^0-9:-]/.test(expression)) this.fail(`invalid slice [${expression}]`, open);
      // Java's String.split drops trailing empty parts: '1:' -> ['1'], ':2' -> ['', '2'].
      const parts = expression.split(':');
      while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
      const read = (k: number): number | undefined => {
        const part = parts[k];
        if (part === undefined || part === '') return undefined;
        const n = parseInt32(part);
        if (n === undefined) this.fail(`invalid slice [${expression}]`, open);
        return n;
      };
      const from = read(0);
      const to = read(1);
      if (from === undefined && to === undefined) this.fail(`invalid slice [${expression}]`, open);
      steps.push({ kind: 'slice', from, to });
    } else {
      const indexes: number[] = [];
      for (const part of expression.split(/\s*,\s*/)) {
        const n = parseInt32(part);
        if (n === undefined) this.fail(`invalid array index '${part}' in [${expression}]`, open);
        indexes.push(n);
      }
      steps.push({ kind: 'index', indexes });
    }
    this.pos = close + 1;
    return true;
  }

  /** `[*]` */
  private readBracketWildcard(steps: Step[]): boolean {
    const t = this.text;
    const star = this.nextSignificant(this.pos + 1);
    if (t[star] !== '*') return false;
    const close = this.nextSignificant(star + 1);
    if (t[close] !== ']') this.fail("expected ']' after '*'", star + 1);
    steps.push(WILDCARD);
    this.pos = close + 1;
    return true;
  }

  /** `[?(<expression>)]` */
  private readFilter(steps: Step[]): boolean {
    const t = this.text;
    const question = this.nextSignificant(this.pos + 1);
    if (t[question] !== '?') return false;
    const open = this.nextSignificant(question + 1);
    if (t[open] !== '(') this.fail("expected '(' after '[?' (filters are written [?(<expression>)])", open);
    const close = this.closingParenthesis(open);
    if (close < 0) this.fail("the filter's parentheses are not closed", open);
    const end = this.nextSignificant(close + 1);
    if (t[end] !== ']') this.fail("expected ']' after the filter's closing ')'", end);
    const expr = new FilterParser(this.source, t.slice(open, close + 1), this.base + open).parse();
    steps.push({ kind: 'filter', expr });
    this.pos = end + 1;
    return true;
  }
}

const SCAN: Step = { kind: 'scan' };
const WILDCARD: Step = { kind: 'wildcard' };

// ---------------------------------------------------------------------------------------------
// Filters (Jayway's FilterCompiler): or := and ('||' and)*, and := operand ('&&' operand)*,
// operand := '!' operand | '(' or ')' | value [operator value]

class FilterParser {
  private pos = 0;
  constructor(
    private readonly source: string,
    private readonly text: string,
    private readonly base: number,
  ) {}

  private fail(detail: string, at: number = this.pos): never {
    throw new PathSyntaxError(this.source, `in filter: ${detail}`, at + this.base);
  }

  private skipBlanks(): void {
    while (this.pos < this.text.length && isBlank(this.text[this.pos])) this.pos++;
  }

  private nextUnescaped(from: number, c: string): number {
    const t = this.text;
    let escaped = false;
    for (let i = from + 1; i < t.length; i++) {
      const ch = t[i];
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === c) return i;
    }
    return -1;
  }

  private matchingClose(from: number, open: string, close: string): number {
    const t = this.text;
    let depth = 0;
    for (let i = from; i < t.length; i++) {
      const ch = t[i];
      if (ch === "'" || ch === '"') {
        const end = this.nextUnescaped(i, ch);
        if (end < 0) return -1;
        i = end;
      } else if (ch === open) depth++;
      else if (ch === close) {
        depth--;
        if (depth === 0) return i;
      }
    }
    return -1;
  }

  parse(): FilterExpr {
    const expr = this.readOr();
    this.skipBlanks();
    if (this.pos < this.text.length) this.fail(`unexpected '${this.text.slice(this.pos)}'`);
    return expr;
  }

  private readOr(): FilterExpr {
    const items = [this.readAnd()];
    for (;;) {
      const save = this.pos;
      this.skipBlanks();
      if (this.text.startsWith('||', this.pos)) {
        this.pos += 2;
        items.push(this.readAnd());
      } else {
        this.pos = save;
        break;
      }
    }
    return items.length === 1 ? (items[0] as FilterExpr) : { t: 'or', items };
  }

  private readAnd(): FilterExpr {
    const items = [this.readOperand()];
    for (;;) {
      const save = this.pos;
      this.skipBlanks();
      if (this.text.startsWith('&&', this.pos)) {
        this.pos += 2;
        items.push(this.readOperand());
      } else {
        this.pos = save;
        break;
      }
    }
    return items.length === 1 ? (items[0] as FilterExpr) : { t: 'and', items };
  }

  private readOperand(): FilterExpr {
    this.skipBlanks();
    const t = this.text;
    if (t[this.pos] === '!') {
      const save = this.pos;
      this.pos++;
      this.skipBlanks();
      const next = t[this.pos];
      if (next !== '$' && next !== '@') return { t: 'not', expr: this.readOperand() };
      this.pos = save; // `!@.a`: a negated existence test, read as a value
    }
    if (t[this.pos] === '(') {
      this.pos++;
      const expr = this.readOr();
      this.skipBlanks();
      if (t[this.pos] !== ')') this.fail("expected ')'");
      this.pos++;
      return expr;
    }
    return this.readExpression();
  }

  private readExpression(): FilterExpr {
    const start = this.pos;
    const left = this.readValue();
    const save = this.pos;
    const op = this.readOperator();
    if (op === undefined) {
      this.pos = save;
      if (left.operand.t !== 'path') this.fail('expected a comparison operator after a literal', save);
      return { t: 'exists', path: left.operand, negate: left.negated };
    }
    this.skipBlanks();
    if (this.pos >= this.text.length || this.text[this.pos] === ')') this.fail(`expected a value after '${op}'`);
    const right = this.readValue();
    if (left.operand.t === 'regex' && right.operand.t === 'regex') this.fail('both sides of the comparison are regular expressions', start);
    return { t: 'rel', op, left: left.operand, right: right.operand };
  }

  private readOperator(): RelOp | undefined {
    this.skipBlanks();
    const t = this.text;
    const begin = this.pos;
    let end = begin;
    if (isRelChar(t[begin])) {
      while (end < t.length && isRelChar(t[end])) end++;
      const op = SYMBOL_OPERATORS[t.slice(begin, end)];
      if (op === undefined) this.fail(`unsupported operator '${t.slice(begin, end)}'`, begin);
      this.pos = end;
      return op;
    }
    while (end < t.length && /[A-Za-z]/.test(t[end] as string)) end++;
    if (end === begin || !isBlank(t[end])) return undefined;
    const word = t.slice(begin, end).toLowerCase();
    const op = Object.prototype.hasOwnProperty.call(WORD_OPERATORS, word) ? WORD_OPERATORS[word] : undefined;
    if (op === undefined) return undefined;
    this.pos = end;
    return op;
  }

  private readValue(): { operand: Operand; negated: boolean } {
    this.skipBlanks();
    const t = this.text;
    const c = t[this.pos];
    if (c === '!') {
      this.pos++;
      this.skipBlanks();
      const next = t[this.pos];
      if (next !== '$' && next !== '@') this.fail("unexpected '!'", this.pos - 1);
      return { operand: this.readPath(), negated: true };
    }
    if (c === '$' || c === '@') return { operand: this.readPath(), negated: false };
    return { operand: this.readLiteral(), negated: false };
  }

  private readPath(): PathOperand {
    const t = this.text;
    const begin = this.pos;
    let i = begin + 1;
    while (i < t.length) {
      const ch = t[i];
      if (ch === '[' || ch === '(') {
        const close = this.matchingClose(i, ch, ch === '[' ? ']' : ')');
        if (close < 0) this.fail(ch === '[' ? 'brackets are not closed' : 'parentheses are not closed', i);
        i = close + 1;
        continue;
      }
      if (isBlank(ch) || isRelChar(ch) || ch === ')' || ch === '&' || ch === '|') break;
      i++;
    }
    this.pos = i;
    const text = t.slice(begin, i);
    const root = text[0] as '$' | '@';
    return { t: 'path', root, steps: parseSteps(this.source, text, this.base + begin) };
  }

  private readLiteral(): Operand {
    const t = this.text;
    const start = this.pos;
    const c = t[start];
    if (c === "'" || c === '"') {
      const end = this.nextUnescaped(start, c);
      if (end < 0) this.fail(`a string is not closed (missing ${c})`);
      this.pos = end + 1;
      return { t: 'literal', value: unescapeJava(t.slice(start + 1, end)) };
    }
    if (c === '/') {
      const end = this.nextUnescaped(start, '/');
      if (end < 0) this.fail('a regular expression is not closed (missing /)');
      let flagsEnd = end + 1;
      while (flagsEnd < t.length && 'dixmsuU'.includes(t[flagsEnd] as string)) flagsEnd++;
      this.pos = flagsEnd;
      return { t: 'regex', re: compileRegex(t.slice(start + 1, end), t.slice(end + 1, flagsEnd), (d) => this.fail(d, start)) };
    }
    if (c === '[' || c === '{') {
      const end = this.matchingClose(start, c, c === '[' ? ']' : '}');
      if (end < 0) this.fail(`a JSON literal is not closed (missing ${c === '[' ? ']' : '}'})`);
      const value = parseLenientJson(t.slice(start, end + 1), (d, at) => this.fail(d, start + at));
      this.pos = end + 1;
      return { t: 'literal', value };
    }
    for (const [word, value] of KEYWORDS) {
      if (t.startsWith(word, start)) {
        this.pos = start + word.length;
        return { t: 'literal', value };
      }
    }
    let end = start;
    while (end < t.length && /[0-9.eE+-]/.test(t[end] as string)) end++;
    const text = t.slice(start, end);
    if (!DECIMAL_RE.test(text)) this.fail(text === '' ? 'expected a value' : `invalid number '${text}'`);
    this.pos = end;
    return { t: 'literal', value: Number(text), numText: text };
  }
}

const KEYWORDS: ReadonlyArray<readonly [string, Json]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/** What Java's `new BigDecimal(text)` accepts. */
export const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Jayway's `Utils.unescape` (Java escapes, `\uXXXX`; an unknown escape keeps the character). */
export function unescapeJava(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch !== '\\' || i === raw.length - 1) {
      out += ch;
      continue;
    }
    const next = raw[++i] as string;
    switch (next) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        const hex = raw.slice(i + 1, i + 5);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
        } else {
          out += 'u';
        }
        break;
      }
      default:
        out += next;
    }
  }
  return out;
}

/**
 * A Java-style `/pattern/flags` regular expression as a JS RegExp that matches the WHOLE input
 * (Java's `Matcher.matches()`): sticky, anchored at the end with a look-ahead. Built once, at
 * compile time. Flags: i, m, s map directly; d, u, U, x have no JS equivalent and are ignored
 * (x: whitespace and comments in the pattern would be literal — rejected to avoid surprises).
 */
function compileRegex(pattern: string, flags: string, fail: (detail: string) => never): RegExp {
  let js = 'y';
  if (flags.includes('i')) js += 'i';
  if (flags.includes('m')) js += 'm';
  if (flags.includes('s')) js += 's';
  if (flags.includes('x')) fail("the regular expression flag 'x' (comments) is not supported");
  try {
    return new RegExp(`(?:${pattern})(?![\\s\\S])`, js);
  } catch (e) {
    const reason = (e as Error).message.split(': ').pop() ?? '';
    return fail(`invalid regular expression /${pattern}/${flags}${reason === '' ? '' : ` (${reason})`}`);
  }
}

/**
 * JSON literals in filters (`in ['a','b']`, `== {"a":1}`) as json-smart reads them: JSON, plus
 * single-quoted strings.
 */
function parseLenientJson(text: string, fail: (detail: string, at: number) => never): Json {
  let i = 0;
  const blanks = (): void => {
    while (i < text.length && isBlank(text[i])) i++;
  };
  const value = (): Json => {
    blanks();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: JsonObject = {};
      blanks();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        blanks();
        const q = text[i];
        if (q !== '"' && q !== "'") fail('expected a quoted key in a JSON literal', i);
        const key = str(q);
        blanks();
        if (text[i] !== ':') fail("expected ':' in a JSON literal", i);
        i++;
        defineKey(obj, key, value());
        blanks();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail("expected ',' or '}' in a JSON literal", i);
      }
    }
    if (c === '[') {
      i++;
      const arr: Json[] = [];
      blanks();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        blanks();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail("expected ',' or ']' in a JSON literal", i);
      }
    }
    if (c === '"' || c === "'") return str(c);
    for (const [word, v] of KEYWORDS) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (m === null) fail('invalid JSON literal', i);
    i += m[0].length;
    return Number(m[0]);
  };
  const str = (q: string): string => {
    let escaped = false;
    for (let j = i + 1; j < text.length; j++) {
      const ch = text[j];
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === q) {
        const s = unescapeJava(text.slice(i + 1, j));
        i = j + 1;
        return s;
      }
    }
    return fail('a string in a JSON literal is not closed', i);
  };
  const result = value();
  blanks();
  if (i !== text.length) fail('unexpected text after a JSON literal', i);
  return result;
}

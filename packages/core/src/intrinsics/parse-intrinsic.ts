import { compilePath } from '../jsonpath/index.js';
import type { CallNode, IntrinsicNode, PathNode, StringNode } from './intrinsic-ast.js';

/**
 * An intrinsic call that AWS would refuse when the state machine is created (bad grammar,
 * illegal escape, unknown function, nesting deeper than 10, invalid path argument). The
 * definition validator turns it into AWS's "must be a valid JSONPath or a valid intrinsic
 * function call" diagnostic; `message` says precisely what is wrong for humans.
 */
export class IntrinsicSyntaxError extends Error {
  readonly code = 'InvalidIntrinsic';
  constructor(message: string) {
    super(message);
    this.name = 'IntrinsicSyntaxError';
  }
}

/**
 * AWS documents that up to 10 intrinsic functions can be nested within a field; a call inside
 * a call counts one level per call, the outermost being level 1. An AWS characterization suite
 * saw `States.Array(` nested 11 deep refused.
 */
export const MAX_NESTING = 10;

const NAME = /States\.([A-Za-z][A-Za-z0-9]*)/y;
// JSON number grammar: AWS rejects `1.` and `.5` (definition refused), so does this.
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const KEYWORD = /(?:true|false|null)/y;

/**
 * Only these escapes exist inside a single-quoted intrinsic string. AWS refuses the
 * definition for any other one: the recorded case ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION_2
 * (`\"` inside the string) fails CreateStateMachine, and an AWS characterization suite reports
 * the same for `\n` written as backslash + n.
 */
const ESCAPABLE = new Set(["'", '{', '}', '\\']);

/** Parses `States.Name(arg, …)` into nodes, compiling path arguments once. */
export function parseIntrinsic(source: string): CallNode {
  const parser = new Parser(source);
  const call = parser.parseCall(1);
  parser.skipSpaces();
  if (!parser.atEnd()) parser.fail('unexpected text after the closing parenthesis');
  return call;
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(reason: string): never {
    throw new IntrinsicSyntaxError(
      `Invalid intrinsic function call '${this.text}': ${reason} (at position ${this.pos})`,
    );
  }

  skipSpaces(): void {
    while (this.pos < this.text.length && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  parseCall(depth: number): CallNode {
    if (depth > MAX_NESTING) this.fail(`intrinsic functions cannot be nested more than ${MAX_NESTING} levels`);
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.text);
    if (match === null) this.fail("expected a function name such as 'States.Format'");
    this.pos = NAME.lastIndex;
    const name = match[0];
    this.skipSpaces();
    if (this.text[this.pos] !== '(') this.fail(`expected '(' after '${name}'`);
    this.pos++;
    const args: IntrinsicNode[] = [];
    this.skipSpaces();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { kind: 'call', name, args };
    }
    for (;;) {
      this.skipSpaces();
      args.push(this.parseArgument(depth));
      this.skipSpaces();
      const next = this.text[this.pos];
      this.pos++;
      if (next === ')') return { kind: 'call', name, args };
      if (next !== ',') {
        this.pos--;
        this.fail(next === undefined ? "missing ')'" : "expected ',' or ')' after an argument");
      }
    }
  }

  private parseArgument(depth: number): IntrinsicNode {
    const c = this.text[this.pos];
    if (c === "'") return this.parseString();
    if (c === '$') return this.parsePath();
    if (c === 'S' && this.text.startsWith('States.', this.pos)) return this.parseCall(depth + 1);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const text = this.matchToken(NUMBER, 'a number');
      return { kind: 'number', value: Number(text) };
    }
    if (c === 't' || c === 'f' || c === 'n') {
      const text = this.matchToken(KEYWORD, 'true, false or null');
      return { kind: 'literal', value: text === 'null' ? null : text === 'true' };
    }
    if (c === ',' || c === ')') this.fail('empty argument');
    if (c === undefined) this.fail("missing ')'");
    return this.fail(`unexpected character '${c}' where an argument should start`);
  }

  /** A literal token must end where the argument ends, so `1.` or `nullx` are refused. */
  private matchToken(pattern: RegExp, what: string): string {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    const end = match === null ? this.pos : pattern.lastIndex;
    const after = this.text[end];
    if (match === null || (after !== undefined && after !== ',' && after !== ')' && !isSpace(after.charCodeAt(0)))) {
      this.fail(`invalid argument, expected ${what}`);
    }
    this.pos = end;
    return match[0];
  }

  private parseString(): StringNode {
    const start = ++this.pos;
    let value = '';
    let chunk = start;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === "'") {
        value += this.text.slice(chunk, this.pos);
        const raw = this.text.slice(start, this.pos);
        this.pos++;
        return { kind: 'string', value, raw };
      }
      if (c === '\\') {
        const escaped = this.text[this.pos + 1];
        if (escaped === undefined || !ESCAPABLE.has(escaped)) {
          const sequence = `\\${escaped ?? ''}`;
          this.fail(`illegal escape sequence '${sequence}' in a string literal (only \\' \\{ \\} \\\\ are allowed)`);
        }
        value += this.text.slice(chunk, this.pos) + escaped;
        this.pos += 2;
        chunk = this.pos;
        continue;
      }
      this.pos++;
    }
    return this.fail('unterminated string literal');
  }

  /**
   * A path runs to the `,` or `)` that closes the argument; brackets, filter parentheses
   * and quoted member names inside it may contain either character.
   */
  private parsePath(): PathNode {
    const start = this.pos;
    let depth = 0;
    let quote = '';
    for (; this.pos < this.text.length; this.pos++) {
      const c = this.text[this.pos];
      if (quote !== '') {
        if (c === '\\') this.pos++;
        else if (c === quote) quote = '';
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === '[' || c === '(') {
        depth++;
      } else if (c === ']' || (c === ')' && depth > 0)) {
        depth--;
      } else if (depth === 0 && (c === ',' || c === ')')) {
        break;
      }
    }
    const source = this.text.slice(start, this.pos).trimEnd();
    try {
      return { kind: 'path', source, path: compilePath(source) };
    } catch (error) {
      this.pos = start;
      return this.fail(`invalid path '${source}': ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

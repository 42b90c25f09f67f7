/**
 * `StringMatches` patterns. The States language defines one wildcard, `*`, matching any run
 * of characters (including none); `\*` stands for a literal star and `\\` for a literal
 * backslash (written `\\*` and `\\\\` inside JSON text). AWS documents no other escape; a
 * backslash before any other character is read as escaping that character, and a trailing
 * lone backslash as itself.
 *
 * A pattern is split at compile time into the literal runs between stars. Matching is then
 * prefix + suffix + leftmost search for each middle run, which is linear-ish and can never
 * backtrack catastrophically the way a `.*`-heavy regular expression can.
 */

export type StringMatcher = (text: string) => boolean;

/** The literal runs of a pattern, split at its unescaped stars (n stars → n + 1 runs). */
export function splitPattern(pattern: string): string[] {
  const runs: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '\\' && i + 1 < pattern.length) {
      current += pattern[++i] as string;
    } else if (char === '*') {
      runs.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  runs.push(current);
  return runs;
}

export function compileStringMatches(pattern: string): StringMatcher {
  const runs = splitPattern(pattern);
  const first = runs[0] as string;
  if (runs.length === 1) return (text) => text === first;

  const last = runs[runs.length - 1] as string;
  const middle = runs.slice(1, -1).filter((run) => run.length > 0);
  const fixedLength = first.length + last.length;
  if (middle.length === 0) {
    if (fixedLength === 0) return () => true;
    return (text) => text.length >= fixedLength && text.startsWith(first) && text.endsWith(last);
  }

  const minimumLength = middle.reduce((sum, run) => sum + run.length, fixedLength);
  return (text) => {
    if (text.length < minimumLength || !text.startsWith(first) || !text.endsWith(last)) return false;
    // Leftmost placement of each middle run is optimal: it leaves the most room for the rest.
    const end = text.length - last.length;
    let position = first.length;
    for (const run of middle) {
      const found = text.indexOf(run, position);
      if (found < 0 || found + run.length > end) return false;
      position = found + run.length;
    }
    return true;
  };
}

import { isMap, javaString } from './java-values.js';

/**
 * The Java methods templates call on their values: `String` (`length()`, `replaceAll(regex, r)`,
 * `contains`…), `Map` (`keySet()`, `get`, `containsKey`…) and `List` (`size()`, `get(i)`…).
 * velocityjs would otherwise call the JavaScript method of the same name, whose meaning differs
 * (`"a'b".replaceAll("\\'", "'")` takes a literal in JavaScript, a regular expression in Java —
 * the unescape SAM writes into its Step Functions request template depends on the latter).
 */
type Method = (self: never, ...args: unknown[]) => unknown;

const STRING_METHODS: Readonly<Record<string, (self: string, ...args: unknown[]) => unknown>> = {
  length: (self) => self.length,
  isEmpty: (self) => self.length === 0,
  equals: (self, other) => self === other,
  equalsIgnoreCase: (self, other) => typeof other === 'string' && self.toLowerCase() === other.toLowerCase(),
  contains: (self, part) => self.includes(javaString(part)),
  startsWith: (self, prefix) => self.startsWith(javaString(prefix)),
  endsWith: (self, suffix) => self.endsWith(javaString(suffix)),
  indexOf: (self, part) => self.indexOf(javaString(part)),
  lastIndexOf: (self, part) => self.lastIndexOf(javaString(part)),
  substring: (self, begin, end) => (end === undefined ? self.slice(Number(begin)) : self.slice(Number(begin), Number(end))),
  charAt: (self, index) => self.charAt(Number(index)),
  toUpperCase: (self) => self.toUpperCase(),
  toLowerCase: (self) => self.toLowerCase(),
  // Java trims every character up to U+0020, JavaScript also Unicode spaces.
  trim: (self) => javaTrim(self),
  concat: (self, other) => self + javaString(other),
  // String.replace(CharSequence, CharSequence) replaces every occurrence, literally.
  replace: (self, target, replacement) => self.split(javaString(target)).join(javaString(replacement)),
  replaceAll: (self, regex, replacement) => self.replace(javaRegex(regex, 'g'), javaReplacement(replacement)),
  replaceFirst: (self, regex, replacement) => self.replace(javaRegex(regex, ''), javaReplacement(replacement)),
  matches: (self, regex) => new RegExp(`^(?:${javaString(regex)})$`).test(self),
  split: (self, regex) => javaSplit(self, javaString(regex)),
  toString: (self: string) => self,
};

const MAP_METHODS: Readonly<Record<string, (self: Record<string, unknown>, ...args: unknown[]) => unknown>> = {
  get: (self, key) => (Object.hasOwn(self, javaString(key)) ? self[javaString(key)] : null),
  containsKey: (self, key) => Object.hasOwn(self, javaString(key)),
  keySet: (self) => Object.keys(self),
  values: (self) => Object.values(self),
  entrySet: (self) => Object.entries(self).map(([key, value]) => ({ key, value })),
  size: (self) => Object.keys(self).length,
  isEmpty: (self) => Object.keys(self).length === 0,
  put: (self, key, value) => {
    const previous = self[javaString(key)] ?? null;
    self[javaString(key)] = value;
    return previous;
  },
  remove: (self, key) => {
    const previous = self[javaString(key)] ?? null;
    delete self[javaString(key)];
    return previous;
  },
  toString: (self: Record<string, unknown>) => javaString(self),
};

const LIST_METHODS: Readonly<Record<string, (self: unknown[], ...args: unknown[]) => unknown>> = {
  size: (self) => self.length,
  isEmpty: (self) => self.length === 0,
  get: (self, index) => self[Number(index)] ?? null,
  contains: (self, item) => self.includes(item),
  indexOf: (self, item) => self.indexOf(item),
  add: (self, item) => {
    self.push(item);
    return true;
  },
  toString: (self: unknown[]) => javaString(self),
};

function methodsOf(context: unknown): Readonly<Record<string, Method>> | undefined {
  if (typeof context === 'string') return STRING_METHODS as Readonly<Record<string, Method>>;
  if (Array.isArray(context)) return LIST_METHODS as Readonly<Record<string, Method>>;
  if (isMap(context)) return MAP_METHODS as Readonly<Record<string, Method>>;
  return undefined;
}

interface MethodCall {
  readonly property: string;
  readonly context: unknown;
  readonly params: unknown[];
}

/**
 * A velocityjs `customMethodHandlers` entry. It answers every method call on a string, map or
 * list: an unknown method yields undefined (Velocity leaves such a reference unrendered), and
 * velocityjs never gets to attach its `eval` helper to a payload object, which `keySet()`
 * would then list.
 */
export const javaMethodHandler = {
  uid: 'flowgate: java methods',
  match: ({ context }: MethodCall): boolean => methodsOf(context) !== undefined,
  resolve: ({ property, context, params }: MethodCall): unknown => {
    const methods = methodsOf(context);
    // Own keys only: `constructor` or `hasOwnProperty` are no Java methods.
    const method = methods !== undefined && Object.hasOwn(methods, property) ? methods[property] : undefined;
    return method === undefined ? undefined : (method as (self: unknown, ...args: unknown[]) => unknown)(context, ...params);
  },
};

/** A `java.util.regex` pattern as a JavaScript one; the common syntax is shared. */
function javaRegex(regex: unknown, flags: string): RegExp {
  return new RegExp(javaString(regex), flags);
}

/**
 * Java's replacement syntax: `$1` is a group, `\x` is `x` literally (so `\$` is a dollar sign);
 * JavaScript's `$$`, `$&` and `` $` `` mean nothing special there.
 */
function javaReplacement(replacement: unknown): (match: string, ...groups: unknown[]) => string {
  const text = javaString(replacement);
  return (match, ...rest) => {
    const groups = rest.slice(0, rest.findIndex((item) => typeof item === 'number'));
    let out = '';
    for (let index = 0; index < text.length; index++) {
      const char = text[index] as string;
      if (char === '\\' && index + 1 < text.length) {
        out += text[++index] as string;
      } else if (char === '$' && /[0-9]/.test(text[index + 1] ?? '')) {
        const group = Number(text[++index]);
        out += group === 0 ? match : javaString(groups[group - 1]);
      } else out += char;
    }
    return out;
  };
}

/** `String.split(regex)`: trailing empty strings are dropped, as Java does. */
function javaSplit(self: string, regex: string): string[] {
  const parts = self.split(new RegExp(regex));
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

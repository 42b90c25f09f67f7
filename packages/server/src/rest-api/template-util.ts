import { javaString, toTemplateValue } from './java-values.js';

/**
 * `$util` of REST API mapping templates ("Variables for data transformations for API Gateway",
 * api-gateway-mapping-template-reference): `escapeJavaScript`, `parseJson`, `urlEncode`,
 * `urlDecode`, `base64Encode`, `base64Decode`. A null argument gives null, as the Java
 * implementations these follow answer it.
 */
export class TemplateUtil {
  /**
   * Apache Commons Lang 2 `StringEscapeUtils.escapeJavaScript`, whose behaviour AWS documents:
   * `"` → `\"`, `\` → `\\`, `/` → `\/`, and "any regular single quotes (') into escaped ones
   * (\')" — which JSON does not allow, so an input with a `'` written into a JSON template
   * makes the service refuse the request (AWS's documented workaround is
   * `.replaceAll("\\'","'")`). Control characters become `\b \t \n \f \r` or `\u00XX`;
   * every character above U+007F becomes `\uXXXX` (upper-case hex).
   */
  escapeJavaScript(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    return escapeJavaScript(javaString(value));
  }

  /** "Takes 'stringified' JSON and returns an object representation of the result." */
  parseJson(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    return toTemplateValue(JSON.parse(javaString(value)));
  }

  /** `java.net.URLEncoder.encode(s, "UTF-8")`: form encoding, a space is `+`. */
  urlEncode(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    return encodeURIComponent(javaString(value))
      .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, '+');
  }

  /** `java.net.URLDecoder.decode(s, "UTF-8")`: `+` is a space. */
  urlDecode(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    return decodeURIComponent(javaString(value).replace(/\+/g, ' '));
  }

  base64Encode(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    return Buffer.from(javaString(value), 'utf8').toString('base64');
  }

  base64Decode(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    return Buffer.from(javaString(value), 'base64').toString('utf8');
  }
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
};

export function escapeJavaScript(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    const code = char.charCodeAt(0);
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    // UTF-16 code units, as Java's char: a character outside the BMP becomes two \u escapes.
    else if (code < 0x20 || code > 0x7f) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += char;
  }
  return out;
}

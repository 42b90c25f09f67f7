/**
 * The values a mapping template works with, as API Gateway's Velocity (a Java engine) holds
 * them: JSON objects behave as `java.util.Map`, arrays as `List`, strings as `String`. They
 * print the Java way when a template writes them out, which is what templates ported from AWS
 * rely on:
 * - a Map prints as `{key=value, other=1}` (`Map.toString`);
 * - a List read from JSON (`$input.path('$.items')`) prints as JSON, `[{"c":5}]`, also inside a
 *   Map (`{a=1, b=[{"c":5}]}`) — LocalStack's parity tests recorded both against AWS
 *   (`template_mapping.py`, `VTLJsonList`); a List a template builds prints as `[1, 2]`;
 * - null prints as nothing: `"$input.path('$.missing')"` renders `""` [assumption: AWS's own
 *   examples never show the literal `$reference` Velocity would write by default].
 */

// JSON arrays that came from a payload, as opposed to lists a template built.
const jsonLists = new WeakSet<readonly unknown[]>();

/** A JSON value as a template sees it: objects and arrays are copies it may change (`.put`, `.add`). */
export function toTemplateValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    const list = value.map(toTemplateValue);
    jsonLists.add(list);
    return list;
  }
  if (isMap(value)) {
    const map: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) map[key] = toTemplateValue(entry);
    return map;
  }
  return value;
}

/** A plain object: what a JSON object (or a `{}` map literal of a template) is here. */
export function isMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** How Velocity writes a value into the output: Java's `toString`, and nothing for null. */
export function javaString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return javaNumber(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    if (jsonLists.has(value)) return JSON.stringify(value);
    return `[${value.map(javaElement).join(', ')}]`;
  }
  if (isMap(value)) {
    return `{${Object.entries(value)
      .map(([key, entry]) => `${key}=${javaElement(entry)}`)
      .join(', ')}}`;
  }
  return String(value);
}

// Inside a collection Java prints null as `null`.
function javaElement(value: unknown): string {
  return value === null || value === undefined ? 'null' : javaString(value);
}

/** Integers print without a fraction; JavaScript and Java agree on the rest closely enough. */
function javaNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return String(value);
}

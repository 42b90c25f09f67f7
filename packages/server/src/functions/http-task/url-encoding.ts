/**
 * `application/x-www-form-urlencoded` encoding of an HTTP Task's `RequestBody` under
 * `Transform: { RequestBodyEncoding: URL_ENCODED }`, and of its query parameters.
 *
 * Array formats as AWS documents them for `{"array": ["a","b","c","d"]}` ("Call HTTPS APIs in
 * Step Functions workflows", Applying URL-encoding on request body):
 *   INDICES (default) `array[0]=a&array[1]=b…`   BRACKETS `array[]=a&array[]=b…`
 *   REPEAT `array=a&array=b…`                   COMMAS `array=a,b,c,d`
 * Nested objects become `key[member]=value`, and keys and values are percent-encoded with
 * spaces as `%20`, as in AWS's example request
 * (`metadata%5Border_details%5D=monthly%20report%20data`).
 */
import type { Json, JsonObject } from '@flowgate/core';

export type ArrayFormat = 'INDICES' | 'BRACKETS' | 'REPEAT' | 'COMMAS';

export const ARRAY_FORMATS: readonly ArrayFormat[] = ['INDICES', 'BRACKETS', 'REPEAT', 'COMMAS'];

/** A key and its value's parts: one part, or several for COMMAS (joined by literal commas). */
type FormPair = readonly [key: string, parts: readonly string[]];

function isScalar(value: Json): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

/** `null` is sent as an empty value, as form encoders commonly do; numbers as JSON writes them. */
export function scalarText(value: string | number | boolean | null): string {
  return value === null ? '' : String(value);
}

function collect(key: string, value: Json, format: ArrayFormat, out: FormPair[]): void {
  if (isScalar(value)) {
    out.push([key, [scalarText(value)]]);
    return;
  }
  if (!Array.isArray(value)) {
    for (const [member, inner] of Object.entries(value)) collect(`${key}[${member}]`, inner, format, out);
    return;
  }
  // COMMAS can only join scalars; an array holding objects or arrays falls back to the
  // default INDICES form, which keeps every value addressable [impl choice: AWS documents
  // only flat arrays].
  if (format === 'COMMAS' && value.every(isScalar)) {
    if (value.length > 0) out.push([key, value.map((item) => scalarText(item))]);
    return;
  }
  const itemFormat = format === 'COMMAS' ? 'INDICES' : format;
  value.forEach((item, index) => {
    const itemKey = itemFormat === 'INDICES' ? `${key}[${index}]` : itemFormat === 'BRACKETS' ? `${key}[]` : key;
    collect(itemKey, item, format, out);
  });
}

/**
 * The body as a form. Each part is percent-encoded on its own, so the commas joining COMMAS
 * items stay literal (`array=a,b`) while a comma inside a value is sent as `%2C`.
 */
export function encodeForm(body: JsonObject, format: ArrayFormat): string {
  const pairs: FormPair[] = [];
  for (const [key, value] of Object.entries(body)) collect(key, value, format, pairs);
  return pairs.map(([key, parts]) => `${encodeURIComponent(key)}=${parts.map(encodeURIComponent).join(',')}`).join('&');
}

import { describe, expect, it } from 'vitest';
import { encodeForm } from './url-encoding.js';

describe('encodeForm', () => {
  // Source: AWS, "Call HTTPS APIs in Step Functions workflows" (Applying URL-encoding on
  // request body), shown there with brackets unencoded for legibility.
  const array = { array: ['a', 'b', 'c', 'd'] };
  it.each([
    ['INDICES', 'array[0]=a&array[1]=b&array[2]=c&array[3]=d'],
    ['REPEAT', 'array=a&array=b&array=c&array=d'],
    ['COMMAS', 'array=a,b,c,d'],
    ['BRACKETS', 'array[]=a&array[]=b&array[]=c&array[]=d'],
  ] as const)('encodes arrays as AWS documents %s', (format, expected) => {
    expect(decodeURIComponent(encodeForm(array, format))).toBe(expected);
  });

  it("matches AWS's example request body", () => {
    // Same source, HTTP Task example: the wire form of the invoice request.
    const body = { description: 'Monthly subscription', metadata: { order_details: 'monthly report data' }, customer: '1234567890' };
    expect(encodeForm(body, 'INDICES')).toBe('description=Monthly%20subscription&metadata%5Border_details%5D=monthly%20report%20data&customer=1234567890');
  });

  it('encodes scalars, nulls, nesting and arrays of objects', () => {
    const body = { n: 1.5, t: true, z: null, list: [{ id: 1 }, { id: 2 }], deep: { a: { b: 'c' } }, none: [] };
    expect(decodeURIComponent(encodeForm(body, 'INDICES'))).toBe('n=1.5&t=true&z=&list[0][id]=1&list[1][id]=2&deep[a][b]=c');
    expect(decodeURIComponent(encodeForm(body, 'BRACKETS'))).toBe('n=1.5&t=true&z=&list[][id]=1&list[][id]=2&deep[a][b]=c');
    expect(decodeURIComponent(encodeForm(body, 'REPEAT'))).toBe('n=1.5&t=true&z=&list[id]=1&list[id]=2&deep[a][b]=c');
    // COMMAS cannot join objects, so such lists keep their indices.
    expect(decodeURIComponent(encodeForm(body, 'COMMAS'))).toBe('n=1.5&t=true&z=&list[0][id]=1&list[1][id]=2&deep[a][b]=c');
  });
});

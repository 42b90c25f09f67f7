import { describe, expect, it } from 'vitest';
import type { SelectionSource } from './selection-expression.js';
import { compileSelectionValue } from './selection-expression.js';

const body = { order: { id: 7, lines: [{ sku: 'a-1' }, { sku: 'b-2' }], note: 'rush' } };
const source: SelectionSource = {
  bodyText: JSON.stringify(body),
  bodyJson: () => body,
  path: '/orders/7',
  pathParameters: { id: '7' },
  query: { q: 'x,y' },
  headers: { 'x-tenant': 'acme' },
  context: { requestId: 'req-1', 'identity.sourceIp': '127.0.0.1' },
  stageVariables: { env: 'dev' },
};

const value = (text: string) => compileSelectionValue(text)(source);

describe('parameter mapping values', () => {
  it('reads each kind of selection', () => {
    expect(value('$request.body')).toBe(JSON.stringify(body));
    expect(value('$request.body.order')).toBe(JSON.stringify(body.order));
    expect(value('$request.body.order.lines[1].sku')).toBe('b-2');
    expect(value('$request.body.order.id')).toBe('7');
    expect(value('$request.path')).toBe('/orders/7');
    expect(value('$request.path.id')).toBe('7');
    expect(value('$request.querystring.q')).toBe('x,y');
    expect(value('$request.header.X-Tenant')).toBe('acme');
    expect(value('$context.requestId')).toBe('req-1');
    expect(value('$context.identity.sourceIp')).toBe('127.0.0.1');
    expect(value('$stageVariables.env')).toBe('dev');
  });

  it('answers nothing for a lone selection that finds nothing, and empty text inside a template', () => {
    expect(value('$request.body.order.missing')).toBeUndefined();
    expect(value('$request.body.order.note.deeper')).toBeUndefined();
    expect(value('$request.header.absent')).toBeUndefined();
    expect(value('[${request.header.absent}]')).toBe('[]');
  });

  it('treats other values as static text and fills ${…} selections inside text', () => {
    expect(value('Orders')).toBe('Orders');
    expect(value('$5 off')).toBe('$5 off');
    expect(value('{"id": "${request.path.id}", "tenant": "${request.header.x-tenant}"}')).toBe('{"id": "7", "tenant": "acme"}');
  });

  it('refuses what API Gateway does not read', () => {
    expect(() => compileSelectionValue('$request.body..sku')).toThrow(/recursive descent/);
    expect(() => compileSelectionValue('$request.body.lines[?(@.sku)]')).toThrow(/filters/);
    expect(() => compileSelectionValue('$request.cookie.x')).toThrow(/not a selection expression/);
    expect(() => compileSelectionValue('x-${request.querystring}')).toThrow(/not a selection expression/);
  });
});

/** What a parsed expression reads: variables, the context object, plain references, refused references. */
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import type { AstNode } from './analysis.js';
import { analyse, constantOf, referenceOf } from './analysis.js';

const ast = (source: string): AstNode => jsonata(source).ast() as AstNode;

describe('analyse', () => {
  it('lists every variable the expression names', () => {
    const facts = analyse(ast('$sum($states.input.values) + $bias'));
    expect([...facts.variables].sort()).toEqual(['bias', 'states', 'sum']);
  });

  it('knows when $states.context (or $states as a whole) is read', () => {
    expect(analyse(ast('$states.input.a & $states.result.b')).readsContext).toBe(false);
    expect(analyse(ast('$states.context.Execution.Id')).readsContext).toBe(true);
    expect(analyse(ast('$keys($states)')).readsContext).toBe(true);
    expect(analyse(ast('$x')).readsContext).toBe(false);
  });

  it('refuses a field read from the top level, as AWS does at creation', () => {
    expect(analyse(ast('phone')).unsupported).toBe("Reference to 'phone' at the top level is not supported.");
    expect(analyse(ast('1 + total')).unsupported).toBe("Reference to 'total' at the top level is not supported.");
    expect(analyse(ast('$map($states.input.a, function($x){ b })')).unsupported).toBe("Reference to 'b' at the top level is not supported.");
  });

  it('accepts names in later steps, predicates and groupings', () => {
    expect(analyse(ast('$states.input.items[value > 3].name')).unsupported).toBeUndefined();
    expect(analyse(ast('$states.input.items{name: value}')).unsupported).toBeUndefined();
    expect(analyse(ast("{'a': $states.input.x.y}")).unsupported).toBeUndefined();
  });

  it('refuses $$ anywhere', () => {
    expect(analyse(ast('$$.a')).unsupported).toBe("Reference to '$$' is not supported.");
    expect(analyse(ast('$states.input[$$ = 1]')).unsupported).toBe("Reference to '$$' is not supported.");
  });
});

describe('constantOf and referenceOf', () => {
  it('finds literals', () => {
    expect(constantOf(ast('1'))).toEqual({ value: 1 });
    expect(constantOf(ast("'a'"))).toEqual({ value: 'a' });
    expect(constantOf(ast('null'))).toEqual({ value: null });
    expect(constantOf(ast('1 + 1'))).toBeUndefined();
  });

  it('finds plain references and nothing more elaborate', () => {
    expect(referenceOf(ast('$states.input.a.b'))).toEqual({ variable: 'states', fields: ['input', 'a', 'b'] });
    expect(referenceOf(ast('$x'))).toEqual({ variable: 'x', fields: [] });
    expect(referenceOf(ast('$states.input."a b"'))).toEqual({ variable: 'states', fields: ['input', 'a b'] });
    expect(referenceOf(ast('$states.input.a[0]'))).toBeUndefined();
    expect(referenceOf(ast('$states.input.a.$string()'))).toBeUndefined();
    expect(referenceOf(ast('$'))).toBeUndefined();
  });
});

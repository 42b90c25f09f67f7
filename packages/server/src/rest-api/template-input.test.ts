import { describe, expect, it } from 'vitest';
import { compileMappingTemplate } from './mapping-template.js';
import { PayloadNotJson, TemplateInput } from './template-input.js';

// Expected values: AWS's "Variables for data transformations" ($input) and, for how values
// print, LocalStack's AWS-recorded parity tests (template_mapping.py).
const params = { path: { id: 'p-1' }, querystring: { q: 'query', id: 'from-query' }, header: { 'X-Trace': 'abc', Accept: 'application/json' } };

function render(template: string, body: string): string {
  return compileMappingTemplate(template).render({ input: new TemplateInput(body, params), context: {}, stageVariables: {} }).output;
}

const BODY = JSON.stringify({ a: 1, b: [{ c: 5 }], name: 'Ada', nested: { x: true, list: ['u', 'v'] }, price: 10.5 });

describe('$input.body', () => {
  it('is the payload as it came', () => {
    expect(render('$input.body', '{ "spaced" : 10.00 }')).toBe('{ "spaced" : 10.00 }');
  });

  it('reads an empty payload as {}', () => {
    expect(render("$input.body|$input.json('$')", '')).toBe('{}|{}');
  });
});

describe("$input.json('…')", () => {
  it('gives compact JSON text of what the path selects', () => {
    expect(render("$input.json('$')", BODY)).toBe(BODY);
    expect(render("$input.json('$.name')", BODY)).toBe('"Ada"');
    expect(render("$input.json('$.b')", BODY)).toBe('[{"c":5}]');
    expect(render("$input.json('$.nested.x')", BODY)).toBe('true');
  });

  it('writes nothing for a path that selects nothing', () => {
    expect(render(`"x": "$input.json('$.missing')"`, BODY)).toBe('"x": ""');
  });

  it('selects with bracket names, indexes, wildcards, deep scans, unions and slices (lists)', () => {
    const doc = JSON.stringify({ 'odd key': 1, items: [{ id: 1 }, { id: 2 }, { id: 3 }], deep: { id: 9 } });
    expect(render(`$input.json("$['odd key']")`, doc)).toBe('1');
    expect(render("$input.json('$.items[-1].id')", doc)).toBe('3');
    expect(render("$input.json('$.items[*].id')", doc)).toBe('[1,2,3]');
    expect(render("$input.json('$..id')", doc)).toBe('[1,2,3,9]');
    expect(render("$input.json('$.items[0,2].id')", doc)).toBe('[1,3]');
    expect(render("$input.json('$.items[1:].id')", doc)).toBe('[2,3]');
  });

  it('refuses a payload that is not JSON with the parser message', () => {
    expect(() => render("$input.json('$')", '{not json')).toThrow(PayloadNotJson);
  });
});

describe("$input.path('…')", () => {
  it('gives values the template uses natively: properties, size(), get()', () => {
    expect(render("$input.path('$.b').size() $input.path('$').name $input.path('$.b').get(0).c", BODY)).toBe('1 Ada 5');
  });

  it("prints a map as Java's Map.toString with lists as JSON (AWS-recorded)", () => {
    expect(render("$input.path('$')", '{"a":1,"b":[{"c":5}]}')).toBe('{a=1, b=[{"c":5}]}');
    expect(render("$input.path('$.b')", '{"a":1,"b":[{"c":5}]}')).toBe('[{"c":5}]');
    expect(render("$input.path('$.nested')", BODY)).toBe('{x=true, list=["u","v"]}');
  });

  it('gives strings without quotes and numbers as numbers', () => {
    expect(render("$input.path('$.name')/$input.path('$.price')", BODY)).toBe('Ada/10.5');
  });

  it('writes nothing for a missing value, and #if treats it as false', () => {
    expect(render("[$input.path('$.missing')]#if($input.path('$.missing'))yes#{else}no#end", BODY)).toBe('[]no');
  });

  it('iterates a map with #foreach over keySet()', () => {
    expect(render("#foreach($key in $input.path('$.nested').keySet())$key#if($foreach.hasNext),#end#end", BODY)).toBe('x,list');
  });
});

describe('$input.params', () => {
  it('looks a name up in the path, then the query string, then the headers', () => {
    expect(render("$input.params('id') $input.params('q') $input.params('x-trace') [$input.params('none')]", BODY)).toBe('p-1 query abc []');
  });

  it('answers every parameter as maps path, querystring and header', () => {
    const template = `#set($all = $input.params())#foreach($type in $all.keySet())$type:#foreach($name in $all.get($type).keySet())$name=$all.get($type).get($name);#end #end`;
    expect(render(template, BODY)).toBe('path:id=p-1; querystring:q=query;id=from-query; header:X-Trace=abc;Accept=application/json; ');
  });
});

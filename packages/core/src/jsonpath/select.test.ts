import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../json.js';
import { compilePath } from './index.js';

function select(source: string, value: Json): Json {
  const result = compilePath(source).select(value);
  if (!result.found) throw new Error(`'${source}' found nothing: ${result.message}`);
  return result.value;
}

function message(source: string, value: Json): string {
  const result = compilePath(source).select(value);
  if (result.found) throw new Error(`'${source}' unexpectedly found ${JSON.stringify(result.value)}`);
  return result.message;
}

/** Jayway's README document. */
const store: Json = {
  store: {
    book: [
      { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Century', price: 8.95 },
      { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99 },
      { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', isbn: '0-553-21311-3', price: 8.99 },
      { category: 'fiction', author: 'J. R. R. Tolkien', title: 'The Lord of the Rings', isbn: '0-395-19395-8', price: 22.99 },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
  expensive: 10,
};
const books = ((store as JsonObject).store as JsonObject).book as JsonObject[];
const [b0, b1, b2, b3] = books as [JsonObject, JsonObject, JsonObject, JsonObject];

describe('Jayway README examples', () => {
  it.each<[string, Json]>([
    ['$.store.book[*].author', ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville', 'J. R. R. Tolkien']],
    ['$..author', ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville', 'J. R. R. Tolkien']],
    ['$.store.*', [books, { color: 'red', price: 19.95 }]],
    ['$.store..price', [8.95, 12.99, 8.99, 22.99, 19.95]],
    ['$..book[2]', [b2]],
    ['$..book[-2]', [b2]],
    ['$..book[0,1]', [b0, b1]],
    ['$..book[:2]', [b0, b1]],
    ['$..book[1:2]', [b1]],
    ['$..book[-2:]', [b2, b3]],
    ['$..book[2:]', [b2, b3]],
    ['$..book[?(@.isbn)]', [b2, b3]],
    ['$.store.book[?(@.price < 10)]', [b0, b2]],
    ["$..book[?(@.price <= $['expensive'])]", [b0, b2]],
    ['$..book[?(@.author =~ /.*REES/i)]', [b0]],
    ['$.store.book[?(@.category == "fiction" && @.price > 20)].title', ['The Lord of the Rings']],
    ['$.store.book[?(@.price > 20 || @.category == "reference")].author', ['Nigel Rees', 'J. R. R. Tolkien']],
  ])('%s', (source, expected) => {
    expect(select(source, store)).toEqual(expected);
  });
});

describe('definite paths', () => {
  const value: Json = { a: { b: [10, { c: 'x' }, null] }, 'sub-values': [1], 'a b': 2, n: null };

  it.each<[string, Json]>([
    ['$', value],
    ['$.a', { b: [10, { c: 'x' }, null] }],
    ['$.a.b[0]', 10],
    ['$.a.b[1].c', 'x'],
    ['$.a.b[2]', null],
    ['$.a.b[-1]', null],
    ['$.a.b[-3]', 10],
    ["$['a']['b'][1]['c']", 'x'],
    ['$["a"]["b"][1]["c"]', 'x'],
    ["$['a b']", 2],
    ['$.sub-values', [1]],
    ['$.sub-values[0]', 1],
    ['$.n', null],
  ])('%s', (source, expected) => {
    expect(compilePath(source).select(value)).toEqual({ found: true, value: expected });
  });

  it('returns the node itself, not a copy', () => {
    const root = { a: { b: {} } };
    const result = compilePath('$.a.b').select(root);
    expect(result.found && result.value).toBe(root.a.b);
  });

  it('reads scalars and arrays at the root', () => {
    expect(select('$', 'text')).toBe('text');
    expect(select('$[1]', ['a', 'b'])).toBe('b');
    expect(select('$[0][1]', [[1, 2]])).toBe(2);
  });

  it('merges a multi-name last step into one object (Jayway), skipping missing names', () => {
    expect(select("$['a','b']", { a: 1, b: 2, c: 3 })).toEqual({ a: 1, b: 2 });
    expect(select("$['a','zz']", { a: 1 })).toEqual({ a: 1 });
    expect(select("$['x','y']", { a: 1 })).toEqual({});
    expect(select("$.o['a','b']", { o: { a: null } })).toEqual({ a: null });
  });

  it('takes bracketed names verbatim (AWS: the escape case)', () => {
    // scenarios/test_escape_sequence_parsing[ESCAPE_SEQUENCES_JSONPATH]
    const input = JSON.parse('{"Test\\\\\\"\\"Name\\"": "Value\\"\\\\"}') as Json;
    expect(Object.keys(input as JsonObject)).toEqual(['Test\\""Name"']);
    expect(select('$[\'Test\\""Name"\']', input)).toBe('Value"\\');
    expect(select("$['it\\'s']", { "it\\'s": 1 })).toBe(1);
    expect(select('$["a\'b"]', { "a'b": 1 })).toBe(1);
    expect(select("$['a.b[0]']", { 'a.b[0]': 1 })).toBe(1);
    expect(select("$['']", { '': 1 })).toBe(1);
  });
});

describe('not found (definite paths): Jayway messages', () => {
  it('conformance: missing leaf', () => {
    // scenarios/test_invalid_jsonpath[ST.INVALID_JSONPATH_IN_INPUTPATH]
    expect(message('$.NoSuchInputPath', { 'int-literal': 0 })).toBe("No results for path: $['NoSuchInputPath']");
    expect(message('$.NoSuchOutputPath', { 'int-literal': 0 })).toBe("No results for path: $['NoSuchOutputPath']");
  });

  it('conformance: missing intermediate property', () => {
    // scenarios/test_catch_states_runtime: OutputPath on a result without `no`
    expect(message('$.no.such.result.path', { Payload: {} })).toBe("Missing property in path $['no']");
    expect(message('$.a.b.c', { a: { x: 1 } })).toBe("Missing property in path $['a']['b']");
    expect(message('$.a[0].b.c', { a: [{}] })).toBe("Missing property in path $['a'][0]['b']");
  });

  it('prints the whole path, normalised, for a missing leaf', () => {
    expect(message('$.a.b', { a: {} })).toBe("No results for path: $['a']['b']");
    expect(message('$.a[0].b', { a: [{}] })).toBe("No results for path: $['a'][0]['b']");
    expect(message('$["a"]["b"]', { a: {} })).toBe('No results for path: $["a"]["b"]');
    expect(message("$['it\\'s']", {})).toBe("No results for path: $['it\\\\\\'s']");
  });

  it('array index out of range', () => {
    expect(message('$.items[10]', { items: [1, 2] })).toBe("No results for path: $['items'][10]");
    expect(message('$.items[-3]', { items: [1, 2] })).toBe("No results for path: $['items'][-3]");
    expect(message('$.items[5].x', { items: [] })).toBe("No results for path: $['items'][5]['x']");
    expect(message('$[0]', [])).toBe('No results for path: $[0]');
  });

  it('stepping into a value that is not an object', () => {
    expect(message('$.a.b', { a: 5 })).toBe(
      "Expected to find an object with property ['b'] in path $['a'] but found 'java.lang.Integer'. " +
        "This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.",
    );
    expect(message('$.a.b', { a: 'x' })).toContain("but found 'java.lang.String'");
    expect(message('$.a.b', { a: 1.5 })).toContain("but found 'java.lang.Double'");
    expect(message('$.a.b', { a: true })).toContain("but found 'java.lang.Boolean'");
    expect(message('$.a.b', { a: null })).toContain("in path $['a'] but found 'null'");
    expect(message('$.a.b', { a: [] })).toContain("but found 'net.minidev.json.JSONArray'");
    expect(message('$.b', 7)).toContain("with property ['b'] in path $ but found 'java.lang.Integer'");
  });

  it('indexing a value that is not an array', () => {
    expect(message('$.a[0]', { a: null })).toBe("The path $['a'] is null");
    expect(message('$.a[0].b', { a: { x: 1 } })).toBe(
      'Filter: [0][\'b\'] can only be applied to arrays. Current context is: {"x":1}',
    );
    expect(message('$.a[1]', { a: 'str' })).toBe('Filter: [1] can only be applied to arrays. Current context is: str');
  });

  it('functions are accepted but never find anything (AWS: "could not be found")', () => {
    expect(message('$.Jobs.sum()', { Jobs: [1, 2] })).toContain('sum()');
    expect(message('$.Jobs.length()', { Jobs: [1, 2] })).toContain('length()');
  });
});

describe('indefinite paths: the array of matches', () => {
  it('conformance: wildcards and slices on missing input yield []', () => {
    // base/test_json_path_array_wildcard_or_slice_with_no_input[...]
    for (const source of [
      '$[*]',
      '$.item.items[:1]',
      '$.item.items[1:5].itemValue',
      '$.items[1:]',
      '$.items[:1]',
      '$.items[1:].itemValue',
      '$.items[:1].itemValue',
    ]) {
      expect(compilePath(source).select({}), source).toEqual({ found: true, value: [] });
    }
  });

  it('conformance: array access', () => {
    // base/test_json_path_array_access[$.items[10]]
    const items = Array.from({ length: 11 }, (_, i) => ({ item_key: i }));
    expect(select('$.items[10]', { items })).toEqual({ item_key: 10 });
  });

  it('conformance: filter on status', () => {
    // base/test_state_pass_regex_json_path_base
    const input = { users: [{ year: 1997, status: 0 }, { year: 1998, status: 1 }] };
    expect(select('$.users[?(@.status == 0)]', input)).toEqual([{ year: 1997, status: 0 }]);
  });

  it('never fails: wrong kinds of values and missing names are skipped', () => {
    expect(select('$.a[*].b', { a: [{ b: 1 }, 5, { c: 2 }, null, [1], { b: null }] })).toEqual([1, null]);
    expect(select('$.a[*]', { a: 5 })).toEqual([]);
    expect(select('$.a[*]', {})).toEqual([]);
    expect(select('$.x.y[0,1]', { x: 'str' })).toEqual([]);
    expect(select('$[?(@.a)]', 'str')).toEqual([]);
    expect(select('$..a', 5)).toEqual([]);
  });

  it('wildcards over objects and arrays', () => {
    expect(select('$.*', { a: 1, b: [2], c: { d: 3 } })).toEqual([1, [2], { d: 3 }]);
    expect(select('$[*]', [1, 'two', null])).toEqual([1, 'two', null]);
    expect(select('$[*][*]', [[1, 2], { a: 3 }, 4])).toEqual([1, 2, 3]);
    expect(select('$.*.*', { a: { x: 1 }, b: [2, 3] })).toEqual([1, 2, 3]);
    expect(select('$[ * ]', [1])).toEqual([1]);
  });

  it('unions of indexes and names', () => {
    expect(select('$[0,2]', ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(select('$[2,0,2]', ['a', 'b', 'c'])).toEqual(['c', 'a', 'c']);
    expect(select('$[0, 9, -1]', ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(select("$['a','b'].x", { a: { x: 1 }, b: { x: 2 }, c: { x: 3 } })).toEqual([1, 2]);
    expect(select("$['b','a','zz'].x", { a: { x: 1 }, b: { x: 2 } })).toEqual([2, 1]);
    expect(select("$[*]['a','b']", [{ a: 1, b: 2, c: 3 }, { a: 4 }, 5])).toEqual([{ a: 1, b: 2 }, { a: 4 }]);
  });

  it("slices follow Jayway's rules", () => {
    const a = [0, 1, 2, 3, 4];
    expect(select('$[1:3]', a)).toEqual([1, 2]);
    expect(select('$[1:]', a)).toEqual([1, 2, 3, 4]);
    expect(select('$[:2]', a)).toEqual([0, 1]);
    expect(select('$[-2:]', a)).toEqual([3, 4]);
    expect(select('$[:-2]', a)).toEqual([0, 1, 2]);
    expect(select('$[-9:]', a)).toEqual(a);
    expect(select('$[:9]', a)).toEqual(a);
    expect(select('$[3:1]', a)).toEqual([]);
    expect(select('$[2:9]', a)).toEqual([2, 3, 4]);
    expect(select('$[9:]', a)).toEqual([]);
    expect(select('$[-3:-1]', a)).toEqual([2, 3]);
    // SLICE_BETWEEN walks from..to-1 as written, reading negative indexes from the end.
    expect(select('$[-2:2]', a)).toEqual([3, 4, 0, 1]);
    expect(select('$[1:3:2]', a)).toEqual([1, 2]);
    expect(select('$[1:]', [])).toEqual([]);
    expect(select('$.a[0:1]', { a: { 0: 'x' } })).toEqual([]);
  });

  it('deep scan visits a node, then its children, in document order', () => {
    const doc = { a: 1, b: { a: 2, c: [{ a: 3 }, { d: { a: 4 } }] }, e: [[{ a: 5 }]] };
    expect(select('$..a', doc)).toEqual([1, 2, 3, 4, 5]);
    expect(select('$.b..a', doc)).toEqual([2, 3, 4]);
    expect(select('$..d.a', doc)).toEqual([4]);
    expect(select('$..*', { x: { y: 1 }, z: [2] })).toEqual([{ y: 1 }, [2], 1, 2]);
    expect(select('$..[0]', { a: [1, [2, 3]], b: { c: [4] } })).toEqual([1, 2, 4]);
    expect(select('$..[1:]', [[1, 2], 3])).toEqual([3, 2]);
    expect(select('$..[*]', [[1], 2])).toEqual([[1], 2, 1]);
    expect(select('$..c[*].a', doc)).toEqual([3]);
    expect(select("$..['a','d']", { a: 1, d: 2, x: { a: 3 } })).toEqual([{ a: 1, d: 2 }]);
    expect(select("$..['a','d'].q", { a: { q: 1 }, x: { d: { q: 2 } } })).toEqual([1, 2]);
  });

  it('deep scan with a filter tests every object, the root included', () => {
    const doc = { k: 1, list: [{ k: 1, inner: { k: 2 } }, { k: 3 }], other: { k: 1 } };
    expect(select('$..[?(@.k == 1)]', doc)).toEqual([doc, doc.list[0], doc.other]);
    expect(select('$..[?(@.k > 1)].k', doc)).toEqual([2, 3]);
  });
});

describe('filters', () => {
  const items: Json = [
    { id: 1, name: 'apple', price: 1.5, tags: ['red', 'fruit'], meta: { ok: true } },
    { id: 2, name: 'Banana', price: 0.25, tags: [], meta: { ok: false } },
    { id: 3, name: 'cherry', price: 10, tags: ['red'], code: '3', none: null },
    'scalar',
    7,
    null,
    ['nested'],
  ];
  const ids = (source: string, doc: Json = items): Json =>
    (select(source, doc) as Json[]).map((x) => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x.id ?? null) : x));

  it.each<[string, Json]>([
    ['$[?(@.id == 1)]', [1]],
    ['$[?(@.id != 1)]', [2, 3]],
    ['$[?(@.id > 1)]', [2, 3]],
    ['$[?(@.id >= 2)]', [2, 3]],
    ['$[?(@.id < 2)]', [1]],
    ['$[?(@.id <= 2)]', [1, 2]],
    ['$[?(@.price == 10.0)]', [3]],
    ['$[?(@.price < 1e1)]', [1, 2]],
    ['$[?(@.id == -1)]', []],
    ["$[?(@.name == 'apple')]", [1]],
    ['$[?(@.name == "apple")]', [1]],
    ["$[?(@.name > 'b')]", [3]],
    ["$[?(@.name < 'b')]", [1, 2]],
    ['$[?(@.meta.ok == true)]', [1]],
    ['$[?(@.meta.ok == false)]', [2]],
    ["$[?(@.meta['ok'])]", [1, 2]],
    ['$[?(@.none == null)]', [3]],
    ['$[?(@.code)]', [3]],
    ['$[?(!@.code)]', [1, 2]],
    ['$[?(@.none)]', [3]],
    ['$[?(@.missing != 1)]', [1, 2, 3]],
    ['$[?(@.missing == null)]', []],
    ['$[?(@.id == 1 || @.id == 3)]', [1, 3]],
    ['$[?(@.id > 1 && @.price < 5)]', [2]],
    ['$[?(!(@.id == 1))]', [2, 3]],
    ['$[?((@.id == 1 || @.id == 2) && @.price > 1)]', [1]],
    ['$[?(@.id == 1 || @.id == 2 && @.price > 1)]', [1]],
    ['$[?(@.tags[0] == "red")]', [1, 3]],
    ['$[?(@.tags[*])]', [1, 2, 3]],
    ['$[?(@.meta)]', [1, 2]],
    ['$[?(@.name =~ /^[a-c].*/)]', [1, 3]],
    ['$[?(@.name =~ /b.*/i)]', [2]],
    ['$[?(@.name =~ /an/)]', []],
    ['$[?(@.id =~ /[12]/)]', [1, 2]],
    ['$[?(@.tags =~ /fr.*/)]', [1]],
    ['$[?(@.missing =~ /.*/)]', [1, 2, 3]],
    ["$[?(@.name in ['apple', 'cherry'])]", [1, 3]],
    ['$[?(@.id in [2, 3])]', [2, 3]],
    ["$[?(@.name nin ['apple', 'cherry'])]", [2]],
    ["$[?(@.name IN ['apple'])]", [1]],
    ['$[?(@.tags size 2)]', [1]],
    ['$[?(@.name size 6)]', [2, 3]],
    ['$[?(@.tags empty true)]', [2]],
    ['$[?(@.tags empty false)]', [1, 3]],
    ["$[?(@.tags contains 'fruit')]", [1]],
    ["$[?(@.name contains 'err')]", [3]],
    ["$[?(@.tags subsetof ['red', 'fruit', 'x'])]", [1, 2, 3]],
    ["$[?(@.tags anyof ['fruit', 'x'])]", [1]],
    ["$[?(@.tags noneof ['fruit'])]", [2, 3]],
    ["$[?(@.tags all ['red', 'fruit'])]", [1]],
    ['$[?(@.id === 1)]', [1]],
    ["$[?(@.code === 3)]", []],
    ["$[?(@.code !== 3)]", [1, 2, 3]],
    ['$[?(@.meta == {"ok": true})]', [1]],
    ['$[?(@.tags == ["red"])]', [3]],
  ])('%s', (source, expected) => {
    expect(ids(source)).toEqual(expected);
  });

  it('only objects are tested (AWS: @ does not match scalar values)', () => {
    expect(select('$[?(@ == 7)]', [7, 'x', { a: 1 }])).toEqual([]);
    expect(select("$[?(@ == 'x')]", ['x'])).toEqual([]);
    expect(select('$[?(@.length == 1)]', [['a']])).toEqual([]);
  });

  it('applied to an object, tests the object itself', () => {
    const doc = { car: { cdr: true }, jar: [{ a: 1 }, { a: 5 }, { a: 2 }, { a: 7 }, { a: 3 }] };
    expect(select('$.car[?(@.cdr == true)]', doc)).toEqual([{ cdr: true }]);
    expect(select('$.car[?(@.cdr == false)]', doc)).toEqual([]);
    // The AWS documentation's example.
    expect(select('$.jar[?(@.a >= 5)]', doc)).toEqual([{ a: 5 }, { a: 7 }]);
  });

  it("compares strings and numbers the way Jayway's value nodes do", () => {
    const doc = [{ id: 1, s: '5' }, { id: 2, s: '05' }, { id: 3, n: 5 }, { id: 4, s: '5.0' }];
    expect(ids('$[?(@.s == 5)]', doc)).toEqual([1]); // the string is compared with the number's text
    expect(ids('$[?(5 == @.s)]', doc)).toEqual([1, 2, 4]); // the string is parsed as a number
    expect(ids('$[?(@.s == 5.0)]', doc)).toEqual([4]);
    expect(ids("$[?(@.n == '5')]", doc)).toEqual([3]);
    expect(ids("$[?(@.n == '5.00')]", doc)).toEqual([3]);
    expect(ids('$[?(@.s < 6)]', doc)).toEqual([]); // ordering needs two numbers or two strings
    expect(ids("$[?(@.s >= '05')]", doc)).toEqual([1, 2, 4]);
  });

  it('reads $ as the document the path is evaluated against', () => {
    const doc = { limit: 2, items: [{ v: 1 }, { v: 2 }, { v: 3 }] };
    expect(select('$.items[?(@.v > $.limit)]', doc)).toEqual([{ v: 3 }]);
    expect(select('$.items[?(@.v == $.missing)]', doc)).toEqual([]);
    expect(select('$.items[?($.limit)]', doc)).toEqual(doc.items);
  });

  it('nested filters', () => {
    const doc = [
      { id: 1, parts: [{ w: 1 }, { w: 9 }] },
      { id: 2, parts: [{ w: 1 }] },
    ];
    expect(select('$[?(@.parts[?(@.w > 5)])].id', doc)).toEqual([1, 2]); // an indefinite path exists (Jayway)
    expect(select('$[?(@.parts[?(@.w > 5)] size 1)].id', doc)).toEqual([1]);
  });

  it('existence of an indefinite path requires its names (REQUIRE_PROPERTIES)', () => {
    const doc = [{ id: 1, a: [] }, { id: 2 }, { id: 3, a: [{ b: 1 }, {}] }, { id: 4, a: [{ b: 1 }] }];
    expect(ids('$[?(@.a[*])]', doc)).toEqual([1, 3, 4]);
    expect(ids('$[?(@.a[*].b)]', doc)).toEqual([1, 4]);
  });

  it('a regular expression matches the whole value, flags included', () => {
    const doc = [{ s: 'abc' }, { s: 'ABC' }, { s: 'xabcx' }, { s: 'a\nb' }];
    expect(select('$[?(@.s =~ /abc/)]', doc)).toEqual([{ s: 'abc' }]);
    expect(select('$[?(@.s =~ /abc/i)]', doc)).toEqual([{ s: 'abc' }, { s: 'ABC' }]);
    expect(select('$[?(@.s =~ /.*abc.*/)]', doc)).toEqual([{ s: 'abc' }, { s: 'xabcx' }]);
    expect(select('$[?(@.s =~ /a.b/)]', doc)).toEqual([]);
    expect(select('$[?(@.s =~ /a.b/s)]', doc)).toEqual([{ s: 'a\nb' }]);
    expect(select('$[?(@.s =~ /^a$/m)]', doc)).toEqual([]);
    expect(select('$[?(@.s =~ /a|abc/)]', doc)).toEqual([{ s: 'abc' }]);
    expect(select('$[?(/abc/ =~ @.s)]', doc)).toEqual([{ s: 'abc' }]);
    // the same compiled regex is reused across calls: no state leaks between them
    const path = compilePath('$[?(@.s =~ /abc/)]');
    for (let i = 0; i < 3; i++) expect(path.select(doc)).toEqual({ found: true, value: [{ s: 'abc' }] });
  });

  it('unescapes string literals in filters', () => {
    expect(select("$[?(@.s == 'it\\'s')]", [{ s: "it's" }])).toEqual([{ s: "it's" }]);
    expect(select('$[?(@.s == "a\\"b")]', [{ s: 'a"b' }])).toEqual([{ s: 'a"b' }]);
    expect(select("$[?(@.s == 'a\\u0041')]", [{ s: 'aA' }])).toEqual([{ s: 'aA' }]);
  });
});

describe('keys named like Object.prototype members are plain keys', () => {
  const keys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

  it.each(keys)('%s is not found on an object without it', (key) => {
    expect(compilePath(`$['${key}']`).select({}).found).toBe(false);
    expect(compilePath(`$.${key}`).select({ a: 1 }).found).toBe(false);
    expect(compilePath(`$.a.${key}`).select({ a: {} }).found).toBe(false);
    expect(compilePath(`$.a.${key}.b`).select({ a: {} }).found).toBe(false);
    expect(compilePath(`$.a[0].${key}`).select({ a: [{}] }).found).toBe(false);
    expect(select(`$[*].${key}`, [{}, { x: 1 }])).toEqual([]);
    expect(select(`$..${key}`, { a: { b: {} } })).toEqual([]);
    expect(select(`$[?(@.${key})]`, [{}])).toEqual([]);
    expect(select(`$['${key}','x']`, { x: 1 })).toEqual({ x: 1 });
  });

  it.each(keys)('%s is found when it is an own key', (key) => {
    const obj = JSON.parse(`{"${key}": {"v": 1}}`) as JsonObject;
    expect(select(`$['${key}']`, obj)).toEqual({ v: 1 });
    expect(select(`$.${key}.v`, obj)).toBe(1);
    expect(select(`$.a.${key}.v`, { a: obj })).toBe(1);
    expect(select(`$[0].${key}.v`, [obj])).toBe(1);
    expect(select(`$..${key}`, { a: obj })).toEqual([{ v: 1 }]);
    expect(select(`$[?(@.${key}.v == 1)]`, [obj])).toEqual([obj]);
    const merged = select(`$['${key}','x']`, obj) as JsonObject;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual([key]);
  });

  it('does not see array members', () => {
    expect(compilePath('$.length').select([1, 2]).found).toBe(false);
    expect(compilePath('$.a.length').select({ a: [] }).found).toBe(false);
    expect(select('$[*].length', [[1]])).toEqual([]);
  });
});

describe('context and variable roots use the value given to select()', () => {
  it('$$ paths', () => {
    const context = { Execution: { Input: { 'input-value': 5 } }, Map: { Item: { Index: 2 } } };
    expect(select('$$.Execution.Input.input-value', context)).toBe(5);
    expect(select("$$['Map']['Item']['Index']", context)).toBe(2);
    expect(select('$$', context)).toBe(context);
    expect(message('$$.Execution.Nope', context)).toBe("No results for path: $['Execution']['Nope']");
  });

  it('$name paths', () => {
    expect(select('$v', [1, 2])).toEqual([1, 2]);
    expect(select('$v[1]', [1, 2])).toBe(2);
    expect(select('$v.a.b', { a: { b: 'x' } })).toBe('x');
    expect(select('$v[*].a', [{ a: 1 }, { a: 2 }])).toEqual([1, 2]);
    expect(message('$v.nope', {})).toBe("No results for path: $['nope']");
  });
});

describe('results', () => {
  it('indefinite results are fresh arrays, their members shared', () => {
    const doc = { a: [{ x: 1 }] };
    const path = compilePath('$.a[*]');
    const first = path.select(doc);
    const second = path.select(doc);
    expect(first.found && second.found).toBe(true);
    if (first.found && second.found) {
      expect(first.value).not.toBe(second.value);
      expect((first.value as Json[])[0]).toBe(doc.a[0]);
    }
  });

  it('select never mutates its input', () => {
    const doc = { a: [{ x: 1 }, { x: 2 }], b: { c: 1 } };
    const before = JSON.stringify(doc);
    for (const source of ['$..x', '$.a[?(@.x > 1)]', "$['a','b']", '$.a[0:1]', '$.*', '$.nope.x']) compilePath(source).select(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

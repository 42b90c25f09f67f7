import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../json.js';
import { compilePath, compileReferencePath, compileResultWriter, writeAtPath } from './index.js';

function write(target: Json, source: string, value: Json): Json {
  const result = writeAtPath(target, compileReferencePath(source), value);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('writeAtPath', () => {
  it('$ alone replaces the whole value', () => {
    const result = { r: 1 };
    expect(write({ a: 1 }, '$', result)).toBe(result);
    expect(write('anything', '$', null)).toBe(null);
  });

  it('adds or replaces a top-level key', () => {
    expect(write({ a: 1 }, '$.b', 2)).toEqual({ a: 1, b: 2 });
    expect(write({ a: 1, b: 0 }, '$.b', 2)).toEqual({ a: 1, b: 2 });
    expect(write({}, "$['x y']", true)).toEqual({ 'x y': true });
  });

  it('keeps key order: replaced keys stay in place, new keys go last', () => {
    expect(Object.keys(write({ a: 1, b: 2, c: 3 }, '$.b', 9) as JsonObject)).toEqual(['a', 'b', 'c']);
    expect(Object.keys(write({ a: 1, b: 2 }, '$.z', 9) as JsonObject)).toEqual(['a', 'b', 'z']);
  });

  it('creates missing intermediate objects', () => {
    expect(write({ a: 1 }, '$.x.y.z', 'v')).toEqual({ a: 1, x: { y: { z: 'v' } } });
    expect(write({ x: { k: 1 } }, '$.x.y.z', 'v')).toEqual({ x: { k: 1, y: { z: 'v' } } });
  });

  it('writes into arrays by index', () => {
    expect(write({ a: [1, 2, 3] }, '$.a[1]', 'x')).toEqual({ a: [1, 'x', 3] });
    expect(write({ a: [1, 2, 3] }, '$.a[-1]', 'x')).toEqual({ a: [1, 2, 'x'] });
    expect(write({ a: [{ b: 1 }, { b: 2 }] }, '$.a[1].c', 3)).toEqual({ a: [{ b: 1 }, { b: 2, c: 3 }] });
    expect(write([0, { q: 1 }], '$[1].q', 2)).toEqual([0, { q: 2 }]);
  });

  it('never mutates the target and shares untouched subtrees', () => {
    const target = deepFreeze({
      keep: { deep: [1, 2, { x: 1 }] },
      path: { inner: { old: 1 }, sibling: { s: 1 } },
      list: [{ a: 1 }, { b: 2 }],
    });
    const before = JSON.stringify(target);

    const out = write(target, '$.path.inner.added', { v: 1 }) as typeof target & { path: { inner: { added: Json } } };
    expect(JSON.stringify(target)).toBe(before);
    expect(out).not.toBe(target);
    expect(out.keep).toBe(target.keep);
    expect(out.list).toBe(target.list);
    expect(out.path).not.toBe(target.path);
    expect(out.path.sibling).toBe(target.path.sibling);
    expect(out.path.inner).not.toBe(target.path.inner);
    expect(out.path.inner).toEqual({ old: 1, added: { v: 1 } });

    const out2 = write(target, '$.list[1].c', 3) as typeof target;
    expect(JSON.stringify(target)).toBe(before);
    expect(out2.list).not.toBe(target.list);
    expect(out2.list[0]).toBe(target.list[0]);
    expect(out2.keep).toBe(target.keep);
  });

  it('places the value itself (no copy)', () => {
    const value = { big: [1, 2, 3] };
    const out = write({}, '$.r', value) as JsonObject;
    expect(out.r).toBe(value);
  });

  it.each<[Json, string]>([
    ['a string', '$.a'],
    [5, '$.a'],
    [null, '$.a'],
    [[1, 2], '$.a'],
    [{ a: 'str' }, '$.a.b'],
    [{ a: [1] }, '$.a.b'],
    [{ a: null }, '$.a.b'],
    [{ a: 1 }, '$.a[0]'],
    [{ a: [1] }, '$.a[1]'],
    [{ a: [1] }, '$.a[-2]'],
    [{}, '$.a[0]'],
    [{}, '$.a[0].b'],
    [{ a: { 0: 'x' } }, '$.a[0]'],
  ])('fails on %j with %s', (target, source) => {
    const before = JSON.stringify(target);
    const result = writeAtPath(target, compileReferencePath(source), 'v');
    expect(result).toEqual({ ok: false, message: `Unable to apply ReferencePath ${source} to input ${JSON.stringify(target)}` });
    expect(JSON.stringify(target)).toBe(before);
  });

  it('refuses paths that are not reference paths on $', () => {
    expect(writeAtPath({}, compilePath('$.a[*]'), 1).ok).toBe(false);
    expect(writeAtPath({}, compilePath('$$.a'), 1).ok).toBe(false);
    expect(writeAtPath({}, compilePath('$v.a'), 1).ok).toBe(false);
  });

  describe('keys named like Object.prototype members', () => {
    it('__proto__ becomes an own data key and never changes a prototype', () => {
      const out = write({ a: 1 }, '$.__proto__', { polluted: true }) as JsonObject;
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
      expect(JSON.stringify(out)).toBe('{"a":1,"__proto__":{"polluted":true}}');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('__proto__ as an intermediate node is created, not read from the prototype', () => {
      const out = write({}, '$.__proto__.x', 1) as JsonObject;
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(JSON.stringify(out)).toBe('{"__proto__":{"x":1}}');
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    });

    it('an existing own __proto__ key is kept and updated', () => {
      const target = JSON.parse('{"__proto__": {"a": 1}, "b": 2}') as JsonObject;
      const out = write(target, '$.__proto__.c', 3) as JsonObject;
      expect(JSON.stringify(out)).toBe('{"__proto__":{"a":1,"c":3},"b":2}');
      expect(JSON.stringify(target)).toBe('{"__proto__":{"a":1},"b":2}');
    });

    it.each(['constructor', 'toString', 'hasOwnProperty'])('%s is created as a plain object on the way', (key) => {
      expect(JSON.stringify(write({}, `$.${key}.x`, 1))).toBe(`{"${key}":{"x":1}}`);
      expect(JSON.stringify(write({}, `$.${key}`, 1))).toBe(`{"${key}":1}`);
    });
  });
});

describe('compileResultWriter', () => {
  const writerFor = (source: string) => compileResultWriter(compileReferencePath(source));

  it('writes what writeAtPath writes, on every path shape, without touching the target', () => {
    const cases: [Json, string][] = [
      [{ a: 1 }, '$.b'],
      [{ a: 1, b: 0 }, '$.b'],
      [{ a: 1, b: 2, c: 3 }, '$.b'],
      [{}, "$['x y']"],
      [{ a: 1 }, '$.x.y.z'],
      [{ x: { k: 1 } }, '$.x.y.z'],
      [{ a: [1, 2, 3] }, '$.a[1]'],
      [{ a: [1, 2, 3] }, '$.a[-1]'],
      [[0, { q: 1 }], '$[1].q'],
      [{ a: 1 }, '$.constructor'],
      [{ a: 1 }, '$.__proto__'],
      [JSON.parse('{"__proto__": {"a": 1}, "b": 2}') as Json, '$.c'],
      [JSON.parse('{"__proto__": {"a": 1}, "b": 2}') as Json, '$.b'],
      [{ a: 'str' }, '$.a.b'],
      [[1, 2], '$.a'],
    ];
    for (const [target, source] of cases) {
      const before = JSON.stringify(target);
      const expected = writeAtPath(target, compileReferencePath(source), { v: 1 });
      const written = writerFor(source)(target, { v: 1 }, false);
      expect(written, source).toEqual(expected.ok ? expected.value : undefined);
      if (written !== undefined) {
        expect(JSON.stringify(written), source).toBe(JSON.stringify(expected.ok ? expected.value : null));
        expect(Object.getPrototypeOf(written), source).toBe(Object.getPrototypeOf(target));
      }
      expect(JSON.stringify(target), source).toBe(before);
    }
  });

  it('in place replaces a key the target has in the target itself', () => {
    const target: JsonObject = { a: 1, last: { step: 0 } };
    const written = writerFor('$.last')(target, { step: 1 }, true);
    expect(written).toBe(target);
    expect(target).toEqual({ a: 1, last: { step: 1 } });
    const array: Json[] = [1, 2];
    expect(writerFor('$[1]')(array, 'x', true)).toBe(array);
    expect(array).toEqual([1, 'x']);
  });

  it('in place still adds a new key to a copy (key order: new keys last)', () => {
    const target: JsonObject = { a: 1 };
    const written = writerFor('$.b')(target, 2, true) as JsonObject;
    expect(written).not.toBe(target);
    expect(target).toEqual({ a: 1 });
    expect(Object.keys(written)).toEqual(['a', 'b']);
  });

  it('in place copies every node below the top, which others may share', () => {
    const shared = deepFreeze({ k: 1 });
    const target: JsonObject = { x: shared };
    const written = writerFor('$.x.y')(target, 2, true) as JsonObject;
    expect(written).toBe(target);
    expect(target.x).toEqual({ k: 1, y: 2 });
    expect(shared).toEqual({ k: 1 });
  });

  it('in place leaves the target untouched when the path cannot be applied', () => {
    const target: JsonObject = { a: 'str', b: 1 };
    expect(writerFor('$.a.b')(target, 2, true)).toBeUndefined();
    expect(target).toEqual({ a: 'str', b: 1 });
  });

  it('a new key next to an own __proto__ key keeps that key data', () => {
    const target = JSON.parse('{"__proto__": {"polluted": true}, "b": 2}') as JsonObject;
    const written = writerFor('$.c')(target, 3, false) as JsonObject;
    expect(Object.getPrototypeOf(written)).toBe(Object.prototype);
    expect(JSON.stringify(written)).toBe('{"__proto__":{"polluted":true},"b":2,"c":3}');
  });
});

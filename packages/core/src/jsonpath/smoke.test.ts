import { test } from 'vitest';
import { compilePath } from './index.js';
test('smoke', () => {
  const input = { items: [{ a: 1, status: 0 }, { a: 2, status: 1 }], no: 1, x: { y: { z: 3 } } };
  for (const p of ['$', '$.items[0].a', '$.items[-1]', '$.items[*].a', '$..a', '$.items[?(@.status == 0)]', '$.NoSuch', '$.no.such.result.path', '$.x.y.z', '$.items[10]', "$['items','no']", '$..*', '$.items[1:]', '$.items.length()', '$.x.q.r', '$.no.b', '$.items.a', '$.items[0][0]']) {
    try { console.log(p, JSON.stringify(compilePath(p).select(input as never))); } catch (e) { console.log(p, 'ERR', (e as Error).message); }
  }
  for (const p of ['$.a b', '$.', '$[', "$['a'", '$[?(@.a ==)]', '$x.y', '$$.Execution.Input.input-value', '$.a[1:2:3]', '$[a]', '$.a[?(@.b =~ /x(/)]', '$foo-bar']) {
    try { const c = compilePath(p); console.log(p, c.root, c.variable, c.definite, c.isReferencePath); } catch (e) { console.log(p, 'ERR', (e as Error).message); }
  }
});

import { describe, expect, it } from 'vitest';
import { compileMappingTemplate, TemplateRenderError } from './mapping-template.js';
import { TemplateInput } from './template-input.js';

const NO_PARAMS = { path: {}, querystring: {}, header: {} };

function render(template: string, body = '{}', extras: { context?: Record<string, unknown>; stageVariables?: Record<string, string> } = {}) {
  return compileMappingTemplate(template).render({ input: new TemplateInput(body, NO_PARAMS), context: extras.context ?? {}, stageVariables: extras.stageVariables ?? {} });
}

describe('Velocity directives', () => {
  it('runs #set, #if/#elseif/#else and #foreach with $foreach.hasNext', () => {
    const template = `#set($items = $input.path('$.items'))[#foreach($item in $items)#if($item.n > 1)big#elseif($item.n == 1)one#{else}none#end#if($foreach.hasNext),#end#end]`;
    expect(render(template, '{"items":[{"n":0},{"n":1},{"n":2}]}').output).toBe('[none,one,big]');
  });

  it('writes an undefined reference as nothing, as the quiet $!ref does', () => {
    expect(render('[$nothing][$!nothing][$context.identity.caller]').output).toBe('[][][]');
  });

  it('refuses a template that is not VTL when it is compiled', () => {
    expect(() => compileMappingTemplate('#if($a')).toThrow(TemplateRenderError);
  });
});

describe('Java String methods', () => {
  it('replaceAll takes a Java regular expression and Java replacement syntax', () => {
    expect(render(`#set($s = "a'b'c")$s.replaceAll("'", "-")|$s.replaceAll("(a)'", "$1$1")|$s.replaceAll("'", "\\$")`).output).toBe(`a-b-c|aab'c|a$b$c`);
  });

  it('replace is literal, matches is whole-string, split drops trailing empty strings', () => {
    expect(render(`#set($s = "a.b.c")$s.replace(".", "+") $s.matches("a.*") $s.matches("b") $s.split("\\.").size() #set($t = "x,y,,")$t.split(",").size()`).output).toBe('a+b+c true false 3 2');
  });

  it('has length(), contains, substring, indexOf, toUpperCase, trim, equals, isEmpty', () => {
    expect(render(`#set($s = " Hello ")$s.length() $s.contains("ell") $s.trim().substring(1, 3) $s.indexOf("l") $s.toUpperCase().trim() $s.trim().equals("Hello") $s.isEmpty()`).output).toBe(
      '7 true el 3 HELLO true false',
    );
  });
});

describe('Java collections', () => {
  it('maps answer containsKey, get, put, size and print as Map.toString', () => {
    expect(render(`#set($m = $util.parseJson('{"a":1}'))#set($ignored = $m.put("b", "two"))$m.containsKey("a") $m.get("b") $m.size() $m`).output).toBe('true two 2 {a=1, b=two}');
  });

  it('a list the template builds prints as java.util.List does', () => {
    expect(render(`#set($l = [1, "x"])$l $l.size()`).output).toBe('[1, x] 2');
  });
});

describe('$context and $stageVariables', () => {
  it('reads dotted context variables and stage variables', () => {
    const context = { stage: 'Prod', identity: { sourceIp: '127.0.0.1' }, requestTimeEpoch: 1700000000000 };
    expect(render('$context.stage $context.identity.sourceIp $context.requestTimeEpoch $stageVariables.table', '{}', { context, stageVariables: { table: 'orders' } }).output).toBe(
      'Prod 127.0.0.1 1700000000000 orders',
    );
  });

  it('lets a template override the response status and headers', () => {
    const { overrides } = render(`#set($context.responseOverride.status = 422)#set($context.responseOverride.header.X-Reason = "bad")`);
    expect(overrides).toEqual({ status: 422, headers: { 'x-reason': 'bad' } });
  });

  it('ignores an override status outside 100–599', () => {
    expect(render('#set($context.responseOverride.status = 42)').overrides).toEqual({ headers: {} });
  });

  it('does not let one render leak into the next', () => {
    const template = compileMappingTemplate('#set($context.responseOverride.status = 400)$context.stage');
    const variables = { input: new TemplateInput('{}', NO_PARAMS), context: { stage: 'Prod' }, stageVariables: {} };
    template.render(variables);
    expect(template.render(variables).output).toBe('Prod');
  });
});

describe('the AWS sample response template over StartSyncExecution answers', () => {
  // The "Express workflows behind API Gateway REST APIs" shape: unwrap the output, remap a failure.
  const template = `#set($output = $util.parseJson($input.path('$.output')))
#if($input.path('$.status') == "FAILED")#set($context.responseOverride.status = 500){"error": "$input.path('$.error')", "cause": "$util.escapeJavaScript($input.path('$.cause'))"}#else{"output": $input.json('$.output')}#end`;

  it('unwraps a SUCCEEDED output', () => {
    const body = JSON.stringify({ status: 'SUCCEEDED', output: '{"total":3}' });
    const { output, overrides } = render(template, body);
    expect(JSON.parse(output)).toEqual({ output: '{"total":3}' });
    expect(overrides.status).toBeUndefined();
  });

  it('renders a FAILED execution, which has no output, without failing', () => {
    const body = JSON.stringify({ status: 'FAILED', error: 'Order.Invalid', cause: 'no "items"' });
    const { output, overrides } = render(template, body);
    expect(JSON.parse(output)).toEqual({ error: 'Order.Invalid', cause: 'no "items"' });
    expect(overrides.status).toBe(500);
  });

  it('writes nothing where the missing output is used as a value', () => {
    const body = JSON.stringify({ status: 'FAILED' });
    expect(render(`#set($output = $util.parseJson($input.path('$.output'))){"output": "$output"}`, body).output).toBe('{"output": ""}');
  });
});

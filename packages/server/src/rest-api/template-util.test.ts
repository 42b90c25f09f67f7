import { describe, expect, it } from 'vitest';
import { compileMappingTemplate } from './mapping-template.js';
import { TemplateInput } from './template-input.js';
import { escapeJavaScript, TemplateUtil } from './template-util.js';

// Expected values: AWS's "Variables for data transformations" ($util) and the Java functions it
// names — Commons Lang StringEscapeUtils.escapeJavaScript, URLEncoder / URLDecoder (UTF-8).
const util = new TemplateUtil();

function render(template: string, body = '{}'): string {
  return compileMappingTemplate(template).render({ input: new TemplateInput(body, { path: {}, querystring: {}, header: {} }), context: {}, stageVariables: {} }).output;
}

describe('$util.escapeJavaScript', () => {
  it('escapes double quotes and backslashes, and single quotes as \\\' (which JSON refuses)', () => {
    expect(escapeJavaScript(`say "hi" to O'Brien \\ now`)).toBe(`say \\"hi\\" to O\\'Brien \\\\ now`);
  });

  it('escapes the forward slash, as Commons Lang does for JavaScript', () => {
    expect(escapeJavaScript('</script>')).toBe('<\\/script>');
  });

  it('writes control characters as short escapes or \\u00XX', () => {
    expect(escapeJavaScript('a\nb\tc\rd\be\ff\u0001g\u001f')).toBe('a\\nb\\tc\\rd\\be\\ff\\u0001g\\u001F');
  });

  it('writes every character above U+007F as an upper-case \\uXXXX, surrogate pairs as two', () => {
    expect(escapeJavaScript('café €')).toBe('caf\\u00E9 \\u20AC');
    expect(escapeJavaScript('😀')).toBe('\\uD83D\\uDE00');
    expect(escapeJavaScript('\u007f')).toBe('\u007f');
  });

  it('answers null for null, so the template writes nothing', () => {
    expect(util.escapeJavaScript(null)).toBeNull();
    expect(render('[$util.escapeJavaScript($input.path(\'$.missing\'))]')).toBe('[]');
  });

  it("makes the AWS sample's StartSyncExecution request, and the documented replaceAll unescapes the quote", () => {
    const body = `{"name":"O'Brien","quote":"say \\"hi\\""}`;
    const escaped = render(`{"input": "$util.escapeJavaScript($input.json('$'))"}`, body);
    expect(escaped).toBe(`{"input": "{\\"name\\":\\"O\\'Brien\\",\\"quote\\":\\"say \\\\\\"hi\\\\\\"\\"}"}`);
    expect(() => JSON.parse(escaped) as unknown).toThrow();
    const unescaped = render(`{"input": "$util.escapeJavaScript($input.json('$')).replaceAll("\\\\'","'")"}`, body);
    expect(JSON.parse(JSON.parse(unescaped).input as string)).toEqual({ name: "O'Brien", quote: 'say "hi"' });
  });
});

describe('$util.parseJson', () => {
  it('turns stringified JSON into an object the template navigates (the documented errorMessage example)', () => {
    const body = JSON.stringify({ errorMessage: JSON.stringify({ key1: 'var1', key2: { arr: [1, 2, 3] } }) });
    const template = `#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))
{ "errorMessageObjKey2ArrVal" : $errorMessageObj.key2.arr[0] }`;
    expect(JSON.parse(render(template, body))).toEqual({ errorMessageObjKey2ArrVal: 1 });
  });

  it('gives null for null and fails the template on text that is not JSON', () => {
    expect(util.parseJson(null)).toBeNull();
    expect(() => util.parseJson('{nope')).toThrow();
  });
});

describe('$util.urlEncode / urlDecode', () => {
  it('form-encodes as java.net.URLEncoder: space as +, only A-Z a-z 0-9 . - * _ kept', () => {
    expect(util.urlEncode("a b&c=d/é!'()~*._-")).toBe('a+b%26c%3Dd%2F%C3%A9%21%27%28%29%7E*._-');
  });

  it('decodes + as a space and percent escapes as UTF-8', () => {
    expect(util.urlDecode('a+b%26c%3Dd%2F%C3%A9')).toBe('a b&c=d/é');
  });
});

describe('$util.base64Encode / base64Decode', () => {
  it('round-trips UTF-8 text through standard base64', () => {
    expect(util.base64Encode('héllo')).toBe('aMOpbGxv');
    expect(util.base64Decode('aMOpbGxv')).toBe('héllo');
    expect(render("$util.base64Encode($input.path('$.a'))", '{"a":"x y"}')).toBe('eCB5');
  });
});

import { describe, expect, it } from 'vitest';
import { StatesFailure } from '../errors.js';
import type { Json } from '../json.js';
import { compileIntrinsic, IntrinsicSyntaxError, looksLikeIntrinsic, type IntrinsicRuntime } from './index.js';

function runtime(input: Json, context: Json = {}, variables: Record<string, Json> = {}): IntrinsicRuntime {
  return {
    sources: { input, context: () => context, variable: (name) => variables[name] },
    random: () => 0.25,
  };
}

function failure(source: string, rt: IntrinsicRuntime): StatesFailure {
  try {
    compileIntrinsic(source).evaluate(rt);
  } catch (error) {
    if (error instanceof StatesFailure) return error;
    throw error;
  }
  throw new Error(`${source} did not fail`);
}

describe('looksLikeIntrinsic', () => {
  it('recognises States.Name(', () => {
    expect(looksLikeIntrinsic('States.Format(1)')).toBe(true);
    expect(looksLikeIntrinsic('States.UUID ()')).toBe(true);
    expect(looksLikeIntrinsic('$.States.Format')).toBe(false);
    expect(looksLikeIntrinsic('States.Format')).toBe(false);
  });
});

describe('compileIntrinsic', () => {
  it('evaluates nested calls over paths, context and variables', () => {
    const rt = runtime({ a: 'x-y' }, { StateMachine: { Name: 'machine-1' } }, { tpl: 'n={}' });
    expect(compileIntrinsic("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)").evaluate(rt)).toBe('machine');
    expect(compileIntrinsic('States.Format($tpl, States.ArrayLength(States.StringSplit($.a, $.a)))').evaluate(rt)).toBe('n=0');
    const merged = "States.JsonMerge(States.StringToJson('{\"k\": \"false\"}'), States.StringToJson('{}'), false)";
    expect(compileIntrinsic(merged).evaluate(rt)).toEqual({ k: 'false' });
  });

  it('reports its name and source', () => {
    const compiled = compileIntrinsic("States.Format('{}', 1)");
    expect(compiled).toMatchObject({ kind: 'intrinsic', name: 'States.Format', source: "States.Format('{}', 1)" });
  });

  it('prints escaped braces of a literal template as braces', () => {
    expect(compileIntrinsic("States.Format('\\{\\} {}', 'x')").evaluate(runtime({}))).toBe('{} x');
    expect(compileIntrinsic("States.Format('Name: \\'{}\\'', 'Ada')").evaluate(runtime({}))).toBe("Name: 'Ada'");
  });

  it('fails with States.Runtime naming the whole expression when a path finds nothing', () => {
    const rt = runtime({ other: 1 });
    const nested = failure("States.Format('{}', States.Format('{}', $.nope))", rt);
    expect(nested.error).toBe('States.Runtime');
    expect(nested.inState).toBe(true);
    expect(nested.cause).toBe(
      "The function 'States.Format('{}', States.Format('{}', $.nope))' had the following error: " +
        "The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'",
    );
    expect(failure('States.Array($$.Nope.Deep)', rt).cause).toContain("field '$.Nope.Deep' could not be found in the input '{\"other\":1}'");
    expect(compileIntrinsic("States.Format('{}', $.nul)").evaluate(runtime({ nul: null }))).toBe('null');
  });

  it('fails at run time, not compile time, on a wrong argument count or type', () => {
    const rt = runtime({});
    for (const [source, name] of [
      ["States.Hash('hello')", 'States.Hash'],
      ['States.Base64Encode()', 'States.Base64Encode'],
      ['States.ArrayContains($, 2, 999)', 'States.ArrayContains'],
      ['States.UUID(1)', 'States.UUID'],
      ["States.ArrayPartition('not-array', 2)", 'States.ArrayPartition'],
      ["States.Format('Hello {', 'x')", 'States.Format'],
    ] as const) {
      expect(failure(source, rt).cause).toBe(`The function '${source}' had the following error: Invalid arguments in ${name}`);
    }
  });

  it('refuses unknown functions and bad grammar at compile time', () => {
    expect(() => compileIntrinsic('States.Foo()')).toThrow(IntrinsicSyntaxError);
    expect(() => compileIntrinsic('States.format()')).toThrow(IntrinsicSyntaxError);
    expect(() => compileIntrinsic("States.Format('\\\"')")).toThrow(IntrinsicSyntaxError);
    try {
      compileIntrinsic('States.Foo()');
    } catch (error) {
      expect((error as IntrinsicSyntaxError).code).toBe('InvalidIntrinsic');
    }
  });

  it('draws MathRandom and UUID from the runtime', () => {
    expect(compileIntrinsic('States.MathRandom(0, 100)').evaluate(runtime({}))).toBe(25);
    expect(compileIntrinsic('States.UUID()').evaluate(runtime({}))).toBe('40404040-4040-4040-8040-404040404040');
  });
});

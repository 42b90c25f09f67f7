import { describe, expect, it } from 'vitest';
import { functionDefinitionOf, functionDefinitionsOf, runtimeKindOf } from './function-config.js';

describe('function configuration', () => {
  it("maps Lambda's runtime names to runners", () => {
    expect(runtimeKindOf('nodejs20.x')).toBe('nodejs');
    expect(runtimeKindOf('python3.12')).toBe('python');
    expect(runtimeKindOf('provided.al2023')).toBe('provided');
    expect(runtimeKindOf('provided')).toBe('provided');
    expect(runtimeKindOf('java21')).toBeUndefined();
  });

  it("applies Lambda's defaults and resolves paths from the file's folder", () => {
    expect(functionDefinitionOf('pricing', { runtime: 'nodejs20.x', handler: 'index.handler', codeUri: 'fns/pricing' }, '/app')).toEqual({
      name: 'pricing',
      kind: 'nodejs',
      handler: 'index.handler',
      codeDirectory: '/app/fns/pricing',
      timeoutSeconds: 3,
      memoryMb: 128,
    });
  });

  it('names the function and the rule when a configuration is wrong', () => {
    expect(() => functionDefinitionOf('x', { runtime: 'cobol' }, '/')).toThrow("Function 'x': runtime 'cobol' is not supported");
    expect(() => functionDefinitionOf('x', { runtime: 'python3.12' }, '/')).toThrow('needs a handler');
    expect(() => functionDefinitionOf('x', { runtime: 'remote' }, '/')).toThrow('needs an endpoint');
    expect(() => functionDefinitionOf('x', { runtime: 'nodejs20.x', handler: 'a.b', timeout: 0 }, '/')).toThrow('timeout');
    expect(() => functionDefinitionsOf({ fns: {} }, '/')).toThrow("object 'functions'");
  });

  it('reads a file of several functions', () => {
    const definitions = functionDefinitionsOf(
      { functions: { a: { runtime: 'remote', endpoint: 'http://127.0.0.1:3001' }, b: { runtime: 'provided.al2023', codeUri: 'b', timeout: 10 } } },
      '/app',
    );
    expect(definitions.map((d) => [d.name, d.kind, d.timeoutSeconds])).toEqual([
      ['a', 'remote', 3],
      ['b', 'provided', 10],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { FunctionRegistry, parseFunctionReference } from './function-registry.js';
import type { FunctionDefinition, FunctionRunner } from './function-runner.js';
import { LambdaServiceError } from './function-runner.js';

const definition = (name: string): FunctionDefinition => ({ name, kind: 'nodejs', handler: 'index.handler', timeoutSeconds: 3, memoryMb: 128 });

describe('function references', () => {
  it('reads names, partial and full ARNs, with and without qualifiers', () => {
    expect(parseFunctionReference('pricing')).toEqual({ name: 'pricing' });
    expect(parseFunctionReference('pricing:live')).toEqual({ name: 'pricing', qualifier: 'live' });
    expect(parseFunctionReference('123456789012:function:pricing')).toEqual({ name: 'pricing' });
    expect(parseFunctionReference('arn:aws:lambda:eu-west-1:111111111111:function:pricing:3')).toEqual({ name: 'pricing', qualifier: '3' });
    expect(parseFunctionReference('arn:aws:lambda:eu-west-1:111111111111:function:pricing')).toEqual({ name: 'pricing' });
  });
});

describe('the function registry', () => {
  it('creates one runner per function, lazily, and finds it by any reference', () => {
    const created: string[] = [];
    const runner: FunctionRunner = { invoke: () => Promise.reject(new Error('unused')), close: () => Promise.resolve() };
    const registry = new FunctionRegistry([definition('pricing'), definition('tax')], {
      factories: {
        nodejs: (d) => {
          created.push(d.name);
          return runner;
        },
      },
    });
    expect(created).toEqual([]);
    expect(registry.resolve('pricing').runner).toBe(runner);
    expect(registry.resolve('arn:aws:lambda:us-east-1:111111111111:function:pricing:$LATEST').definition.name).toBe('pricing');
    expect(registry.resolve('pricing:live').arn).toBe('arn:aws:lambda:us-east-1:123456789012:function:pricing');
    expect(created).toEqual(['pricing']);
  });

  it("answers an unknown function with Lambda's ResourceNotFoundException", () => {
    const registry = new FunctionRegistry([], { factories: {} });
    let error: unknown;
    try {
      registry.resolve('missing');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LambdaServiceError);
    expect((error as LambdaServiceError).errorCode).toBe('ResourceNotFoundException');
    expect((error as LambdaServiceError).message).toBe('Function not found: arn:aws:lambda:us-east-1:123456789012:function:missing:$LATEST');
  });
});

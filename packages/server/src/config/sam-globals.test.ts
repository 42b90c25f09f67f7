import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readGlobals, withGlobals } from './sam-globals.js';
import { loadSamTemplate } from './sam-template.js';

const fixtures = fileURLToPath(new URL('../../test-fixtures/config/sam/', import.meta.url));

describe('SAM Globals', () => {
  // The merge rules of the SAM specification's "Globals section" page.
  it('replaces scalars, merges maps key by key, and puts global list items first', () => {
    const globals = {
      Runtime: 'python3.12',
      Timeout: 30,
      Environment: { Variables: { LOG_LEVEL: 'INFO', TABLE: 'shared' } },
      Layers: ['arn:layer:common'],
      VpcConfig: { SecurityGroupIds: ['sg-global'], SubnetIds: ['subnet-a'] },
    };
    const local = {
      Timeout: 5,
      Environment: { Variables: { TABLE: 'orders' } },
      Layers: ['arn:layer:own'],
      VpcConfig: { SecurityGroupIds: ['sg-local'] },
    };
    expect(withGlobals(globals, local)).toEqual({
      Runtime: 'python3.12',
      Timeout: 5,
      Environment: { Variables: { LOG_LEVEL: 'INFO', TABLE: 'orders' } },
      Layers: ['arn:layer:common', 'arn:layer:own'],
      VpcConfig: { SecurityGroupIds: ['sg-global', 'sg-local'], SubnetIds: ['subnet-a'] },
    });
  });

  it('treats intrinsic functions as scalars, and lets the resource win when kinds differ', () => {
    const globals = { Environment: { Variables: { Ref: 'SharedVariables' } }, MemorySize: { 'Fn::If': ['Big', 1024, 256] }, Tags: { team: 'a' } };
    const local = { Environment: { Variables: { A: '1' } }, MemorySize: 512, Tags: ['not-a-map'] };
    expect(withGlobals(globals, local)).toEqual({ Environment: { Variables: { A: '1' } }, MemorySize: 512, Tags: ['not-a-map'] });
    expect(withGlobals(undefined, local)).toBe(local);
  });

  it('refuses a section SAM does not have', () => {
    expect(() => readGlobals({ Functions: {} }, { file: 't.yaml', path: ['Globals'] })).toThrow('$.Globals.Functions: is not a Globals section SAM supports');
  });

  it('applies Globals.Function to functions and Globals.HttpApi to the implicit API', async () => {
    const app = await loadSamTemplate(`${fixtures}globals/template.yaml`);
    expect(app.functions.map((f) => [f.name, f.kind, f.handler, f.codeDirectory, f.timeoutSeconds, f.memoryMb, f.environment])).toEqual([
      ['DefaultsFunction', 'python', 'app.handler', `${fixtures}globals/src`, 30, 512, { LOG_LEVEL: 'INFO', TABLE: 'shared' }],
      ['OverridingFunction', 'nodejs', 'index.handler', `${fixtures}globals/other`, 5, 512, { LOG_LEVEL: 'INFO', TABLE: 'orders', EXTRA: 'yes' }],
    ]);
    // `CorsConfiguration: true` allows any origin, as SAM's HttpApi generator writes it.
    expect(app.routes.map((r) => [r.method, r.path, r.target, r.cors])).toEqual([
      ['GET', '/defaults', { kind: 'function', function: 'DefaultsFunction', payloadFormat: '2.0' }, { allowOrigins: ['*'] }],
      ['POST', '/override', { kind: 'function', function: 'OverridingFunction', payloadFormat: '1.0' }, { allowOrigins: ['*'] }],
      // An HttpApi event without Path and Method is the API's catch-all route.
      ['ANY', '$default', { kind: 'function', function: 'OverridingFunction', payloadFormat: '2.0' }, { allowOrigins: ['*'] }],
    ]);
    expect(app.warnings).toEqual([]);
  });
});

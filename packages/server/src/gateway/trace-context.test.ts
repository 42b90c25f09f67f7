import { describe, expect, it } from 'vitest';
import { fromTraceparent, fromXrayHeader, traceContextOf } from './trace-context.js';

const NOW = Date.UTC(2025, 0, 2, 3, 4, 5);

describe('trace context', () => {
  it('converts a W3C traceparent to X-Ray by the documented mapping', () => {
    expect(fromTraceparent('00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01')).toEqual({
      traceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
      traceparent: '00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01',
    });
    expect(fromTraceparent('00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00')?.traceHeader).toMatch(/Sampled=0$/);
  });

  it('refuses traceparents the W3C rules call invalid', () => {
    expect(fromTraceparent('00-00000000000000000000000000000000-53995c3f42cd8ad8-01')).toBeUndefined();
    expect(fromTraceparent('00-5759e988bd862e3fe1be46a994272793-0000000000000000-01')).toBeUndefined();
    expect(fromTraceparent('ff-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01')).toBeUndefined();
    expect(fromTraceparent('00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01-extra')).toBeUndefined();
    // A later version may add fields after the four it shares with version 00.
    expect(fromTraceparent('01-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01-extra')).toBeDefined();
  });

  it('keeps an X-Ray header verbatim and derives its W3C form', () => {
    const header = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    expect(fromXrayHeader(header)).toEqual({ traceHeader: header, traceparent: '00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01' });
    expect(fromXrayHeader('Root=1-5759e988-bd862e3fe1be46a994272793')?.traceparent).toMatch(/^00-5759e988bd862e3fe1be46a994272793-[0-9a-f]{16}-00$/);
    expect(fromXrayHeader('Parent=53995c3f42cd8ad8')).toBeUndefined();
  });

  it('prefers X-Amzn-Trace-Id to traceparent, and makes a fresh sampled trace when neither is usable', () => {
    const both = traceContextOf(
      { 'x-amzn-trace-id': 'Root=1-11111111-222222222222222222222222', traceparent: '00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01' },
      NOW,
    );
    expect(both.traceHeader).toBe('Root=1-11111111-222222222222222222222222');
    const fresh = traceContextOf({ traceparent: 'garbage' }, NOW);
    const epoch = Math.floor(NOW / 1000).toString(16);
    expect(fresh.traceHeader).toMatch(new RegExp(`^Root=1-${epoch}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1$`));
    expect(fresh.traceparent).toBe(`00-${fresh.traceHeader.slice(7, 15)}${fresh.traceHeader.slice(16, 40)}-${fresh.traceHeader.slice(48, 64)}-01`);
  });
});

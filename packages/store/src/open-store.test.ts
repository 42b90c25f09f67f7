import { describe, expect, it } from 'vitest';
import { InvalidStoreLocationError, parseStoreLocation } from './open-store.js';

describe('store locations', () => {
  it.each([
    ['postgres://u@db:5432/flowgate', { kind: 'postgres', url: 'postgres://u@db:5432/flowgate' }],
    ['postgresql://db/flowgate?schema=x', { kind: 'postgres', url: 'postgresql://db/flowgate?schema=x' }],
    [':memory:', { kind: 'sqlite', file: ':memory:' }],
    ['sqlite::memory:', { kind: 'sqlite', file: ':memory:' }],
    ['sqlite:.flowgate/store.db', { kind: 'sqlite', file: '.flowgate/store.db' }],
    ['sqlite:///var/lib/flowgate.db', { kind: 'sqlite', file: '/var/lib/flowgate.db' }],
    ['.flowgate/store.db', { kind: 'sqlite', file: '.flowgate/store.db' }],
    ['C:\\data\\flowgate.db', { kind: 'sqlite', file: 'C:\\data\\flowgate.db' }],
  ])('%s', (location, expected) => {
    expect(parseStoreLocation(location)).toStrictEqual(expected);
  });

  it('rejects an empty location', () => {
    expect(() => parseStoreLocation('')).toThrow(InvalidStoreLocationError);
    expect(() => parseStoreLocation('sqlite:')).toThrow(InvalidStoreLocationError);
  });
});

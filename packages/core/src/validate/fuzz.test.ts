import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../json.js';
import { validateDefinition } from './validate-definition.js';

/** A small seeded generator (mulberry32) so that any failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'Type', 'StartAt', 'States', 'Next', 'End', 'Choices', 'Default', 'Branches', 'ItemProcessor', 'Iterator',
  'Retry', 'Catch', 'ErrorEquals', 'Parameters', 'Assign', 'x.$', 'QueryLanguage', 'Seconds', 'Timestamp',
  'Resource', 'Credentials', 'ProcessorConfig', 'ItemReader', 'ItemBatcher', '__proto__', 'constructor', '',
];
const STRINGS = ['Pass', 'Task', 'Map', 'Parallel', 'Choice', 'Wait', 'Fail', 'Succeed', 'JSONata', 'JSONPath', 'A', '$', '{% 1 %}', 'States.ALL'];

function garbage(next: () => number, depth: number): Json {
  const pick = next();
  if (depth <= 0 || pick < 0.35) {
    const scalars: Json[] = [null, true, false, 0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER, '', STRINGS[Math.floor(next() * STRINGS.length)] ?? 'A'];
    return scalars[Math.floor(next() * scalars.length)] ?? null;
  }
  if (pick < 0.55) return Array.from({ length: Math.floor(next() * 4) }, () => garbage(next, depth - 1));
  const object: JsonObject = {};
  const size = Math.floor(next() * 6);
  for (let i = 0; i < size; i++) {
    const key = KEYS[Math.floor(next() * KEYS.length)] ?? 'k';
    Object.defineProperty(object, key, { value: garbage(next, depth - 1), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** Replaces one random node of a real definition with garbage. */
function mutate(definition: Json, next: () => number): Json {
  const copy = JSON.parse(JSON.stringify(definition)) as Json;
  let node: Json = copy;
  for (let step = 0; step < 12; step++) {
    if (node === null || typeof node !== 'object') break;
    const keys = Array.isArray(node) ? node.map((_, i) => String(i)) : Object.keys(node);
    const key = keys[Math.floor(next() * keys.length)];
    if (key === undefined) break;
    const container = node as Record<string, Json>;
    if (next() < 0.25) {
      container[key] = garbage(next, 3);
      break;
    }
    node = container[key] ?? null;
  }
  return copy;
}

const expectWellFormed = (definition: Json, type: 'STANDARD' | 'EXPRESS'): void => {
  const diagnostics = validateDefinition(definition, { type });
  for (const d of diagnostics) {
    expect(typeof d.code).toBe('string');
    expect(typeof d.message).toBe('string');
    expect(typeof d.pointer).toBe('string');
  }
};

describe('validateDefinition never throws', () => {
  it('on random garbage', () => {
    const next = random(20240601);
    for (let i = 0; i < 3000; i++) expectWellFormed(garbage(next, 6), i % 2 === 0 ? 'STANDARD' : 'EXPRESS');
  });

  it('on random garbage shaped like a machine', () => {
    const next = random(7);
    for (let i = 0; i < 3000; i++) {
      const states: JsonObject = {};
      for (let s = 0; s < 4; s++) states[STRINGS[s] ?? 's'] = garbage(next, 5);
      expectWellFormed({ StartAt: 'Pass', States: states, QueryLanguage: garbage(next, 1) }, 'EXPRESS');
    }
  });

  const casesDir = '/work/shared/conformance/cases';
  it.skipIf(!existsSync(casesDir))('on mutated real definitions', () => {
    const definitions = readdirSync(casesDir)
      .filter((f) => f.endsWith('.json') && f !== 'index.json')
      .map((f) => (JSON.parse(readFileSync(join(casesDir, f), 'utf8')) as { definition: Json }).definition);
    const next = random(99);
    for (let round = 0; round < 5; round++) {
      for (const definition of definitions) expectWellFormed(mutate(definition, next), round % 2 === 0 ? 'STANDARD' : 'EXPRESS');
    }
  });

  it('on deeply nested scopes', () => {
    let inner: JsonObject = { StartAt: 'Leaf', States: { Leaf: { Type: 'Succeed' } } };
    for (let depth = 0; depth < 5000; depth++) {
      inner = { StartAt: `M${depth}`, States: { [`M${depth}`]: { Type: 'Map', End: true, ItemProcessor: inner } } };
    }
    expect(validateDefinition(inner)).toEqual([]);
  });

  it('on deeply nested payloads', () => {
    let payload: Json = { 'x.$': 1 };
    for (let depth = 0; depth < 100_000; depth++) payload = depth % 2 === 0 ? [payload] : { a: payload };
    const diagnostics = validateDefinition({ StartAt: 'P', States: { P: { Type: 'Pass', End: true, Parameters: { p: payload } } } });
    expect(diagnostics.map((d) => d.pointer)).toEqual(['/States/P/Parameters']);
  });

  it('on shared and cyclic nodes built in code', () => {
    const processor: JsonObject = { StartAt: 'C', States: {} };
    const states = processor.States as JsonObject;
    states.C = { Type: 'Map', End: true, ItemProcessor: processor };
    expectWellFormed({ StartAt: 'C', States: states }, 'STANDARD');
    const cyclic: JsonObject = { 'a.$': 1 };
    cyclic.self = cyclic;
    expectWellFormed({ StartAt: 'P', States: { P: { Type: 'Pass', End: true, Parameters: cyclic } } }, 'STANDARD');
  });

  it('on many states', () => {
    const states: JsonObject = {};
    for (let i = 0; i < 20_000; i++) states[`S${i}`] = { Type: 'Pass', ...(i === 19_999 ? { End: true } : { Next: `S${i + 1}` }) };
    expect(validateDefinition({ StartAt: 'S0', States: states })).toEqual([]);
  });
});

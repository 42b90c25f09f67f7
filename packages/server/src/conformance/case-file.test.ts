import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCases, parseCase } from './case-file.js';

const minimal = { id: 'tests/a.py::T::test_one', category: 'base', definition: {}, expected: { status: 'SUCCEEDED' } };

describe('parseCase', () => {
  it('defaults runAs to ANY and features to none', () => {
    const c = parseCase('a.json', JSON.stringify(minimal));
    expect(c.execution.runAs).toBe('ANY');
    expect(c.features).toEqual([]);
    expect(c.file).toBe('a.json');
  });

  it('names the file when a case is broken', () => {
    expect(() => parseCase('b.json', '{')).toThrow(/^conformance case b.json: not JSON/);
    expect(() => parseCase('b.json', JSON.stringify({ ...minimal, id: 1 }))).toThrow('conformance case b.json: "id" must be a string');
    expect(() => parseCase('b.json', JSON.stringify({ ...minimal, execution: { runAs: 'SOMETIMES' } }))).toThrow(/runAs/);
  });
});

describe('loadCases', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('loads every case but the index, sorted by file, filtered by category and id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowgate-cases-'));
    dirs.push(dir);
    await writeFile(join(dir, 'index.json'), '{"cases": []}');
    await writeFile(join(dir, 'notes.txt'), 'not a case');
    await writeFile(join(dir, 'b.json'), JSON.stringify({ ...minimal, id: 'b::wait', category: 'base' }));
    await writeFile(join(dir, 'a.json'), JSON.stringify({ ...minimal, id: 'a::map', category: 'scenarios' }));
    expect((await loadCases(dir)).map((c) => c.id)).toEqual(['a::map', 'b::wait']);
    expect((await loadCases(dir, { categories: ['base'] })).map((c) => c.id)).toEqual(['b::wait']);
    expect((await loadCases(dir, { filters: ['map', 'nothing'] })).map((c) => c.id)).toEqual(['a::map']);
  });
});

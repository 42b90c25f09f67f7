import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDefinitionMessage } from '../errors.js';
import type { Json } from '../json.js';
import { validateDefinition } from './validate-definition.js';

/**
 * The ground truth: every definition AWS accepted must validate clean, and every definition
 * AWS refused for a structural reason must produce AWS's exact message.
 */
const CASES_DIR = '/work/shared/conformance/cases';

interface ConformanceCase {
  readonly id: string;
  readonly category: string;
  readonly definition: Json;
  readonly execution?: { readonly runAs?: string };
  readonly expected: { readonly createError?: { readonly code: string; readonly message: string } };
}

function loadCases(): ConformanceCase[] {
  return readdirSync(CASES_DIR)
    .filter((file) => file.endsWith('.json') && file !== 'index.json')
    .map((file) => JSON.parse(readFileSync(join(CASES_DIR, file), 'utf8')) as ConformanceCase);
}

/**
 * Refusals that belong to other modules: intrinsic-call syntax (intrinsics/) and AWS's
 * catalogue of service integrations (`dynamodb:query` is not an optimized integration).
 */
const OTHER_MODULES = ['test_illegal_escapes', 'test_invalid_integration'];

describe.skipIf(!existsSync(CASES_DIR))('conformance cases recorded against AWS', () => {
  const cases = existsSync(CASES_DIR) ? loadCases() : [];
  const accepted = cases.filter((c) => c.category !== 'validation');
  const refused = cases.filter((c) => c.category === 'validation');

  it('loads the cases', () => {
    expect(accepted.length).toBeGreaterThan(700);
    expect(refused.length).toBeGreaterThan(0);
  });

  it('accepts every definition AWS accepted (STANDARD)', () => {
    const failures = accepted
      .map((c) => ({ id: c.id, diagnostics: validateDefinition(c.definition) }))
      .filter((r) => r.diagnostics.length > 0);
    expect(failures).toEqual([]);
  });

  it('accepts as EXPRESS every definition AWS ran as EXPRESS or either way', () => {
    const failures = accepted
      .filter((c) => c.execution?.runAs !== 'STANDARD')
      .map((c) => ({ id: c.id, diagnostics: validateDefinition(c.definition, { type: 'EXPRESS' }) }))
      .filter((r) => r.diagnostics.length > 0);
    expect(failures).toEqual([]);
  });

  for (const refusal of refused) {
    const covered = !OTHER_MODULES.some((name) => refusal.id.includes(name));
    it.skipIf(!covered)(`refuses like AWS: ${refusal.id.split('::').pop() ?? refusal.id}`, () => {
      const diagnostics = validateDefinition(refusal.definition);
      expect(formatDefinitionMessage(diagnostics)).toBe(refusal.expected.createError?.message);
    });
  }
});

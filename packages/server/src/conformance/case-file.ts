// One conformance case: an execution recorded against AWS Step Functions (format described
// in shared/conformance/README.md), and the loading of a folder of them.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Json } from '@flowgate/core';
import type { ExpectedApiError, ExpectedOutcome } from './matcher.js';

/** How the case must be started; `ANY` leaves it to the runner's `--type`. */
export type RunAs = 'ANY' | 'STANDARD' | 'EXPRESS_SYNC' | 'EXPRESS_ASYNC';

export interface ConformanceCase {
  readonly id: string;
  readonly category: string;
  /** File name inside the cases folder. */
  readonly file: string;
  readonly features: readonly string[];
  readonly execution: { readonly runAs: RunAs; readonly recordedWith?: string };
  readonly definition: Json;
  /** The exact input text AWS was sent; absent for validation cases. */
  readonly input?: string;
  readonly lambdaFunctions?: readonly unknown[];
  readonly expected: ExpectedCaseResult;
}

export interface ExpectedCaseResult extends ExpectedOutcome {
  /** CreateStateMachine was rejected with this error (category `validation`). */
  readonly createError?: ExpectedApiError;
  /** StartExecution was rejected with this error. */
  readonly startError?: ExpectedApiError;
}

/** Which cases to load: all filters are "any of"; an empty list does not filter. */
export interface CaseSelection {
  readonly categories?: readonly string[];
  /** Substrings of the case id. */
  readonly filters?: readonly string[];
}

const RUN_AS: readonly RunAs[] = ['ANY', 'STANDARD', 'EXPRESS_SYNC', 'EXPRESS_ASYNC'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the members the runner relies on, so that a broken file fails loudly by name. */
export function parseCase(file: string, text: string): ConformanceCase {
  const fail = (why: string): never => {
    throw new Error(`conformance case ${file}: ${why}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isRecord(raw)) return fail('not a JSON object');
  if (typeof raw.id !== 'string') return fail('"id" must be a string');
  if (typeof raw.category !== 'string') return fail('"category" must be a string');
  if (!isRecord(raw.expected)) return fail('"expected" must be an object');
  if (raw.definition === undefined) return fail('"definition" is missing');
  if (raw.input !== undefined && typeof raw.input !== 'string') return fail('"input" must be the input text');
  const execution = isRecord(raw.execution) ? raw.execution : {};
  const runAs = execution.runAs ?? 'ANY';
  if (!RUN_AS.includes(runAs as RunAs)) return fail(`unknown execution.runAs ${JSON.stringify(runAs)}`);
  const features = Array.isArray(raw.features) ? raw.features.filter((f): f is string => typeof f === 'string') : [];
  return {
    ...(raw as unknown as ConformanceCase),
    file,
    features,
    execution: { ...execution, runAs: runAs as RunAs },
  };
}

function isSelected(c: ConformanceCase, selection: CaseSelection): boolean {
  const { categories = [], filters = [] } = selection;
  if (categories.length > 0 && !categories.includes(c.category)) return false;
  if (filters.length > 0 && !filters.some((text) => c.id.includes(text))) return false;
  return true;
}

/** Loads every case file of a folder (`index.json` is the catalogue, not a case), sorted by file name. */
export async function loadCases(dir: string, selection: CaseSelection = {}): Promise<ConformanceCase[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && f !== 'index.json').sort();
  const cases = await Promise.all(files.map(async (file) => parseCase(file, await readFile(join(dir, file), 'utf8'))));
  return cases.filter((c) => isSelected(c, selection));
}

/**
 * Replays the Choice cases recorded against AWS (shared/conformance/cases) through this
 * module alone: for every definition made of one Choice state (the StartAt) whose branches
 * end in Pass/Succeed/Fail states, the branch the compiled rules choose must produce the
 * recorded outcome. Most `choice_operators` cases route to a Pass whose `Result` is
 * `{"TestResult.$": "ConditionTrue" | "ConditionFalse"}`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StatesFailure } from '../errors.js';
import type { Json, JsonObject } from '../json.js';
import { getOwn, isJsonObject, jsonEquals } from '../json.js';
import type { ValueSources } from '../sources.js';
import { compileChoiceRules, findMatchingRule } from './index.js';

const CASES_DIR = process.env['FLOWGATE_CONFORMANCE_CASES'] ?? '/work/shared/conformance/cases';

interface RecordedCase {
  readonly id: string;
  readonly category: string;
  readonly definition: JsonObject;
  readonly input: string;
  readonly expected: { readonly status: string; readonly output?: Json; readonly error?: string | null; readonly cause?: Json };
}

type Outcome = { readonly status: 'SUCCEEDED'; readonly output: Json } | { readonly status: 'FAILED'; readonly error: string | undefined; readonly cause: string | undefined };

function loadCases(): RecordedCase[] {
  if (!existsSync(CASES_DIR)) return [];
  return readdirSync(CASES_DIR)
    .filter((file) => file.endsWith('.json') && file !== 'index.json')
    .map((file) => JSON.parse(readFileSync(join(CASES_DIR, file), 'utf8')) as RecordedCase)
    .filter((recorded) => isJsonObject(recorded.definition));
}

const CHOICE_FIELDS = new Set(['Type', 'Choices', 'Default', 'Comment']);
const END_FIELDS = new Set(['Type', 'Result', 'End', 'Comment', 'Error', 'Cause']);

/** The Choice state when the definition has the shape this replay understands. */
function replayableChoice(definition: JsonObject): JsonObject | undefined {
  const states = getOwn(definition, 'States');
  const startAt = getOwn(definition, 'StartAt');
  if (!isJsonObject(states) || typeof startAt !== 'string' || getOwn(definition, 'QueryLanguage') !== undefined) return undefined;
  const choice = getOwn(states, startAt);
  if (!isJsonObject(choice) || getOwn(choice, 'Type') !== 'Choice' || Object.keys(choice).some((key) => !CHOICE_FIELDS.has(key))) return undefined;
  for (const [name, state] of Object.entries(states)) {
    if (name === startAt) continue;
    if (!isJsonObject(state) || !['Pass', 'Succeed', 'Fail'].includes(getOwn(state, 'Type') as string)) return undefined;
    if (Object.keys(state).some((key) => !END_FIELDS.has(key))) return undefined;
  }
  return choice;
}

function replay(definition: JsonObject, choice: JsonObject, input: Json): Outcome {
  const states = getOwn(definition, 'States') as JsonObject;
  const { rules, diagnostics } = compileChoiceRules(getOwn(choice, 'Choices') as Json, '/States/Choice/Choices');
  expect(diagnostics).toEqual([]);
  const sources: ValueSources = {
    input,
    context: () => ({ Execution: { Input: input } }),
    variable: () => undefined,
  };
  let next: Json | undefined;
  try {
    next = findMatchingRule(rules, sources)?.next ?? getOwn(choice, 'Default');
  } catch (error) {
    if (!(error instanceof StatesFailure)) throw error;
    return { status: 'FAILED', error: error.error, cause: error.cause };
  }
  if (typeof next !== 'string') return { status: 'FAILED', error: 'States.NoChoiceMatched', cause: undefined };
  const target = getOwn(states, next) as JsonObject;
  const type = getOwn(target, 'Type');
  if (type === 'Fail') return { status: 'FAILED', error: getOwn(target, 'Error') as string | undefined, cause: getOwn(target, 'Cause') as string | undefined };
  const result = type === 'Pass' ? getOwn(target, 'Result') : undefined;
  return { status: 'SUCCEEDED', output: result === undefined ? input : result };
}

function expectConsistent(recorded: RecordedCase, outcome: Outcome): void {
  const { expected } = recorded;
  expect(outcome.status).toBe(expected.status);
  if (outcome.status === 'SUCCEEDED') {
    expect(jsonEquals(outcome.output, expected.output), `output ${JSON.stringify(outcome.output)} vs ${JSON.stringify(expected.output)}`).toBe(true);
  } else {
    expect(outcome.error).toBe(expected.error ?? undefined);
    // The runtime, not this module, adds the "An error occurred while executing the state…" prefix.
    if (typeof expected.cause === 'string' && outcome.cause !== undefined) expect(expected.cause.endsWith(outcome.cause)).toBe(true);
  }
}

const cases = loadCases();
const replayable = cases.flatMap((recorded) => {
  const choice = replayableChoice(recorded.definition);
  return choice ? [{ recorded, choice }] : [];
});

describe.skipIf(!existsSync(CASES_DIR))('Choice cases recorded against AWS', () => {
  const choiceOperators = cases.filter((recorded) => recorded.category === 'choice_operators');
  const operatorCases = replayable.filter(({ recorded }) => recorded.category === 'choice_operators');

  it('every choice_operators case has the replayable shape', () => {
    expect(choiceOperators.length).toBeGreaterThan(0);
    expect(operatorCases.length).toBe(choiceOperators.length);
  });

  describe('choice_operators', () => {
    it.each(operatorCases.map(({ recorded, choice }) => [recorded.id, recorded, choice] as const))('%s', (_id, recorded, choice) => {
      expectConsistent(recorded, replay(recorded.definition, choice, JSON.parse(recorded.input) as Json));
    });
  });

  const others = replayable.filter(({ recorded }) => recorded.category !== 'choice_operators');
  describe.skipIf(others.length === 0)('other categories with a lone Choice state', () => {
    it.each(others.map(({ recorded, choice }) => [recorded.id, recorded, choice] as const))('%s', (_id, recorded, choice) => {
      expectConsistent(recorded, replay(recorded.definition, choice, JSON.parse(recorded.input) as Json));
    });
  });
});

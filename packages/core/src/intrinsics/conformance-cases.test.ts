import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { StatesFailure } from '../errors.js';
import type { Json, JsonObject } from '../json.js';
import { defineKey, isJsonObject } from '../json.js';
import { compilePath } from '../jsonpath/index.js';
import { selectFrom, type ValueSources } from '../sources.js';
import { compileIntrinsic, looksLikeIntrinsic, type IntrinsicRuntime } from './index.js';

/**
 * Replays the recorded AWS cases of category `intrinsic_functions` whose machine is a chain
 * of JSONPath Pass states, emulating Parameters / Result / ResultPath / OutputPath just
 * enough to reach the intrinsic calls. The cases stay in the shared folder (read at run time).
 */
const CASES_DIR = '/work/shared/conformance/cases';
const MATCH_MODULE = '/work/shared/conformance/match.mjs';

interface ConformanceCase {
  id: string;
  category: string;
  definition: JsonObject;
  input?: string;
  expected: { status: string; output?: Json; error?: string | null; cause?: Json; placeholders?: Record<string, string> };
}

interface Outcome {
  status: 'SUCCEEDED' | 'FAILED';
  output?: string;
  error?: string;
  cause?: string;
}

type CompareOutcome = (expected: ConformanceCase['expected'], actual: Outcome) => { path: string }[];

const cases: ConformanceCase[] = existsSync(CASES_DIR)
  ? readdirSync(CASES_DIR)
      .filter((file) => file.endsWith('.json') && file !== 'index.json')
      .map((file) => JSON.parse(readFileSync(join(CASES_DIR, file), 'utf8')) as ConformanceCase)
      .filter((c) => c.category === 'intrinsic_functions')
  : [];

let ran = 0;
let skipped = 0;

describe.skipIf(cases.length === 0)('recorded AWS intrinsic_functions cases', () => {
  afterAll(() => {
    console.log(`intrinsic conformance: ${ran} cases checked, ${skipped} skipped (not a JSONPath Pass chain)`);
  });

  for (const c of cases) {
    const states = passChain(c.definition);
    if (states === undefined) {
      skipped++;
      it.skip(c.id, () => undefined);
      continue;
    }
    it(c.id, async () => {
      const { compareOutcome } = (await import(/* @vite-ignore */ pathToFileURL(MATCH_MODULE).href)) as { compareOutcome: CompareOutcome };
      const actual = runPassChain(states, c.input === undefined ? {} : (JSON.parse(c.input) as Json));
      ran++;
      expect(compareOutcome(c.expected, actual), JSON.stringify(actual)).toEqual([]);
    });
  }
});

/** The states from StartAt when they are all JSONPath Pass states, else undefined. */
function passChain(definition: JsonObject): [string, JsonObject][] | undefined {
  if (definition.QueryLanguage === 'JSONata') return undefined;
  const states = definition.States as JsonObject;
  const chain: [string, JsonObject][] = [];
  let name = definition.StartAt as string | undefined;
  while (name !== undefined) {
    const state = states[name];
    if (!isJsonObject(state) || state.Type !== 'Pass' || state.QueryLanguage === 'JSONata' || 'InputPath' in state) {
      return undefined;
    }
    chain.push([name, state]);
    name = state.End === true ? undefined : (state.Next as string);
  }
  return chain;
}

function runPassChain(states: [string, JsonObject][], executionInput: Json): Outcome {
  let input = executionInput;
  let draws = 0;
  for (const [index, [name, state]] of states.entries()) {
    const context: Json = {
      Execution: {
        Id: 'arn:aws:states:us-east-1:111111111111:execution:machine-name:exec-name',
        Input: executionInput,
        Name: 'exec-name',
        RoleArn: 'arn:aws:iam::111111111111:role/role',
        StartTime: '2024-01-01T00:00:00.000Z',
      },
      StateMachine: { Id: 'arn:aws:states:us-east-1:111111111111:stateMachine:machine-name', Name: 'machine-name' },
      State: { Name: name, EnteredTime: '2024-01-01T00:00:00.000Z' },
    };
    const sources: ValueSources = { input, context: () => context, variable: () => undefined };
    const rt: IntrinsicRuntime = { sources, random: () => ((draws++ * 0.6180339887) % 1) };
    try {
      const result = state.Parameters !== undefined ? evaluateTemplate(state.Parameters, rt) : (state.Result ?? input);
      const withResult = applyResultPath(input, state.ResultPath, result);
      input = typeof state.OutputPath === 'string' ? select(state.OutputPath, { ...sources, input: withResult }) : withResult;
    } catch (error) {
      if (!(error instanceof StatesFailure)) throw error;
      const prefix = `An error occurred while executing the state '${name}' (entered at the event id #${2 + 2 * index}). `;
      const outcome: Outcome = { status: 'FAILED', cause: (error.inState ? prefix : '') + (error.cause ?? '') };
      if (error.error !== undefined) outcome.error = error.error;
      return outcome;
    }
  }
  return { status: 'SUCCEEDED', output: JSON.stringify(input) };
}

function evaluateTemplate(template: Json, rt: IntrinsicRuntime): Json {
  if (Array.isArray(template)) return template.map((item) => evaluateTemplate(item, rt));
  if (!isJsonObject(template)) return template;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      const dynamic = looksLikeIntrinsic(value) ? compileIntrinsic(value).evaluate(rt) : select(value, rt.sources);
      defineKey(out, key.slice(0, -2), dynamic);
    } else {
      defineKey(out, key, evaluateTemplate(value, rt));
    }
  }
  return out;
}

function select(path: string, sources: ValueSources): Json {
  const result = selectFrom(compilePath(path), sources);
  if (!result.found) throw new StatesFailure('States.Runtime', result.message, true);
  return result.value;
}

/** `$` or absent replaces the input, `null` discards the result, `$.a.b` assigns a key. */
function applyResultPath(input: Json, resultPath: Json | undefined, result: Json): Json {
  if (resultPath === undefined || resultPath === '$') return result;
  if (resultPath === null) return input;
  const keys = (resultPath as string).replace(/^\$\.?/, '').split('.');
  const root: JsonObject = isJsonObject(input) ? { ...input } : {};
  let target = root;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      defineKey(target, key, result);
    } else {
      const child = isJsonObject(target[key]) ? { ...(target[key] as JsonObject) } : {};
      defineKey(target, key, child);
      target = child;
    }
  });
  return root;
}

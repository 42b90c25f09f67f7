#!/usr/bin/env node
// Writes bench/workloads/: JSONata twins of shared workload a (a-pass-chain-100), in the shared
// workload format (manifest.json + definition, input and expected files). Deterministic; run it
// again when the shared workload changes. The twins compute exactly the shared workload's
// expected output from its input.
//
// Each shared state is a Pass with Parameters (literals and `$.a.b` paths) and ResultPath
// `$.<key>`. Two JSONata spellings of it:
//   a-pass-chain-100-jsonata         Output: one expression, `$merge([$states.input, {'<key>': {…}}])`:
//                                    the ResultPath semantics, whatever else the input holds;
//   a-pass-chain-100-jsonata-output  Output: a JSON template whose leaves are `{% $states.input.a.b %}`,
//                                    listing the input's top-level fields (those of the workload's input).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.FLOWGATE_BENCH_WORKLOADS || join(repo, '..', 'shared', 'bench', 'workloads'));
const out = join(repo, 'bench', 'workloads');
const SOURCE = 'a-pass-chain-100';

const read = (file) => JSON.parse(readFileSync(join(shared, file), 'utf8'));
const definition = read(`${SOURCE}.asl.json`);
const input = read(`${SOURCE}.input.json`);
const expected = read(`${SOURCE}.expected.json`);

/** `$.a.b` → `$states.input.a.b`. */
function inputPath(path) {
  if (!/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(path)) throw new Error(`unsupported path ${path}`);
  return `$states.input${path.slice(1)}`;
}

/** A Parameters template as a JSONata object constructor. */
function objectExpression(template) {
  const members = Object.entries(template).map(([key, value]) => {
    if (key.endsWith('.$')) return `'${key.slice(0, -2)}': ${inputPath(value)}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return `'${key}': ${objectExpression(value)}`;
    return `'${key}': ${JSON.stringify(value)}`;
  });
  return `{${members.join(', ')}}`;
}

/** A Parameters template as a JSONata-mode JSON template. */
function outputTemplate(template) {
  return Object.fromEntries(
    Object.entries(template).map(([key, value]) => {
      if (key.endsWith('.$')) return [key.slice(0, -2), `{% ${inputPath(value)} %}`];
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return [key, outputTemplate(value)];
      return [key, value];
    }),
  );
}

function twin(describe) {
  const states = {};
  for (const [name, state] of Object.entries(definition.States)) {
    const { Parameters, ResultPath, Type, Next, End } = state;
    if (Type !== 'Pass' || !/^\$\.[A-Za-z_]+$/.test(ResultPath)) throw new Error(`${name}: not a Pass with ResultPath $.<key>`);
    states[name] = { Type, Output: describe(Parameters, ResultPath.slice(2)), ...(Next === undefined ? { End } : { Next }) };
  }
  return { Comment: `JSONata twin of ${SOURCE}`, QueryLanguage: 'JSONata', StartAt: definition.StartAt, States: states };
}

const merged = twin((parameters, key) => `{% $merge([$states.input, {'${key}': ${objectExpression(parameters)}}]) %}`);
const templated = twin((parameters, key) => {
  const output = {};
  for (const field of Object.keys(input)) if (field !== key) output[field] = `{% $states.input.${field} %}`;
  output[key] = outputTemplate(parameters);
  return output;
});

mkdirSync(out, { recursive: true });
const write = (file, value) => writeFileSync(join(out, file), `${JSON.stringify(value, null, 2)}\n`);
write(`${SOURCE}-jsonata.asl.json`, merged);
write(`${SOURCE}-jsonata-output.asl.json`, templated);
write(`${SOURCE}.input.json`, input);
write(`${SOURCE}.expected.json`, expected);
const common = { twinOf: SOURCE, transitionsPerExecution: 100, mode: 'throughput', input: `${SOURCE}.input.json`, expected: `${SOURCE}.expected.json` };
write('manifest.json', {
  version: 1,
  generatedBy: 'bench/gen-jsonata-workloads.mjs',
  workloads: [
    {
      id: `${SOURCE}-jsonata`,
      description: 'JSONata twin of a-pass-chain-100: 100 Pass states, Output = $merge of the input with the built object (the ResultPath semantics)',
      ...common,
      definition: `${SOURCE}-jsonata.asl.json`,
    },
    {
      id: `${SOURCE}-jsonata-output`,
      description: 'JSONata twin of a-pass-chain-100: 100 Pass states, Output = a JSON template of {% $states.input.… %} leaves',
      ...common,
      definition: `${SOURCE}-jsonata-output.asl.json`,
    },
  ],
});
console.log(`wrote ${out}`);

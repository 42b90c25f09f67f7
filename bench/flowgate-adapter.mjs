// Flowgate in the peer benchmark (shared/bench/peers, "Adding an engine"). It drives the BUILT
// package (packages/core/dist), as a user would: `npm run build` first (`npm run bench` does).
import { readFileSync } from 'node:fs';
import { compileStateMachine, systemClock } from '../packages/core/dist/index.js';

const { version } = JSON.parse(readFileSync(new URL('../packages/core/package.json', import.meta.url), 'utf8'));

/** Every execution is started with the same (never modified) options. */
const START_OPTIONS = Object.freeze({ mode: 'EXPRESS_SYNC', clock: systemClock });

/** The output of a successful execution; any other ending is a failed call for the harness. */
function outputOf(result) {
  if (result.status !== 'SUCCEEDED') throw new Error(`${result.status} ${result.error ?? ''}: ${result.cause ?? ''}`);
  return result.output;
}

export default {
  name: 'flowgate',
  version,
  unsupported() {
    return null;
  },
  // Compiling is untimed, like CreateStateMachine; each timed call is one StartSyncExecution
  // with the real clock (the Wait workloads really wait). The harness hands every call the
  // same input object: Flowgate never mutates its input, so no copy is made. A plain promise
  // chain rather than an async function: the concurrent workloads count every object a
  // pending call holds, and the adapter's own should not weigh on the engine's figures.
  prepare(definition) {
    const machine = compileStateMachine(definition, { type: 'EXPRESS', name: 'bench' });
    return (input) => machine.start(input, START_OPTIONS).then(outputOf);
  },
};

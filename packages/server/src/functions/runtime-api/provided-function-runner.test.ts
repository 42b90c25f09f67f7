import { chmodSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll } from 'vitest';
import type { FunctionDefinition } from '../function-runner.js';
import { describeFunctionRunner } from '../function-runner.suite.js';
import { createProvidedFunctionRunner } from './provided-function-runner.js';

// A bash bootstrap with curl, the custom runtime of AWS's tutorial (fixtures/shell/bootstrap).
const SHELL = fileURLToPath(new URL('../../../test-fixtures/functions/runtime-api/shell/', import.meta.url));

function shellFunction(handler: string, timeoutSeconds: number): FunctionDefinition {
  return {
    name: `shell-${handler}`,
    kind: 'provided',
    handler: `function.${handler}`,
    codeDirectory: SHELL,
    timeoutSeconds,
    memoryMb: 128,
    environment: { FLOWGATE_TEST_VALUE: 'from-config' },
  };
}

// A checkout without file modes (core.fileMode=false) would leave the script unexecutable.
beforeAll(() => chmodSync(`${SHELL}bootstrap`, 0o755));

describeFunctionRunner('provided, bash bootstrap', (definition) => createProvidedFunctionRunner(definition, { onLog: () => undefined }), {
  echo: () => shellFunction('echo_event', 5),
  throws: () => shellFunction('throws', 5),
  sleeps: () => shellFunction('sleeps', 1),
  loops: () => shellFunction('loops', 1),
  exits: () => shellFunction('exits', 5),
});

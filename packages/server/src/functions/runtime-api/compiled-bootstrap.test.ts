/**
 * The provided runner with a compiled runtime: a C program (fixtures/compiled/bootstrap.c,
 * sockets only) built here from its committed source, so that a fresh clone reproduces it.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { FunctionDefinition } from '../function-runner.js';
import { describeFunctionRunner } from '../function-runner.suite.js';
import { createProvidedFunctionRunner } from './provided-function-runner.js';

const SOURCE = fileURLToPath(new URL('../../../test-fixtures/functions/runtime-api/compiled/bootstrap.c', import.meta.url));
const BUILD = mkdtempSync(join(tmpdir(), 'flowgate-compiled-bootstrap-'));
const BOOTSTRAP = join(BUILD, 'bootstrap');

function compilerOnPath(): string {
  for (const name of ['cc', 'gcc', 'clang']) {
    for (const directory of (process.env.PATH ?? '').split(delimiter)) {
      try {
        accessSync(join(directory, name), constants.X_OK);
        return join(directory, name);
      } catch {
        // Not in this directory.
      }
    }
  }
  throw new Error('These tests build a C bootstrap and need a C compiler on PATH (cc, gcc or clang); none was found.');
}

beforeAll(() => {
  execFileSync(compilerOnPath(), ['-std=c11', '-O2', '-o', BOOTSTRAP, SOURCE], { stdio: ['ignore', 'ignore', 'inherit'] });
}, 60_000);
afterAll(() => rmSync(BUILD, { recursive: true, force: true }));

function compiledFunction(handler: string, timeoutSeconds: number): FunctionDefinition {
  return {
    name: `c-${handler}`,
    kind: 'provided',
    handler,
    codeDirectory: BUILD,
    timeoutSeconds,
    memoryMb: 128,
    environment: { FLOWGATE_TEST_VALUE: 'from-config' },
  };
}

describeFunctionRunner('provided, compiled C bootstrap', (definition) => createProvidedFunctionRunner(definition, { onLog: () => undefined }), {
  echo: () => compiledFunction('echo', 5),
  throws: () => compiledFunction('throws', 5),
  sleeps: () => compiledFunction('sleeps', 1),
  loops: () => compiledFunction('loops', 1),
  exits: () => compiledFunction('exits', 5),
});

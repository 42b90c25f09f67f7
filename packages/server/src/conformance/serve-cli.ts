#!/usr/bin/env node
// `npm run conformance:serve -- [cases-dir] [--port P]`: `flowgate serve` with the functions
// that conformance cases call registered under their ARNs (as real Python handlers), so that
// `node ../shared/conformance/run.mjs --include-lambda` can run those cases over HTTP.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { openStore } from '@flowgate/store';
import { createApiServer } from '../api/api-server.js';
import { parsePositiveInteger } from '../cli/option-parsers.js';
import { FunctionRegistry } from '../functions/function-registry.js';
import { defaultRunnerFactories } from '../functions/runner-factories.js';
import { defaultConformanceCasesDir } from '../repo-paths.js';
import { loadCases } from './case-file.js';
import { caseFunctionsOf, writeCaseFunctions } from './case-functions.js';

interface ServeCasesOptions {
  port: number;
  host: string;
}

async function serveCases(casesDir: string, options: ServeCasesOptions): Promise<void> {
  const cases = await loadCases(casesDir);
  const workDir = await mkdtemp(join(tmpdir(), 'flowgate-conformance-'));
  const definitions = await writeCaseFunctions(
    cases.flatMap((c) => caseFunctionsOf(c.lambdaFunctions)),
    join(workDir, 'functions'),
  );
  // Function output would drown the runner's report; failures show in the cases' causes.
  const functions = new FunctionRegistry(definitions, { factories: defaultRunnerFactories(() => undefined) });
  // The runner reads EXPRESS executions started asynchronously back with DescribeExecution.
  const api = await createApiServer({ store: await openStore(join(workDir, 'store.sqlite')), functions, recordExpressExecutions: true });
  const address = await api.listen(options.port, options.host);
  process.stderr.write(
    `Flowgate API listening on http://${address.address}:${address.port} with ${definitions.length} conformance functions\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await api.close(1000);
  await rm(workDir, { recursive: true, force: true });
}

const program = new Command('conformance:serve')
  .description('Serve the AWS Step Functions API with the functions of the conformance cases registered.')
  .argument('[cases-dir]', 'folder of case files', defaultConformanceCasesDir())
  .addOption(new Option('--port <port>', 'port to listen on').argParser(parsePositiveInteger).default(8083))
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .action(async (casesDir: string, options: ServeCasesOptions) => serveCases(casesDir, options));

await program.parseAsync(process.argv);

// `flowgate serve`: the AWS Step Functions API on one port, with embedded storage.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { openStore } from '@flowgate/store';
import { createApiServer } from '../api/api-server.js';
import { functionDefinitionsOf } from '../functions/function-config.js';
import { FunctionRegistry } from '../functions/function-registry.js';
import type { HttpConnection } from '../functions/http-task/index.js';
import { invokeHttpTask } from '../functions/http-task/index.js';
import { defaultRunnerFactories } from '../functions/runner-factories.js';
import { openMockConfigFile } from '../functions/mocks/mock-test-cases.js';
import type { LogSink } from '../observability/execution-log.js';
import { createFileLogSink, createStdoutLogSink } from '../observability/execution-log.js';
import type { CommandIo } from './command-io.js';
import { ExitCode } from './exit-codes.js';
import { tuneHeapForServing } from '../runtime/serving-heap.js';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** `postgres://…`, a SQLite file, or `:memory:`; default a SQLite file in the data folder. */
  readonly store?: string;
  /** `stdout`, or a file to append CloudWatch-format log lines to. */
  readonly logs?: string;
  readonly maxConcurrentExecutions: number;
  readonly recordExpress: boolean;
  readonly retainExecutions: number;
  readonly shutdownGrace: number;
  /** A Step Functions Local mock configuration file (`--mock-config`, or env SFN_MOCK_CONFIG). */
  readonly mockConfig?: string;
  /** Unmocked Task states of a test case fail instead of calling the real integration. */
  readonly mockStrict?: boolean;
  /** A JSON file `{ "functions": { "<name>": { runtime, handler, codeUri, … } } }`. */
  readonly functions?: string;
  /** Hosts HTTP Tasks may call (`localhost`, `*.example.com`, `127.0.0.1:8080`). */
  readonly httpAllowHost?: string[];
  /** EXPRESS machines may use `.waitForTaskToken` and activities (a Flowgate extension). */
  readonly expressCallbacks?: boolean;
}

export function storeLocationOf(options: Pick<ServeOptions, 'store' | 'dataDir'>): string {
  if (options.store !== undefined) return options.store;
  const folder = resolve(options.dataDir);
  mkdirSync(folder, { recursive: true });
  return join(folder, 'flowgate.sqlite');
}

function logSinkOf(logs: string | undefined): LogSink | undefined {
  if (logs === undefined) return undefined;
  return logs === 'stdout' ? createStdoutLogSink() : createFileLogSink(logs);
}

/**
 * The functions file: `functions` (name → runtime, handler, codeUri…) and, for HTTP Tasks,
 * `httpConnections` (EventBridge connection ARN → what it supplies locally:
 * `{ "authorization": { "kind": "apiKey", "name": "x-api-key", "value": "…" }, "headers": {…} }`).
 */
async function loadFunctions(file: string | undefined): Promise<{ registry: FunctionRegistry; connections: Record<string, HttpConnection> }> {
  if (file === undefined) return { registry: new FunctionRegistry([], { factories: defaultRunnerFactories() }), connections: {} };
  const document = JSON.parse(await readFile(file, 'utf8')) as { httpConnections?: Record<string, HttpConnection> };
  const definitions = functionDefinitionsOf(document, dirname(resolve(file)));
  return { registry: new FunctionRegistry(definitions, { factories: defaultRunnerFactories() }), connections: document.httpConnections ?? {} };
}

/** Serves until the signal aborts, then shuts down gracefully. */
export async function serve(options: ServeOptions, io: CommandIo, stop: AbortSignal): Promise<ExitCode> {
  tuneHeapForServing();
  // Read before the store opens: a bad mock file stops the server before it touches anything.
  const mocks =
    options.mockConfig === undefined
      ? undefined
      : await openMockConfigFile(options.mockConfig, { strict: options.mockStrict === true, onReload: (message) => io.stderr(`${message}\n`) });
  const { registry: functions, connections } = await loadFunctions(options.functions);
  const allowedHosts = options.httpAllowHost ?? [];
  const location = storeLocationOf(options);
  const store = await openStore(location);
  const logSink = logSinkOf(options.logs);
  const api = await createApiServer({
    store,
    maxConcurrentExecutions: options.maxConcurrentExecutions,
    recordExpressExecutions: options.recordExpress,
    retention: { maxExecutions: options.retainExecutions },
    ...(logSink === undefined ? {} : { logSink }),
    ...(mocks === undefined ? {} : { mocks }),
    functions,
    http: (parameters, signal) => invokeHttpTask(parameters, { allowedHosts, connections }, signal),
    expressCallbacks: options.expressCallbacks === true,
  });
  const address = await api.listen(options.port, options.host);
  const shown = location.startsWith('postgres') ? location.replace(/\/\/[^@/]*@/, '//') : location;
  io.stderr(`Flowgate API listening on http://${address.address}:${address.port} (store: ${shown})\n`);
  if (functions.size > 0) io.stderr(`Flowgate: functions ${functions.names().join(', ')}\n`);
  if (mocks !== undefined) io.stderr(`Flowgate: mock test cases from ${mocks.source}: start <state machine ARN>#<TestCase> to run one\n`);
  await new Promise<void>((resolveStop) => {
    if (stop.aborted) resolveStop();
    else stop.addEventListener('abort', () => resolveStop(), { once: true });
  });
  io.stderr('Flowgate: shutting down, finishing executions in flight…\n');
  await api.close(options.shutdownGrace * 1000);
  return ExitCode.Ok;
}

// `flowgate serve`: the AWS Step Functions API on one port, with embedded storage.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openStore } from '@flowgate/store';
import { createApiServer } from '../api/api-server.js';
import type { LogSink } from '../observability/execution-log.js';
import { createFileLogSink, createStdoutLogSink } from '../observability/execution-log.js';
import type { CommandIo } from './command-io.js';
import { ExitCode } from './exit-codes.js';

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

/** Serves until the signal aborts, then shuts down gracefully. */
export async function serve(options: ServeOptions, io: CommandIo, stop: AbortSignal): Promise<ExitCode> {
  const location = storeLocationOf(options);
  const store = await openStore(location);
  const logSink = logSinkOf(options.logs);
  const api = await createApiServer({
    store,
    maxConcurrentExecutions: options.maxConcurrentExecutions,
    recordExpressExecutions: options.recordExpress,
    retention: { maxExecutions: options.retainExecutions },
    ...(logSink === undefined ? {} : { logSink }),
  });
  const address = await api.listen(options.port, options.host);
  const shown = location.startsWith('postgres') ? location.replace(/\/\/[^@/]*@/, '//') : location;
  io.stderr(`Flowgate API listening on http://${address.address}:${address.port} (store: ${shown})\n`);
  await new Promise<void>((resolveStop) => {
    if (stop.aborted) resolveStop();
    else stop.addEventListener('abort', () => resolveStop(), { once: true });
  });
  io.stderr('Flowgate: shutting down, finishing executions in flight…\n');
  await api.close(options.shutdownGrace * 1000);
  return ExitCode.Ok;
}

import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TaskPort } from '@flowgate/core';
import type { RetentionPolicy, Store } from '@flowgate/store';
import { CompiledMachines } from '../executor/compiled-machines.js';
import { Executor } from '../executor/executor.js';
import type { LogSink } from '../observability/execution-log.js';
import { createUnconfiguredTaskPort } from '../unconfigured-task-port.js';
import { createApiActions } from './api-service.js';
import type { ArnScope } from './arn.js';
import { DEFAULT_SCOPE } from './arn.js';
import { createApiRequestHandler } from './protocol.js';
import { RecordCache } from './record-cache.js';

export interface ApiServerOptions {
  readonly store: Store;
  readonly scope?: ArnScope;
  readonly taskPort?: TaskPort;
  readonly logSink?: LogSink;
  readonly maxConcurrentExecutions?: number;
  readonly recordExpressExecutions?: boolean;
  /** Applied at start and then every `retentionIntervalMs`. */
  readonly retention?: RetentionPolicy & { readonly maxExecutions: number };
  readonly retentionIntervalMs?: number;
  readonly onUnexpectedError?: (error: unknown) => void;
}

export interface ApiServer {
  readonly server: Server;
  readonly executor: Executor;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops taking requests, lets executions finish for `graceMs`, records them, closes the store. */
  close(graceMs?: number): Promise<void>;
}

/** Executions still running when the process last stopped cannot resume: their state was in memory. */
const INTERRUPTED = {
  status: 'ABORTED',
  error: 'Flowgate.ServerRestarted',
  cause: 'The server stopped while the execution was running.',
} as const;

export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { store } = options;
  await store.closeInterruptedExecutions({ ...INTERRUPTED, stopDate: Date.now() });
  const executor = new Executor({
    store,
    taskPort: options.taskPort ?? createUnconfiguredTaskPort(),
    maxConcurrentExecutions: options.maxConcurrentExecutions ?? 10_000,
    recordExpressExecutions: options.recordExpressExecutions ?? true,
    ...(options.logSink === undefined ? {} : { logSink: options.logSink }),
  });
  const actions = createApiActions({
    store,
    executor,
    machines: new CompiledMachines(),
    records: new RecordCache(store),
    scope: options.scope ?? DEFAULT_SCOPE,
    now: Date.now,
    knownSnapshots: new Set(),
  });
  const onUnexpected = options.onUnexpectedError ?? ((error: unknown) => console.error('flowgate: unexpected error', error));
  const server = createServer(createApiRequestHandler(actions, onUnexpected));
  // Synchronous executions may run for five minutes; Node's default request timeout is shorter.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 65_000;

  let retentionTimer: NodeJS.Timeout | undefined;
  const retention = options.retention;
  if (retention !== undefined) {
    const prune = (): void => {
      store.pruneExecutions(retention).catch(onUnexpected);
    };
    prune();
    retentionTimer = setInterval(prune, options.retentionIntervalMs ?? 60_000);
    retentionTimer.unref();
  }

  return {
    server,
    executor,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    async close(graceMs = 10_000) {
      clearInterval(retentionTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await executor.shutdown(graceMs);
      // Answers of the last executions are being written; give them a moment, then cut the rest.
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      server.closeAllConnections();
      await closed;
      await store.close();
    },
  };
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWorkflowServer, listen } from '../runtime/http-server.js';
import type { RetentionPolicy, Store } from '@flowgate/store';
import { CompiledMachines } from '../executor/compiled-machines.js';
import { Executor } from '../executor/executor.js';
import type { ExecutorOptions } from '../executor/executor.js';
import type { LogSink } from '../observability/execution-log.js';
import { TaskCallbacks } from '../functions/callbacks/task-callbacks.js';
import { FunctionRegistry } from '../functions/function-registry.js';
import type { HttpTaskInvoker, IntegrationServices } from '../functions/task-integrations.js';
import { createIntegrationTaskPort } from '../functions/task-integrations.js';
import type { MockTestCases } from '../functions/mocks/mock-test-cases.js';
import { createNestedWorkflows } from './nested-workflows.js';
import type { ServiceContext } from './service-context.js';
import { createApiActions } from './api-service.js';
import type { ArnScope } from './arn.js';
import { DEFAULT_SCOPE } from './arn.js';
import type { ActionHandler } from './protocol.js';
import { createApiRequestHandler } from './protocol.js';
import { RecordCache } from './record-cache.js';

export interface ApiServerOptions {
  readonly store: Store;
  readonly scope?: ArnScope;
  /** The functions Task states can call; without it, only nested workflows are served. */
  readonly functions?: FunctionRegistry;
  /** Serves `arn:aws:states:::http:invoke`; without it, HTTP tasks fail. */
  readonly http?: HttpTaskInvoker;
  /** Replaces the task integrations altogether (tests). */
  readonly taskPortFor?: ExecutorOptions['taskPortFor'];
  readonly logSink?: LogSink;
  readonly maxConcurrentExecutions?: number;
  /**
   * Flowgate extension, off by default: EXPRESS machines may use `.waitForTaskToken` and
   * activities, which AWS refuses at creation.
   */
  readonly expressCallbacks?: boolean;
  /**
   * Flowgate extension, off by default as on AWS: keep records and history of EXPRESS
   * executions, so that DescribeExecution, GetExecutionHistory and ListExecutions answer for
   * them.
   */
  readonly recordExpressExecutions?: boolean;
  /** Applied at start and then every `retentionIntervalMs`. */
  readonly retention?: RetentionPolicy & { readonly maxExecutions: number };
  readonly retentionIntervalMs?: number;
  readonly onUnexpectedError?: (error: unknown) => void;
  /** Mock test cases, selected by starting `<state machine ARN>#<TestCase>` (Step Functions Local). */
  readonly mocks?: MockTestCases;
  /** How long GetActivityTask waits for a task before answering without one (AWS: 60 000). */
  readonly activityPollMs?: number;
}

export interface ApiServer {
  readonly server: Server;
  readonly executor: Executor;
  /** What every action works with: other front doors (the gateway) start executions through it. */
  readonly context: ServiceContext;
  /** The actions by name, for callers in the same process (`flowgate dev` deploying workflows). */
  readonly actions: Readonly<Record<string, ActionHandler>>;
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
  // Nested workflows need the service context, which needs the executor: bound once both exist.
  const bound: { services?: IntegrationServices } = {};
  const functions = options.functions ?? new FunctionRegistry([], { factories: {} });
  const callbacks = new TaskCallbacks({
    activityExists: async (arn) => (await store.getActivity(arn)) !== undefined,
    ...(options.activityPollMs === undefined ? {} : { pollWaitMs: options.activityPollMs }),
  });
  const executor = new Executor({
    store,
    taskPortFor: options.taskPortFor ?? ((caller) => createIntegrationTaskPort(bound.services as IntegrationServices, caller)),
    maxConcurrentExecutions: options.maxConcurrentExecutions ?? 10_000,
    recordExpressExecutions: options.recordExpressExecutions === true,
    ...(options.logSink === undefined ? {} : { logSink: options.logSink }),
  });
  const context: ServiceContext = {
    store,
    executor,
    machines: new CompiledMachines(512, options.expressCallbacks === true),
    expressCallbacks: options.expressCallbacks === true,
    records: new RecordCache(store),
    scope: options.scope ?? DEFAULT_SCOPE,
    now: Date.now,
    knownSnapshots: new Set(),
    callbacks,
    ...(options.mocks === undefined ? {} : { mocks: options.mocks }),
  };
  bound.services = {
    functions,
    workflows: createNestedWorkflows(context),
    callbacks,
    ...(options.http === undefined ? {} : { http: options.http }),
  };
  const actions = createApiActions(context);
  const onUnexpected = options.onUnexpectedError ?? ((error: unknown) => console.error('flowgate: unexpected error', error));
  const server = createWorkflowServer(createApiRequestHandler(actions, onUnexpected));

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
    context,
    actions,
    listen: (port, host) => listen(server, port, host),
    async close(graceMs = 10_000) {
      clearInterval(retentionTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Workers' long polls end now, with no task, so that their connections can close.
      callbacks.close();
      await executor.shutdown(graceMs);
      // Answers of the last executions are being written; give them a moment, then cut the rest.
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      server.closeAllConnections();
      await closed;
      await store.close();
      await functions.close();
    },
  };
}

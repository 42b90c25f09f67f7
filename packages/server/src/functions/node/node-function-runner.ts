/**
 * Runs Node.js Lambda handlers (`kind: 'nodejs'`) in worker threads, never in the server's
 * own thread: each worker is one execution environment, reused while it stays healthy (warm
 * starts) and replaced after a crash, a timeout or an abort. Whatever the function does — throw,
 * hang, spin, exhaust its heap, call process.exit — the invocation fails and the server goes on.
 *
 * Worker threads isolate failures, not trust: they share the process (its time zone, working
 * directory, file descriptors), and native code or `process.kill` reach beyond the worker.
 */
import { resolve } from 'node:path';
import type { FunctionDefinition, FunctionRunner, InvocationOutcome, InvocationRequest } from '../function-runner.js';
import { LambdaServiceError } from '../function-runner.js';
import { FunctionWorker } from './function-worker.js';
import { locateHandler } from './handler-module.js';
import { InvocationLog } from './invocation-log.js';
import { environmentIdentity, lambdaEnvironment } from './lambda-environment.js';
import { RuntimeInitError, toRapidError } from './rapid-error.js';
import { abortError, runInvocation } from './run-invocation.js';
import type { InvocationSettings } from './run-invocation.js';
import { transpiledPath } from './typescript-build.js';
import { workerEntryUrl } from './worker-entry.js';
import { WorkerPool } from './worker-pool.js';

export interface NodeFunctionRunnerOptions {
  /** Where the function's log lines go, besides the invocation's tail. Default: stderr, as `[name] line`. */
  readonly onLog?: (functionName: string, line: string) => void;
  /**
   * Workers one function may have when `maxConcurrency` is not set; further invocations wait
   * for one (Lambda would start more environments; a local machine has to stop somewhere).
   */
  readonly maxWorkers?: number;
  /** An idle worker ends after this long (default 10 minutes). */
  readonly idleTimeoutMs?: number;
  /** Where transpiled TypeScript handlers are cached (default: under the OS temp dir). */
  readonly cacheDir?: string;
}

const DEFAULT_MAX_WORKERS = 32;
const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60_000;

export function createNodeFunctionRunner(definition: FunctionDefinition, options: NodeFunctionRunnerOptions = {}): FunctionRunner {
  if (definition.kind !== 'nodejs') throw new Error(`The Node.js runner cannot run a '${definition.kind}' function (${definition.name}).`);
  const { handler, codeDirectory } = definition;
  if (handler === undefined || codeDirectory === undefined) {
    throw new Error(`Function ${definition.name} needs a handler and a code directory to run on Node.js.`);
  }
  const sink = options.onLog ?? ((name: string, line: string) => void process.stderr.write(`[${name}] ${line}\n`));
  const forward = (line: string): void => sink(definition.name, line);
  const root = resolve(codeDirectory);
  const environmentDefinition = { ...definition, codeDirectory: root };
  const logs = new WeakMap<FunctionWorker, InvocationLog>();
  const closedError = (): Error => new LambdaServiceError('ServiceException', `The runner of function ${definition.name} is closed.`, 500);
  const settings: InvocationSettings = { timeoutSeconds: definition.timeoutSeconds, memoryMb: definition.memoryMb, closedError };
  let inFlight = 0;
  let closed = false;

  const pool = new WorkerPool({
    limit: definition.maxConcurrency ?? options.maxWorkers ?? DEFAULT_MAX_WORKERS,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    closedError,
    async spawn(onExit) {
      // Resolved again for every new environment, so a cold start picks up edited code.
      const location = await locateHandler(root, handler);
      const modulePath = location.typescript ? await transpiledPath(location.sourcePath, location.format, options.cacheDir) : location.sourcePath;
      const entry = await workerEntryUrl();
      const worker: FunctionWorker = new FunctionWorker({
        entry,
        setup: {
          modulePath,
          loader: location.format === 'module' ? 'import' : 'require',
          exportPath: location.exportPath,
          handlerString: handler,
          sourceMaps: location.typescript,
        },
        env: lambdaEnvironment(environmentDefinition, environmentIdentity(definition.name)),
        memoryMb: definition.memoryMb,
        onLog: (text) => {
          const log = logs.get(worker);
          if (log === undefined) for (const line of text.split('\n')) forward(line);
          else log.add(text);
        },
        onExit,
      });
      return worker;
    },
  });

  async function run(request: InvocationRequest): Promise<InvocationOutcome> {
    const log = new InvocationLog(request.requestId, forward);
    let worker: FunctionWorker;
    try {
      worker = await pool.acquire(request.signal);
    } catch (error) {
      if (request.signal.aborted) throw abortError(request.signal);
      if (!(error instanceof RuntimeInitError)) throw error;
      // The handler cannot be found or built: Lambda answers such init failures as errors.
      log.start();
      log.add(`${new Date().toISOString()}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify(toRapidError(error))}`);
      log.end({ durationMs: 0, memorySizeMb: definition.memoryMb, status: 'error', errorType: error.name });
      return { payload: JSON.stringify(toRapidError(error)), functionError: 'Unhandled', executedVersion: '$LATEST', logTail: log.tail() };
    }
    logs.set(worker, log);
    try {
      return await runInvocation(worker, request, log, settings);
    } finally {
      logs.delete(worker);
      if (worker.reusable && !closed) pool.release(worker);
      else pool.discard(worker);
    }
  }

  return {
    async invoke(request) {
      if (closed) throw closedError();
      if (request.signal.aborted) throw abortError(request.signal);
      // Lambda's reserved concurrency: beyond it, invokes are throttled, never queued.
      if (definition.maxConcurrency !== undefined && inFlight >= definition.maxConcurrency) {
        throw new LambdaServiceError('TooManyRequestsException', 'Rate Exceeded.', 429);
      }
      inFlight += 1;
      try {
        return await run(request);
      } finally {
        inFlight -= 1;
      }
    },
    async close() {
      closed = true;
      await pool.close();
    },
  };
}

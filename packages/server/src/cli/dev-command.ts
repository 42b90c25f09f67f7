// `flowgate dev [dir]`: the whole application locally — its HTTP API (the gateway), its
// workflows behind the AWS Step Functions API, and its functions — reloaded on change.
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { openStore } from '@flowgate/store';
import { createApiServer } from '../api/api-server.js';
import type { ApiServer } from '../api/api-server.js';
import { stateMachineArnOf } from '../api/arn.js';
import type { Application, RouteConfig } from '../app/application.js';
import { deployWorkflows } from '../app/deploy-workflows.js';
import { createFunctionInvoker, createWorkflowInvoker } from '../app/gateway-invokers.js';
import { WorkflowStarter } from '../app/workflow-starter.js';
import { ConfigError, findApplication, loadSamTemplate } from '../config/index.js';
import { FunctionRegistry } from '../functions/function-registry.js';
import { invokeHttpTask } from '../functions/http-task/index.js';
import { defaultRunnerFactories } from '../functions/runner-factories.js';
import { createGateway } from '../gateway/index.js';
import type { Gateway } from '../gateway/index.js';
import { createStdoutLogSink } from '../observability/execution-log.js';
import type { CommandIo } from './command-io.js';
import { ExitCode } from './exit-codes.js';
import { tuneHeapForServing } from '../runtime/serving-heap.js';

export interface DevOptions {
  readonly template?: string;
  readonly port: number;
  readonly apiPort: number;
  readonly host: string;
  readonly dataDir?: string;
  readonly watch: boolean;
  readonly logs: boolean;
  readonly parameter?: string[];
  /** EXPRESS machines may use `.waitForTaskToken` and activities (a Flowgate extension). */
  readonly expressCallbacks?: boolean;
}

function parametersOf(pairs: readonly string[] | undefined): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at > 0) parameters[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return parameters;
}

async function loadApplication(dir: string, options: DevOptions): Promise<Application> {
  const loadOptions = { parameters: parametersOf(options.parameter) };
  return options.template === undefined ? findApplication(dir, loadOptions) : loadSamTemplate(resolve(options.template), loadOptions);
}

function describeRoute(route: RouteConfig): string {
  const { target } = route;
  const to =
    target.kind === 'workflow'
      ? `workflow ${target.workflow}`
      : target.kind === 'function'
        ? `function ${target.function}`
        : `Step Functions ${target.action} (REST API mapping templates)`;
  // REST API routes are also served under their stage: `/Prod/orders`.
  const path = route.restApi === undefined ? route.path : `[/${route.restApi.stageName}]${route.path === '/' ? '' : route.path}`;
  return `${route.method.padEnd(7)} ${path.padEnd(32)} → ${to}`;
}

/** Loads, deploys and serves the application; reloads it when a file of the folder changes. */
export async function dev(dir: string, options: DevOptions, io: CommandIo, stop: AbortSignal): Promise<ExitCode> {
  tuneHeapForServing();
  // With a template, its folder is the application: paths in it resolve from there.
  const root = options.template === undefined ? resolve(dir) : dirname(resolve(options.template));
  let app: Application;
  try {
    app = await loadApplication(root, options);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`${error.message}\n`);
      return ExitCode.Unusable;
    }
    throw error;
  }
  const dataDir = resolve(options.dataDir ?? join(app.root, '.flowgate'));
  mkdirSync(dataDir, { recursive: true });
  const functions = new FunctionRegistry(app.functions, { factories: defaultRunnerFactories() });
  const api: ApiServer = await createApiServer({
    store: await openStore(join(dataDir, 'flowgate.sqlite')),
    functions,
    // Locally, HTTP Tasks may call services on this machine.
    http: (parameters, signal) => invokeHttpTask(parameters, { allowedHosts: ['localhost', '127.0.0.1'], connections: {} }, signal),
    ...(options.logs ? { logSink: createStdoutLogSink() } : {}),
    expressCallbacks: options.expressCallbacks === true,
    // The application's executions are what one looks at while developing it.
    recordExpressExecutions: true,
  });
  const arnOf = (name: string): string => stateMachineArnOf(api.context.scope, name);
  const deploy = async (application: Application): Promise<boolean> => {
    const report = await deployWorkflows(api.actions, arnOf, application.workflows);
    for (const [name, message] of Object.entries(report.failed)) io.stderr(`workflow ${name}: ${message}\n`);
    return Object.keys(report.failed).length === 0;
  };
  for (const warning of app.warnings) io.stderr(`warning: ${warning}\n`);
  await deploy(app);

  const starter = new WorkflowStarter(api.context);
  const gateway: Gateway = createGateway({
    routes: app.routes,
    ...(app.responseDefaults === undefined ? {} : { responseDefaults: app.responseDefaults }),
    workflows: createWorkflowInvoker(starter),
    functions: createFunctionInvoker(functions),
    onError: (error: unknown) => io.stderr(`gateway: ${error instanceof Error ? error.message : String(error)}\n`),
  });
  const apiAddress = await api.listen(options.apiPort, options.host);
  const gatewayAddress = await gateway.listen(options.port, options.host);
  io.stdout(`Flowgate dev: ${relative(process.cwd(), root) || '.'}\n`);
  io.stdout(`  HTTP API (gateway)  http://${gatewayAddress.address}:${gatewayAddress.port}\n`);
  io.stdout(`  AWS Step Functions  http://${apiAddress.address}:${apiAddress.port}\n`);
  io.stdout(`  workflows           ${app.workflows.map((w) => w.name).join(', ') || '(none)'}\n`);
  io.stdout(`  functions           ${app.functions.map((f) => f.name).join(', ') || '(none)'}\n`);
  for (const route of app.routes) io.stdout(`  ${describeRoute(route)}\n`);

  let watcher: FSWatcher | undefined;
  if (options.watch) {
    let pending: NodeJS.Timeout | undefined;
    const reload = async (): Promise<void> => {
      try {
        const next = await loadApplication(root, options);
        if (!(await deploy(next))) {
          io.stderr('reload: kept the previous workflows where a definition was refused\n');
        }
        functions.replaceAll(next.functions);
        gateway.setRoutes(next.routes, next.responseDefaults);
        io.stdout(`reloaded: ${next.workflows.length} workflows, ${next.functions.length} functions, ${next.routes.length} routes\n`);
      } catch (error) {
        // The last good version keeps serving.
        io.stderr(`reload failed, still serving the previous version: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    };
    watcher = watch(root, { recursive: true }, (_event, file) => {
      const name = String(file ?? '');
      const parts = name.split(/[\\/]/);
      if (parts.includes('.flowgate') || parts.includes('node_modules') || parts.includes('.git')) return;
      clearTimeout(pending);
      pending = setTimeout(() => void reload(), 300);
    });
  }

  await new Promise<void>((resolveStop) => {
    if (stop.aborted) resolveStop();
    else stop.addEventListener('abort', () => resolveStop(), { once: true });
  });
  watcher?.close();
  io.stderr('Flowgate dev: shutting down…\n');
  await gateway.close(5000);
  await api.close(5000);
  return ExitCode.Ok;
}

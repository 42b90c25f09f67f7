import type { ExecutionRecord } from '@flowgate/store';
import { stateMachineArnOf } from '../api/arn.js';
import type { Json } from '@flowgate/core';
import { executionRequestOf, resolveForStart } from '../api/machine-resolution.js';
import type { ServiceContext } from '../api/service-context.js';
import type { ExecutionRequest } from '../executor/executor.js';

export interface StartRequest {
  /** A state machine name, `name:<version>`, `name:<alias>`, or a full state machine ARN. */
  readonly workflow: string;
  readonly inputText: string;
  readonly name?: string;
  readonly traceHeader?: string;
  /** Aborting stops the execution (the HTTP client went away). */
  readonly signal?: AbortSignal;
}

/**
 * Starts executions for front doors other than the AWS API (the gateway), with the same
 * resolution of versions and aliases, the same executor, records and logs.
 */
export class WorkflowStarter {
  constructor(private readonly context: ServiceContext) {}

  arnOf(workflow: string): string {
    return workflow.startsWith('arn:') ? workflow : stateMachineArnOf(this.context.scope, workflow);
  }

  async request(start: StartRequest, mode: 'sync' | 'async'): Promise<ExecutionRequest> {
    const resolved = await resolveForStart(this.context, this.arnOf(start.workflow));
    const signal = start.signal;
    return executionRequestOf(resolved, {
      // A STANDARD machine behind a synchronous route still runs as STANDARD; the route waits.
      mode: resolved.machine.type === 'STANDARD' ? 'STANDARD' : mode === 'sync' ? 'EXPRESS_SYNC' : 'EXPRESS_ASYNC',
      input: JSON.parse(start.inputText) as Json,
      inputText: start.inputText,
      ...(start.name === undefined ? {} : { name: start.name }),
      ...(start.traceHeader === undefined ? {} : { traceHeader: start.traceHeader }),
      ...(signal === undefined
        ? {}
        : {
            watchCaller: (stop: () => void) => {
              if (signal.aborted) stop();
              else signal.addEventListener('abort', stop, { once: true });
            },
          }),
    });
  }

  /** Runs to the end, whatever the machine's type (the gateway's synchronous routes). */
  async startSync(start: StartRequest): Promise<ExecutionRecord> {
    return this.context.executor.runSync(await this.request(start, 'sync'));
  }

  async startAsync(start: StartRequest): Promise<ExecutionRecord> {
    return this.context.executor.startAsync(await this.request(start, 'async'));
  }
}

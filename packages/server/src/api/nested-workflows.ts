import { randomUUID } from 'node:crypto';
import type { Json, JsonObject } from '@flowgate/core';
import { StatesErrors, TaskFailure, toJsonText } from '@flowgate/core';
import type { ExecutionRecord } from '@flowgate/store';
import { BILLED_MEMORY_MB, billedDurationMs } from '../executor/billing.js';
import type { NestedCallKind, NestedWorkflows } from '../functions/task-integrations.js';
import { ApiError } from './errors.js';
import { executionRequestOf, resolveForStart } from './machine-resolution.js';
import type { ServiceContext } from './service-context.js';

/**
 * Workflows that start workflows: `arn:aws:states:::states:startExecution` (request-response,
 * `.sync`, `.sync:2`) and the SDK forms `aws-sdk:sfn:startExecution`/`startSyncExecution`.
 * The child runs on this server, carries the parent's trace header, and AWS's result shapes
 * come back (PascalCase, dates as epoch milliseconds as the Java SDK serialises them).
 */
export function createNestedWorkflows(context: ServiceContext): NestedWorkflows {
  return {
    async invoke(kind, parameters, caller, signal) {
      const sdkForm = kind.startsWith('aws-sdk:');
      const arn = parameters.StateMachineArn;
      if (typeof arn !== 'string') throw new TaskFailure(StatesErrors.TaskFailed, "The field 'StateMachineArn' is required to start an execution.");
      const inputText = inputTextOf(parameters.Input);
      const name = typeof parameters.Name === 'string' ? parameters.Name : undefined;
      try {
        const resolved = await resolveForStart(context, arn);
        const synchronous = kind === 'aws-sdk:sfn:startSyncExecution';
        if (synchronous && resolved.machine.type !== 'EXPRESS') {
          throw new ApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
        }
        const request = executionRequestOf(resolved, {
          mode: synchronous ? 'EXPRESS_SYNC' : resolved.machine.type === 'STANDARD' ? 'STANDARD' : 'EXPRESS_ASYNC',
          input: JSON.parse(inputText) as Json,
          inputText,
          // The parent's stop or timeout stops a child it waits for.
          watchCaller: (stop: () => void) => signal.addEventListener('abort', stop, { once: true }),
          ...(name === undefined ? {} : { name }),
          ...(caller.traceHeader === undefined ? {} : { traceHeader: caller.traceHeader }),
        });
        if (synchronous) return syncResult(await context.executor.runSync(request));
        const started = await context.executor.startAsync({ ...request, watchCaller: () => undefined });
        if (kind === 'states:startExecution' || kind === 'aws-sdk:sfn:startExecution') return startResult(started, sdkForm);
        const finished = (await context.executor.completionOf(started.arn)) ?? (await context.store.getExecution(started.arn)) ?? started;
        return waitedResult(finished, kind);
      } catch (error) {
        if (error instanceof ApiError) throw serviceFailure(error, sdkForm);
        throw error;
      }
    },
  };
}

function inputTextOf(input: Json | undefined): string {
  if (input === undefined) return '{}';
  if (typeof input === 'string') {
    try {
      JSON.parse(input);
      return input;
    } catch {
      throw new TaskFailure(StatesErrors.TaskFailed, `The execution input is not valid JSON: ${input.slice(0, 200)}`);
    }
  }
  return toJsonText(input);
}

function httpMetadata(): JsonObject {
  const requestId = randomUUID();
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: { 'Content-Type': ['application/x-amz-json-1.0'], 'x-amzn-RequestId': [requestId] },
      HttpHeaders: { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': requestId },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

function startResult(record: ExecutionRecord, sdkForm: boolean): Json {
  const result: JsonObject = { ExecutionArn: record.arn, StartDate: record.startDate };
  return sdkForm ? result : { ...result, ...httpMetadata() };
}

function description(record: ExecutionRecord, parseData: boolean): JsonObject {
  const data = (text: string | undefined): Json | undefined => (text === undefined ? undefined : parseData ? (JSON.parse(text) as Json) : text);
  const out: JsonObject = {
    ExecutionArn: record.arn,
    StateMachineArn: record.stateMachineArn,
    Name: record.name,
    Status: record.status,
    StartDate: record.startDate,
  };
  if (record.stopDate !== undefined) out.StopDate = record.stopDate;
  out.Input = data(record.input) ?? null;
  out.InputDetails = { Included: true };
  const output = data(record.output);
  if (output !== undefined) {
    out.Output = output;
    out.OutputDetails = { Included: true };
  }
  if (record.error !== undefined) out.Error = record.error;
  if (record.cause !== undefined) out.Cause = record.cause;
  return out;
}

/** `.sync` keeps Input and Output as JSON text, `.sync:2` parses them; a child that did not succeed fails the task. */
function waitedResult(record: ExecutionRecord, kind: NestedCallKind): Json {
  const result = description(record, kind === 'states:startExecution.sync:2');
  if (record.status !== 'SUCCEEDED') throw new TaskFailure(StatesErrors.TaskFailed, JSON.stringify(result));
  return result;
}

/** StartSyncExecution answers every outcome; the caller inspects Status (AWS's always-200 contract). */
function syncResult(record: ExecutionRecord): Json {
  const result = description(record, false);
  result.BillingDetails = {
    BilledMemoryUsedInMB: BILLED_MEMORY_MB,
    BilledDurationInMilliseconds: billedDurationMs(record.startDate, record.stopDate ?? record.startDate),
  };
  return result;
}

/** The Step Functions service error a nested start ran into, named as each integration style names it. */
function serviceFailure(error: ApiError, sdkStyle: boolean): TaskFailure {
  const exception = error.code.endsWith('Exception') ? error.code : `${error.code}Exception`;
  const prefix = sdkStyle ? 'Sfn' : 'StepFunctions';
  const service = sdkStyle ? 'Sfn' : 'AWSStepFunctions';
  return new TaskFailure(
    `${prefix}.${exception}`,
    `${error.message} (Service: ${service}; Status Code: ${error.status}; Error Code: ${error.code}; Request ID: ${randomUUID()}; Proxy: null)`,
  );
}

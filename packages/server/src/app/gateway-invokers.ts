import { parseExecutionInput } from '@flowgate/core';
import { EngineError } from '@flowgate/core';
import { ApiError } from '../api/errors.js';
import type { FunctionRegistry } from '../functions/function-registry.js';
import { callFunction } from '../functions/lambda-integration.js';
import type { FunctionInvoker, SyncOutcome, WorkflowInvoker } from '../gateway/index.js';
import type { WorkflowStarter } from './workflow-starter.js';

/** Checks the mapped input as StartSyncExecution would, so a bad body is the client's 400. */
function checkedInput(inputText: string): string {
  try {
    parseExecutionInput(inputText);
    return inputText;
  } catch (error) {
    if (error instanceof EngineError) throw new ApiError(error.code, error.message);
    throw error;
  }
}

/** The gateway's workflow routes, served by the same executor as the AWS API. */
export function createWorkflowInvoker(starter: WorkflowStarter): WorkflowInvoker {
  return {
    async startSync(workflow, inputText, options) {
      const record = await starter.startSync({
        workflow,
        inputText: checkedInput(inputText),
        traceHeader: options.traceHeader,
        signal: options.signal,
        ...(options.name === undefined ? {} : { name: options.name }),
      });
      const outcome: SyncOutcome = {
        executionArn: record.arn,
        stateMachineArn: record.stateMachineArn,
        name: record.name,
        startDate: record.startDate,
        stopDate: record.stopDate ?? record.startDate,
        status: record.status === 'RUNNING' ? 'ABORTED' : record.status,
        input: record.input,
        ...(record.output === undefined ? {} : { output: record.output }),
        ...(record.error === undefined ? {} : { error: record.error }),
        ...(record.cause === undefined ? {} : { cause: record.cause }),
        ...(record.traceHeader === undefined ? {} : { traceHeader: record.traceHeader }),
      };
      return outcome;
    },
    async startAsync(workflow, inputText, options) {
      const record = await starter.startAsync({
        workflow,
        inputText: checkedInput(inputText),
        traceHeader: options.traceHeader,
        ...(options.name === undefined ? {} : { name: options.name }),
      });
      return { executionArn: record.arn, startDate: record.startDate };
    },
  };
}

/** The gateway's Lambda proxy routes, served by the application's function registry. */
export function createFunctionInvoker(functions: FunctionRegistry): FunctionInvoker {
  return {
    async invoke(functionName, eventText, options) {
      const answer = await callFunction(functions, {
        functionName,
        payload: eventText,
        signal: options.signal,
        traceHeader: options.traceHeader,
      });
      return answer.outcome.functionError === undefined
        ? { payload: answer.outcome.payload }
        : { payload: answer.outcome.payload, functionError: answer.outcome.functionError };
    },
  };
}

import { BILLED_MEMORY_MB, billedDurationMs } from '../executor/billing.js';
import type { ResponseDefaults, ResponseMapping } from '../app/application.js';
import type { StatusTable } from './error-status.js';
import { compileStatusTable, statusForError } from './error-status.js';
import type { GatewayRequest } from './gateway-request.js';
import type { HttpAnswer } from './http-answer.js';
import { jsonAnswer, jsonTextAnswer, reasonPhrase } from './http-answer.js';
import type { AsyncStart, SyncOutcome } from './invokers.js';
import { compileMappingExpression } from './jsonata-expression.js';
import { jsonataAsyncAnswer, jsonataSyncAnswer } from './jsonata-response.js';
import type { StartRefusal } from './start-refusal.js';
import { rawRefusalAnswer, refusalAnswer } from './start-refusal.js';

/** How a workflow route turns what the invoker answered into HTTP. */
export interface CompiledResponseMapping {
  sync(outcome: SyncOutcome, request: GatewayRequest): Promise<HttpAnswer>;
  async(start: AsyncStart, request: GatewayRequest): Promise<HttpAnswer>;
  refusal(refusal: StartRefusal): HttpAnswer;
}

/** Compiles a route's response mapping; problems with its tables are pushed to `problems`. */
export function compileResponseMapping(
  mapping: ResponseMapping,
  defaults: ResponseDefaults | undefined,
  where: string,
  problems: string[],
): CompiledResponseMapping {
  switch (mapping.kind) {
    case 'default': {
      const tables = [compileStatusTable(mapping.errors, where, problems), compileStatusTable(defaults?.errors, 'responseDefaults', [])];
      const exposeCause = mapping.exposeCause ?? defaults?.exposeCause ?? false;
      return {
        sync: async (outcome) => defaultSyncAnswer(outcome, tables, exposeCause),
        // Accepted, not done: the execution runs on; the body says which one it is.
        async: async (start) => jsonAnswer(202, startBody(start)),
        refusal: refusalAnswer,
      };
    }
    case 'jsonata': {
      const expression = compileMappingExpression(mapping.expression);
      return {
        sync: (outcome, request) => jsonataSyncAnswer(expression, outcome, request),
        async: (start, request) => jsonataAsyncAnswer(expression, start, request),
        refusal: refusalAnswer,
      };
    }
    case 'raw':
      return {
        sync: async (outcome) => jsonAnswer(200, rawSyncBody(outcome)),
        // StartExecution's answer, as an HTTP API StepFunctions-StartExecution integration returns it.
        async: async (start) => jsonAnswer(200, startBody(start)),
        refusal: rawRefusalAnswer,
      };
  }
}

/**
 * SUCCEEDED → 200 and the output as it is. FAILED → the status the error tables choose, with
 * `{"error": <name>, "message": <reason phrase>}`; the cause replaces the reason phrase only when
 * `exposeCause` allows it, since causes carry stack traces and internal details. TIMED_OUT is
 * read as `States.Timeout` (504 unless a table says otherwise).
 * ABORTED (the server stopped the execution) → 503.
 */
function defaultSyncAnswer(outcome: SyncOutcome, tables: readonly StatusTable[], exposeCause: boolean): HttpAnswer {
  switch (outcome.status) {
    case 'SUCCEEDED':
      return jsonTextAnswer(200, outcome.output ?? 'null');
    case 'FAILED':
      return failureAnswer(statusForError(outcome.error, tables), outcome.error, outcome.cause, exposeCause);
    case 'TIMED_OUT':
      // The execution's own time limit is States.Timeout too: the tables may remap it.
      return failureAnswer(statusForError('States.Timeout', tables), 'States.Timeout', outcome.cause, exposeCause);
    case 'ABORTED':
      return failureAnswer(503, outcome.error, outcome.cause, exposeCause);
  }
}

function failureAnswer(status: number, error: string | undefined, cause: string | undefined, exposeCause: boolean): HttpAnswer {
  const message = exposeCause && cause !== undefined ? cause : reasonPhrase(status);
  return jsonAnswer(status, error === undefined ? { message } : { error, message });
}

function startBody(start: AsyncStart): Record<string, unknown> {
  return { executionArn: start.executionArn, startDate: epochSeconds(start.startDate) };
}

/**
 * StartSyncExecution's answer exactly as an HTTP API StepFunctions-StartSyncExecution
 * integration passes it on (start-sync-execution.md §1, §8): 200 for every outcome, dates in
 * epoch seconds, `output` as JSON text, absent members omitted, `outputDetails` even on failure,
 * billing in AWS's 64 MB and 100 ms steps.
 */
export function rawSyncBody(outcome: SyncOutcome): Record<string, unknown> {
  const body: Record<string, unknown> = {
    executionArn: outcome.executionArn,
    stateMachineArn: outcome.stateMachineArn,
    name: outcome.name,
    startDate: epochSeconds(outcome.startDate),
    stopDate: epochSeconds(outcome.stopDate),
    status: outcome.status,
  };
  if (outcome.error !== undefined) body.error = outcome.error;
  if (outcome.cause !== undefined) body.cause = outcome.cause;
  body.input = outcome.input;
  body.inputDetails = { included: true };
  if (outcome.output !== undefined) body.output = outcome.output;
  body.outputDetails = { included: true };
  if (outcome.traceHeader !== undefined) body.traceHeader = outcome.traceHeader;
  body.billingDetails = { billedMemoryUsedInMB: BILLED_MEMORY_MB, billedDurationInMilliseconds: billedDurationMs(outcome.startDate, outcome.stopDate) };
  return body;
}

/** AWS's JSON protocol sends timestamps as epoch seconds with a fraction. */
function epochSeconds(epochMs: number): number {
  return epochMs / 1000;
}

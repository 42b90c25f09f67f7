import type { HistoryEvent } from '@flowgate/core';
import { EngineError, parseExecutionInput, PAYLOAD_LIMIT_BYTES, toJsonText } from '@flowgate/core';
import type { ExecutionRecord, StoredHistoryEvent } from '@flowgate/store';
import { BILLED_MEMORY_MB, billedDurationMs } from '../executor/billing.js';
import { ExecutionThrottled, ServerShuttingDown } from '../executor/executor-errors.js';
import type { ExecutionRequest } from '../executor/executor.js';
import type { TaskPortWrapper } from '../functions/mocks/mock-test-cases.js';
import { UnknownMockTestCase } from '../functions/mocks/mock-test-cases.js';
import { isValidName, parseExecutionArn, parseStateMachineArn } from './arn.js';
import { ApiError, apiError, executionDoesNotExist, expressArnNotValid, invalidName, machineDoesNotExist, typeNotSupported } from './errors.js';
import type { ResolvedMachine, StartDetails } from './machine-resolution.js';
import { executionRequestOf, resolveForStart } from './machine-resolution.js';
import type { ActionHandler, ApiCall } from './protocol.js';
import type { ServiceContext } from './service-context.js';
import { compact, epochSeconds, optionalString, pageSizeOf, requiredString, withPageToken } from './service-context.js';
import { revisionMembers } from './state-machine-actions.js';

/** Input checks shared by StartExecution and StartSyncExecution, in AWS's order. */
function readStart(input: Record<string, unknown>, call: ApiCall) {
  const name = optionalString(input, 'name');
  if (name !== undefined && !isValidName(name)) throw invalidName(name);
  const inputText = optionalString(input, 'input') ?? '{}';
  if (Buffer.byteLength(inputText, 'utf8') > PAYLOAD_LIMIT_BYTES) {
    throw apiError(
      'ValidationException',
      `1 validation error detected: Value '*** Sensitive Data Redacted ***' at 'input' failed to satisfy constraint: Member must have length less than or equal to ${PAYLOAD_LIMIT_BYTES}`,
    );
  }
  let parsed;
  try {
    parsed = parseExecutionInput(inputText);
  } catch (error) {
    if (error instanceof EngineError) throw apiError(error.code, error.message);
    throw error;
  }
  // The X-Amzn-Trace-Id header wins over the body member, as on AWS.
  const header = call.headers['x-amzn-trace-id'];
  const traceHeader = typeof header === 'string' ? header : optionalString(input, 'traceHeader');
  return { name, inputText, input: parsed, traceHeader };
}

function requestFor(
  resolved: ResolvedMachine,
  start: ReturnType<typeof readStart>,
  mode: ExecutionRequest['mode'],
  call?: ApiCall,
  taskPortOverride?: TaskPortWrapper,
): ExecutionRequest {
  const details: { -readonly [K in keyof StartDetails]: StartDetails[K] } = { mode, input: start.input, inputText: start.inputText };
  if (start.name !== undefined) details.name = start.name;
  if (start.traceHeader !== undefined) details.traceHeader = start.traceHeader;
  if (call !== undefined) details.watchCaller = (stop) => call.onClientGone(stop);
  if (taskPortOverride !== undefined) details.taskPortOverride = taskPortOverride;
  return executionRequestOf(resolved, details);
}

/**
 * The machine a start names and the mock test case it selects. `<ARN>#<TestCase>` is Step
 * Functions Local's way to pick a test case; only a server given a mock configuration reads
 * it. Elsewhere `#` stays part of the ARN and the machine does not exist, as on AWS.
 */
async function resolveStartTarget(
  context: ServiceContext,
  requested: string,
): Promise<{ resolved: ResolvedMachine; taskPortOverride?: TaskPortWrapper }> {
  const { mocks } = context;
  const selection = mocks?.split(requested) ?? { arn: requested };
  const resolved = await resolveForStart(context, selection.arn);
  if (mocks === undefined || selection.testCaseName === undefined) return { resolved };
  try {
    return { resolved, taskPortOverride: await mocks.taskPortFor(resolved.machine.name, selection.testCaseName) };
  } catch (error) {
    if (error instanceof UnknownMockTestCase) throw apiError(error.code, error.message);
    throw error;
  }
}

/** The executor's refusals in AWS's shape. */
function asApiError(error: unknown): unknown {
  if (error instanceof ExecutionThrottled) return apiError('ThrottlingException', error.message);
  if (error instanceof ServerShuttingDown) return new ApiError('ServiceUnavailable', error.message, 503);
  return error;
}

async function rememberSnapshot(context: ServiceContext, resolved: ResolvedMachine): Promise<void> {
  if (context.knownSnapshots.has(resolved.snapshotKey)) return;
  await context.store.putMachineSnapshot({
    key: resolved.snapshotKey,
    stateMachineArn: resolved.machine.arn,
    name: resolved.machine.name,
    revision: resolved.revision,
  });
  context.knownSnapshots.add(resolved.snapshotKey);
}

function billingDetails(record: ExecutionRecord) {
  return { billedMemoryUsedInMB: BILLED_MEMORY_MB, billedDurationInMilliseconds: billedDurationMs(record.startDate, record.stopDate ?? record.startDate) };
}

/** Looks up a recorded execution; AWS refuses express ARNs where it keeps no records. */
async function recordedExecution(context: ServiceContext, arn: string): Promise<ExecutionRecord> {
  const ref = parseExecutionArn(arn);
  if (ref.express && !context.executor.records('EXPRESS')) throw expressArnNotValid();
  const record = await context.store.getExecution(arn);
  if (record === undefined) throw executionDoesNotExist(arn);
  return record;
}

/**
 * StartSyncExecution's answer, members in AWS's order; absent ones are left out. Built member
 * by member: it is made for every synchronous execution.
 */
function syncExecutionOutput(record: ExecutionRecord, start: ReturnType<typeof readStart>, metadataOnly: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    executionArn: record.arn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    startDate: epochSeconds(record.startDate),
    stopDate: epochSeconds(record.stopDate ?? record.startDate),
    status: record.status,
  };
  if (record.error !== undefined) out.error = record.error;
  if (record.cause !== undefined) out.cause = record.cause;
  // AWS answers with the input re-serialised compactly.
  if (!metadataOnly) out.input = toJsonText(start.input);
  out.inputDetails = { included: !metadataOnly };
  if (!metadataOnly && record.output !== undefined) out.output = record.output;
  out.outputDetails = { included: !metadataOnly };
  if (record.traceHeader !== undefined) out.traceHeader = record.traceHeader;
  out.billingDetails = billingDetails(record);
  return out;
}

function redriveMembers(record: ExecutionRecord) {
  if (record.type !== 'STANDARD') return {};
  const reason =
    record.status === 'RUNNING'
      ? 'Execution is RUNNING and cannot be redriven'
      : record.status === 'SUCCEEDED'
        ? 'Execution is SUCCEEDED and cannot be redriven'
        : 'Flowgate does not redrive executions';
  return { redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: reason };
}

function historyEventOut(event: StoredHistoryEvent | HistoryEvent, includeData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'timestamp') out.timestamp = epochSeconds(value as number);
    else if (!includeData && key.endsWith('EventDetails') && typeof value === 'object' && value !== null) {
      const { input: _input, output: _output, ...rest } = value as Record<string, unknown>;
      out[key] = rest;
    } else out[key] = value;
  }
  return out;
}

export function executionActions(context: ServiceContext): Record<string, ActionHandler> {
  const { store, executor } = context;
  return {
    async StartExecution(input, call) {
      const arn = requiredString(input, 'stateMachineArn');
      const start = readStart(input, call);
      const { resolved, taskPortOverride } = await resolveStartTarget(context, arn);
      const { machine } = resolved;
      if (machine.type === 'STANDARD' && start.name !== undefined) {
        // STANDARD starts are idempotent on the name while the execution runs with the same input.
        const existing = await store.getExecution(`${machine.arn.replace(':stateMachine:', ':execution:')}:${start.name}`);
        if (existing !== undefined) {
          if (existing.status === 'RUNNING' && existing.input === start.inputText) {
            return { executionArn: existing.arn, startDate: epochSeconds(existing.startDate) };
          }
          throw apiError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.arn}'`);
        }
      }
      if (executor.records(machine.type)) await rememberSnapshot(context, resolved);
      const mode = machine.type === 'STANDARD' ? 'STANDARD' : 'EXPRESS_ASYNC';
      const record = await executor.startAsync(requestFor(resolved, start, mode, undefined, taskPortOverride)).catch((error: unknown) => {
        throw asApiError(error);
      });
      return { executionArn: record.arn, startDate: epochSeconds(record.startDate) };
    },

    async StartSyncExecution(input, call) {
      const arn = requiredString(input, 'stateMachineArn');
      const start = readStart(input, call);
      const { resolved, taskPortOverride } = await resolveStartTarget(context, arn);
      if (resolved.machine.type !== 'EXPRESS') throw typeNotSupported();
      if (executor.records('EXPRESS')) await rememberSnapshot(context, resolved);
      let record: ExecutionRecord;
      try {
        record = await executor.runSync(requestFor(resolved, start, 'EXPRESS_SYNC', call, taskPortOverride));
      } catch (error) {
        throw asApiError(error);
      }
      return syncExecutionOutput(record, start, input.includedData === 'METADATA_ONLY');
    },

    async StopExecution(input) {
      const arn = requiredString(input, 'executionArn');
      const ref = parseExecutionArn(arn);
      if (ref.express) throw expressArnNotValid();
      const reason = compact({ error: optionalString(input, 'error'), cause: optionalString(input, 'cause') });
      const stopped = await executor.stop(arn, reason);
      if (stopped !== undefined) return { stopDate: epochSeconds(stopped.stopDate ?? context.now()) };
      const record = await store.getExecution(arn);
      if (record === undefined) throw executionDoesNotExist(arn);
      // Stopping a finished execution changes nothing; AWS answers with its stop date.
      return { stopDate: epochSeconds(record.stopDate ?? context.now()) };
    },

    async DescribeExecution(input) {
      const record = await recordedExecution(context, requiredString(input, 'executionArn'));
      const metadataOnly = input.includedData === 'METADATA_ONLY';
      return compact({
        executionArn: record.arn,
        stateMachineArn: record.stateMachineArn,
        name: record.name,
        status: record.status,
        startDate: epochSeconds(record.startDate),
        stopDate: record.stopDate === undefined ? undefined : epochSeconds(record.stopDate),
        input: metadataOnly ? undefined : record.input,
        inputDetails: { included: !metadataOnly },
        output: metadataOnly ? undefined : record.output,
        outputDetails: record.output === undefined ? undefined : { included: !metadataOnly },
        traceHeader: record.traceHeader,
        error: record.error,
        cause: record.cause,
        stateMachineVersionArn: record.stateMachineVersionArn,
        stateMachineAliasArn: record.stateMachineAliasArn,
        ...redriveMembers(record),
      });
    },

    async ListExecutions(input) {
      const arn = optionalString(input, 'stateMachineArn');
      if (input.mapRunArn !== undefined) {
        throw apiError('ResourceNotFound', `Resource not found: '${String(input.mapRunArn)}'`, { resourceName: String(input.mapRunArn) });
      }
      if (arn === undefined) throw apiError('ValidationException', 'Must provide a StateMachine ARN or MapRun ARN');
      const ref = parseStateMachineArn(arn);
      const machine = await store.getStateMachine(ref.machineArn);
      if (machine === undefined) throw machineDoesNotExist(arn);
      if (machine.type === 'EXPRESS' && !executor.records('EXPRESS')) throw typeNotSupported();
      const status = optionalString(input, 'statusFilter');
      if (status === 'PENDING_REDRIVE') return { executions: [] };
      const page = await withPageToken(() =>
        store.listExecutionSummaries({
          stateMachineArn: ref.machineArn,
          limit: pageSizeOf(input),
          ...compact({
            after: optionalString(input, 'nextToken'),
            status,
            stateMachineVersionArn: ref.kind === 'version' ? ref.arn : undefined,
            stateMachineAliasArn: ref.kind === 'alias' ? ref.arn : undefined,
          }),
        } as Parameters<typeof store.listExecutionSummaries>[0]),
      );
      return compact({
        executions: page.items.map((record) =>
          compact({
            executionArn: record.arn,
            stateMachineArn: record.stateMachineArn,
            name: record.name,
            status: record.status,
            startDate: epochSeconds(record.startDate),
            stopDate: record.stopDate === undefined ? undefined : epochSeconds(record.stopDate),
            stateMachineVersionArn: record.stateMachineVersionArn,
            stateMachineAliasArn: record.stateMachineAliasArn,
            redriveCount: record.type === 'STANDARD' ? 0 : undefined,
          }),
        ),
        nextToken: page.nextCursor,
      });
    },

    async GetExecutionHistory(input) {
      const arn = requiredString(input, 'executionArn');
      const record = await recordedExecution(context, arn);
      const includeData = input.includeExecutionData !== false;
      const reverse = input.reverseOrder === true;
      const live = executor.historyOf(arn);
      if (live !== undefined && record.status === 'RUNNING') {
        // Still running here: its events are in memory until it ends.
        const events = reverse ? [...live].reverse() : live;
        return { events: events.map((event) => historyEventOut(event, includeData)) };
      }
      const page = await withPageToken(() =>
        store.getHistory(arn, { limit: pageSizeOf(input), reverse, ...compact({ after: optionalString(input, 'nextToken') }) }),
      );
      return compact({ events: page.items.map((event) => historyEventOut(event, includeData)), nextToken: page.nextCursor });
    },

    async DescribeStateMachineForExecution(input) {
      const record = await recordedExecution(context, requiredString(input, 'executionArn'));
      const snapshot = await store.getMachineSnapshot(record.snapshotKey);
      if (snapshot === undefined) throw executionDoesNotExist(record.arn);
      return compact({
        stateMachineArn: snapshot.stateMachineArn,
        name: snapshot.name,
        updateDate: epochSeconds(snapshot.revision.updateDate),
        ...revisionMembers(snapshot.revision, input.includedData !== 'METADATA_ONLY'),
      });
    },

    async RedriveExecution(input) {
      const record = await recordedExecution(context, requiredString(input, 'executionArn'));
      throw apiError('ExecutionNotRedrivable', `Execution is ${record.status} and cannot be redriven: '${record.arn}'`);
    },
  };
}

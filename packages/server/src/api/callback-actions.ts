import type { Json } from '@flowgate/core';
import { PAYLOAD_LIMIT_BYTES } from '@flowgate/core';
import type { TaskTokenOrigin } from '../functions/callbacks/task-token.js';
import { readTaskToken } from '../functions/callbacks/task-token.js';
import type { ApiError } from './errors.js';
import { apiError } from './errors.js';
import type { ActionHandler } from './protocol.js';
import type { ServiceContext } from './service-context.js';
import { optionalString, requiredString } from './service-context.js';

/**
 * SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat: answers to the tokens of
 * `.waitForTaskToken` tasks and activity tasks. A token this server did not make is
 * InvalidToken; one whose task is over (answered, timed out, its execution ended) is
 * TaskTimedOut; one of an execution this server does not know is TaskDoesNotExist.
 */
export function callbackActions(context: ServiceContext): Record<string, ActionHandler> {
  const { tokens } = context.callbacks;
  return {
    async SendTaskSuccess(input) {
      const token = requiredString(input, 'taskToken');
      const origin = originOf(token);
      const output = parseOutput(requiredString(input, 'output'));
      if (!tokens.succeed(token, output)) throw await notWaiting(context, origin);
      return {};
    },

    async SendTaskFailure(input) {
      const token = requiredString(input, 'taskToken');
      const origin = originOf(token);
      // Both optional: they become the task's Error and Cause, as Retry and Catch see them.
      if (!tokens.fail(token, optionalString(input, 'error'), optionalString(input, 'cause'))) throw await notWaiting(context, origin);
      return {};
    },

    async SendTaskHeartbeat(input) {
      const token = requiredString(input, 'taskToken');
      const origin = originOf(token);
      // Resets HeartbeatSeconds only; records no history event (AWS's API reference).
      if (!tokens.heartbeat(token)) throw await notWaiting(context, origin);
      return {};
    },
  };
}

function originOf(token: string): TaskTokenOrigin {
  const origin = readTaskToken(token);
  if (origin === undefined) throw apiError('InvalidToken', "Invalid Token: 'Invalid token'");
  return origin;
}

/**
 * The task's result: valid JSON of at most 256 KiB in UTF-8 (the model's limit counts
 * characters; AWS's payload quota counts bytes). The wording follows AWS's
 * InvalidExecutionInput, its nearest documented message [unverified for InvalidOutput].
 */
function parseOutput(text: string): Json {
  if (Buffer.byteLength(text, 'utf8') > PAYLOAD_LIMIT_BYTES) {
    throw apiError(
      'ValidationException',
      `1 validation error detected: Value '*** Sensitive Data Redacted ***' at 'output' failed to satisfy constraint: Member must have length less than or equal to ${PAYLOAD_LIMIT_BYTES}`,
    );
  }
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw apiError('InvalidOutput', `Invalid Output: '${error instanceof Error ? error.message : String(error)}'`);
  }
}

/**
 * A well-formed token nobody waits on. Its execution running here or recorded means its task
 * existed and is over: AWS answers `Task Timed Out: 'Provided task does not exist anymore'`
 * [AWS-observed, in users' reports]. Otherwise the task never was here [wording unverified].
 */
async function notWaiting(context: ServiceContext, origin: TaskTokenOrigin): Promise<ApiError> {
  const known = context.executor.isRunning(origin.executionArn) || (await context.store.getExecution(origin.executionArn)) !== undefined;
  return known
    ? apiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'")
    : apiError('TaskDoesNotExist', "Task Does Not Exist: 'Provided task does not exist'");
}

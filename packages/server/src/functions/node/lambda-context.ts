/**
 * The `context` and `callback` one invocation hands to the handler, with the semantics of
 * Lambda's Node.js runtime (`CallbackContext.js`, `InvokeContext.js` of the runtime interface
 * client):
 *
 * - `callback(error)` answers with the error at once; `callback(null, result)` answers once the
 *   event loop is empty, unless `context.callbackWaitsForEmptyEventLoop` was set to false;
 * - a returned promise answers when it settles (a rejection with no reason reports `handled`);
 * - `context.succeed/fail/done` answer at once; only the first answer counts;
 * - a handler that never answers is answered `null` when the event loop empties.
 *
 * Runs inside the worker. How "the event loop is empty" is observed lives in the worker entry.
 */
import type { InvokeMessage } from './worker-protocol.js';

export interface Completion {
  /** The handler's answer: `error` set for a failure (any value, as thrown). */
  answer(outcome: { readonly error: unknown } | { readonly result: unknown }): void;
  /** Run `action` when the worker's event loop has nothing left to do. */
  whenEventLoopEmpty(action: (() => void) | undefined): void;
  /** A second `complete`: Lambda logs it and ignores it. */
  warn(message: string): void;
}

export type LambdaCallback = (error?: unknown, result?: unknown) => void;

export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly clientContext: unknown;
  readonly identity: undefined;
  getRemainingTimeInMillis(): number;
  succeed(result?: unknown): void;
  fail(error?: unknown): void;
  done(error?: unknown, result?: unknown): void;
}

export function createInvocationContext(message: InvokeMessage, env: NodeJS.ProcessEnv, completion: Completion): [LambdaContext, LambdaCallback] {
  const deadlineMs = Date.now() + message.timeoutMs;
  let waitForEmptyEventLoop = true;
  let completeCalled = false;
  let finished = false;

  const complete = (result: unknown): void => {
    if (completeCalled) {
      completion.warn('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    completeCalled = true;
    completion.answer({ result });
  };
  const done = (error: unknown, result: unknown): void => {
    completion.whenEventLoopEmpty(undefined);
    if (error !== undefined && error !== null) completion.answer({ error });
    else complete(result);
  };
  const callback = (error: unknown, result: unknown): void => {
    completion.whenEventLoopEmpty(undefined);
    if (error !== undefined && error !== null) completion.answer({ error });
    else if (!waitForEmptyEventLoop) complete(result);
    else completion.whenEventLoopEmpty(() => complete(result));
  };
  // The runtime lets only the first of callback/succeed/fail/done through.
  const once =
    <A extends unknown[]>(inner: (...args: A) => void) =>
    (...args: A): void => {
      if (finished) return;
      inner(...args);
      finished = true;
    };

  const context: LambdaContext = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value: boolean) {
      waitForEmptyEventLoop = value;
    },
    functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? '',
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '',
    awsRequestId: message.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    clientContext: message.clientContext,
    identity: undefined,
    getRemainingTimeInMillis: () => deadlineMs - Date.now(),
    succeed: once((result?: unknown) => done(null, result)),
    // The runtime reports a failure without a reason as the string "handled".
    fail: once((error?: unknown) => done(error === undefined || error === null ? 'handled' : error, null)),
    done: once((error?: unknown, result?: unknown) => done(error, result)),
  };
  // Until the handler answers, an emptied event loop answers null (the runtime's exit listener).
  completion.whenEventLoopEmpty(() => complete(null));
  return [context, once((error?: unknown, result?: unknown) => callback(error, result))];
}

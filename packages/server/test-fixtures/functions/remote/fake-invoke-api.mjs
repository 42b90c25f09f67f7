/**
 * A stand-in for `sam local start-lambda` and for AWS Lambda's Invoke API, for tests and
 * benchmarks: a node:http server on loopback hosting JavaScript functions.
 *
 * - `module` functions run in a fresh worker thread per invocation, as sam runs a fresh
 *   container: they see their environment in `process.env`, may spin or exit, and the server
 *   enforces their timeout by terminating the worker.
 * - `handler` functions run in the server's own process (cheap, for benchmarks and for
 *   closures that record what they saw); they see their environment as `context.env`.
 *
 * `style: 'lambda'` answers as AWS Lambda does; `style: 'sam'` as sam does where it differs:
 * short error codes in `x-amzn-errortype` (`ResourceNotFound`), every function error flagged
 * `Unhandled`, `X-Amz-Log-Type: Tail` refused with 501 (samcli/local/lambda_service/).
 *
 * The server honours `X-Flowgate-Request-Id` and `X-Flowgate-Invoked-Function-Arn`, which
 * Flowgate's remote runner sends so the function sees the caller's request id and ARN.
 */
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { clearTimeout } from 'node:timers';
import { Worker } from 'node:worker_threads';

const SANDBOX = new URL('./sandbox-worker.mjs', import.meta.url);
/** The module of the shared suite's fixtures, for `{ module: SUITE_FUNCTIONS, exportName }`. */
export const SUITE_FUNCTIONS = new URL('./suite-functions.mjs', import.meta.url).href;
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/** Lambda's wording (function-runner.ts `timeoutMessage`). */
function timeoutMessage(requestId, seconds) {
  return `RequestId: ${requestId} Error: Task timed out after ${seconds.toFixed(2)} seconds`;
}

function describeError(error) {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: String(error.stack ?? '').split('\n') };
  }
  return { errorType: 'Error', errorMessage: String(error), trace: [] };
}

/** `name`, `name:qualifier`, `123456789012:function:name`, or a full ARN → name and qualifier. */
function parseFunctionName(raw) {
  const parts = raw.split(':');
  if (parts[0] === 'arn') return { name: parts[6] ?? '', qualifier: parts[7] };
  if (parts[1] === 'function') return { name: parts[2] ?? '', qualifier: parts[3] };
  return { name: parts[0] ?? '', qualifier: parts[1] };
}

function readRequestBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}

function runInline(fn, event, context, timeoutSeconds) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutSeconds * 1000);
    Promise.resolve()
      .then(() => fn.handler(event, context))
      .then(
        (result) => resolve({ kind: 'ok', payload: JSON.stringify(result === undefined ? null : result) }),
        (error) => resolve({ kind: 'error', error: describeError(error) }),
      )
      .finally(() => clearTimeout(timer));
  });
}

function runInWorker(fn, event, context, env, timeoutSeconds, cancelled) {
  return new Promise((resolve) => {
    const worker = new Worker(SANDBOX, {
      workerData: { module: fn.module, exportName: fn.exportName, event, context, deadline: Date.now() + timeoutSeconds * 1000 },
      env,
      stdout: true,
      stderr: true,
    });
    let logs = '';
    worker.stdout.on('data', (chunk) => (logs += chunk));
    worker.stderr.on('data', (chunk) => (logs += chunk));
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // The sandbox is not reused: whatever the function left running ends with it.
      void worker.terminate();
      resolve({ ...result, logs });
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), fn.enforceTimeout === false ? 2 ** 31 - 1 : timeoutSeconds * 1000);
    cancelled.then(() => finish({ kind: 'cancelled' }));
    worker.once('message', (message) => finish(message.ok ? { kind: 'ok', payload: message.payload } : { kind: 'error', error: message.error }));
    worker.once('error', (error) => finish({ kind: 'crash', error: describeError(error) }));
    worker.once('exit', (code) => finish({ kind: 'exit', code }));
  });
}

/**
 * @param {{ functions: Record<string, object>, style?: 'lambda' | 'sam', region?: string, accountId?: string }} options
 */
export async function startFakeInvokeApi({ functions, style = 'lambda', region = 'us-east-1', accountId = '123456789012' }) {
  const requests = [];
  const inFlight = new Map();

  function send(response, status, body, headers = {}) {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(body);
  }

  function serviceError(response, status, code, body) {
    const samCode = code.replace(/Exception$/, '');
    send(response, status, JSON.stringify(body), { 'x-amzn-ErrorType': style === 'sam' ? samCode : code });
  }

  async function handle(request, response) {
    const match = request.method === 'POST' ? INVOKE_PATH.exec(new URL(request.url ?? '/', 'http://fake').pathname) : null;
    if (match === null) return serviceError(response, 404, 'PathNotFoundLocally', { Type: 'LocalService', Message: 'PathNotFoundException' });
    const rawName = decodeURIComponent(match[1] ?? '');
    const payload = await readRequestBody(request);
    requests.push({ functionName: rawName, headers: request.headers, payload });
    const { name, qualifier } = parseFunctionName(rawName);
    const fn = functions[name];
    const arnRegion = style === 'sam' ? 'us-west-2' : region;
    const arnAccount = style === 'sam' ? '012345678901' : accountId;
    if (fn === undefined) {
      return serviceError(response, 404, 'ResourceNotFoundException', {
        Type: 'User',
        Message: `Function not found: arn:aws:lambda:${arnRegion}:${arnAccount}:function:${rawName}${style === 'sam' ? '' : ':$LATEST'}`,
      });
    }
    const logType = request.headers['x-amz-log-type'] ?? 'None';
    if (style === 'sam' && logType !== 'None') {
      return send(response, 501, JSON.stringify({ Type: 'LocalService', Message: `log-type: ${logType} is not supported. None is only supported.` }), {
        'x-amzn-errortype': 'NotImplemented',
      });
    }
    let event;
    try {
      event = JSON.parse(payload === '' ? '{}' : payload);
    } catch (error) {
      return serviceError(response, 400, 'InvalidRequestContentException', { Type: 'User', message: `Could not parse request body into json: ${error.message}` });
    }
    const active = inFlight.get(name) ?? 0;
    if (fn.reservedConcurrency !== undefined && active >= fn.reservedConcurrency) {
      return serviceError(response, 429, 'TooManyRequestsException', {
        Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
        Type: 'User',
        message: 'Rate Exceeded.',
      });
    }
    const requestId = request.headers['x-flowgate-request-id'] ?? randomUUID();
    const invokedFunctionArn =
      request.headers['x-flowgate-invoked-function-arn'] ?? (rawName.startsWith('arn:') ? rawName : `arn:aws:lambda:${region}:${accountId}:function:${rawName}`);
    const timeoutSeconds = fn.timeoutSeconds ?? 3;
    const memoryMb = fn.memoryMb ?? 128;
    const traceId = request.headers['x-amzn-trace-id'];
    const clientContextHeader = request.headers['x-amz-client-context'];
    const env = {
      ...fn.environment,
      AWS_LAMBDA_FUNCTION_NAME: name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_REGION: region,
      ...(traceId === undefined ? {} : { _X_AMZN_TRACE_ID: traceId }),
    };
    const context = {
      awsRequestId: requestId,
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn,
      memoryLimitInMB: String(memoryMb),
      clientContext: clientContextHeader === undefined ? undefined : JSON.parse(Buffer.from(clientContextHeader, 'base64').toString('utf8')),
    };
    const invocationType = request.headers['x-amz-invocation-type'] ?? 'RequestResponse';
    if (invocationType === 'DryRun') return send(response, 204, '');

    let cancel;
    const cancelled = new Promise((resolve) => (cancel = resolve));
    response.once('close', () => cancel());
    const started = Date.now();
    inFlight.set(name, active + 1);
    const running =
      fn.module === undefined
        ? runInline(fn, event, { ...context, env, getRemainingTimeInMillis: () => Math.max(0, started + timeoutSeconds * 1000 - Date.now()) }, timeoutSeconds)
        : runInWorker(fn, event, context, env, timeoutSeconds, cancelled);
    if (invocationType === 'Event') {
      send(response, 202, '');
      await running;
      inFlight.set(name, (inFlight.get(name) ?? 1) - 1);
      return;
    }
    const result = await running;
    inFlight.set(name, (inFlight.get(name) ?? 1) - 1);
    if (result.kind === 'cancelled') return;

    let body;
    let functionError;
    if (result.kind === 'ok') {
      body = result.payload;
    } else if (result.kind === 'error') {
      body = JSON.stringify(result.error);
      functionError = 'Handled';
    } else if (result.kind === 'timeout') {
      body = JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: timeoutMessage(requestId, timeoutSeconds) });
      functionError = 'Unhandled';
    } else if (result.kind === 'exit') {
      body = JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: exit status ${result.code}` });
      functionError = 'Unhandled';
    } else {
      body = JSON.stringify({ errorType: result.error.errorType, errorMessage: result.error.errorMessage });
      functionError = 'Unhandled';
    }
    const headers = { 'x-amzn-RequestId': requestId };
    if (functionError !== undefined) headers['X-Amz-Function-Error'] = style === 'sam' ? 'Unhandled' : functionError;
    if (style === 'lambda') {
      headers['X-Amz-Executed-Version'] = qualifier !== undefined && /^\d+$/.test(qualifier) ? qualifier : (fn.version ?? '$LATEST');
      if (logType === 'Tail') {
        const report = `START RequestId: ${requestId} Version: $LATEST\n${result.logs ?? ''}END RequestId: ${requestId}\nREPORT RequestId: ${requestId}\tDuration: ${Date.now() - started} ms\n`;
        headers['X-Amz-Log-Result'] = Buffer.from(report.slice(-4096), 'utf8').toString('base64');
      }
    }
    send(response, 200, body, headers);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (!response.headersSent) send(response, 500, JSON.stringify({ Type: 'Service', Message: String(error) }), { 'x-amzn-ErrorType': 'ServiceException' });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Every invocation request received: `{ functionName, headers, payload }`. */
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

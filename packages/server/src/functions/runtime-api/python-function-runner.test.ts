import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { FunctionDefinition, FunctionRunner, InvocationOutcome } from '../function-runner.js';
import { describeFunctionRunner } from '../function-runner.suite.js';
import { createPythonFunctionRunner } from './python-function-runner.js';

const PYTHON = fileURLToPath(new URL('../../../test-fixtures/functions/runtime-api/python/', import.meta.url));
const TRACE = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

function pythonFunction(handler: string, timeoutSeconds = 5): FunctionDefinition {
  return {
    name: `python-${handler.replace(/^handlers\./, '').replaceAll('.', '-')}`,
    kind: 'python',
    handler,
    codeDirectory: PYTHON,
    timeoutSeconds,
    memoryMb: 128,
    environment: { FLOWGATE_TEST_VALUE: 'from-config' },
  };
}

describeFunctionRunner('python', (definition) => createPythonFunctionRunner(definition, { onLog: () => undefined }), {
  echo: () => pythonFunction('handlers.echo'),
  throws: () => pythonFunction('handlers.throws'),
  sleeps: () => pythonFunction('handlers.sleeps', 1),
  loops: () => pythonFunction('handlers.loops', 1),
  exits: () => pythonFunction('handlers.exits'),
});

const runners: FunctionRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

function start(handler: string, parentEnvironment?: NodeJS.ProcessEnv): FunctionRunner {
  const runner = createPythonFunctionRunner(pythonFunction(handler), { onLog: () => undefined, ...(parentEnvironment !== undefined ? { parentEnvironment } : {}) });
  runners.push(runner);
  return runner;
}

function call(payload: unknown, extra: { traceHeader?: string; clientContext?: string } = {}) {
  return {
    payload: JSON.stringify(payload),
    requestId: randomUUID(),
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:under-test',
    signal: new AbortController().signal,
    ...extra,
  };
}

const parsed = (outcome: InvocationOutcome): Record<string, unknown> => JSON.parse(outcome.payload) as Record<string, unknown>;

describe('python runner: processes', () => {
  it('keeps module state between invocations of one process', async () => {
    const runner = start('handlers.counter');
    const first = parsed(await runner.invoke(call({})));
    const second = parsed(await runner.invoke(call({})));
    expect([first.count, second.count]).toEqual([1, 2]);
    expect(second.pid).toBe(first.pid);
  });

  it('starts a fresh process after one exited', async () => {
    const runner = start('handlers.counter');
    const first = parsed(await runner.invoke(call({})));
    expect(parsed(await runner.invoke(call({ exit: true })))).toMatchObject({ errorType: 'Runtime.ExitError' });
    const after = parsed(await runner.invoke(call({})));
    expect(after.count).toBe(1);
    expect(after.pid).not.toBe(first.pid);
  });
});

describe('python runner: init errors, named as Lambda’s Python runtime names them', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    [
      'a module that cannot be imported',
      'broken_import.handler',
      { errorType: 'Runtime.ImportModuleError', errorMessage: "Unable to import module 'broken_import': No module named 'module_that_does_not_exist'" },
    ],
    ['a missing module', 'nothing_here.handler', { errorType: 'Runtime.ImportModuleError', errorMessage: "Unable to import module 'nothing_here': No module named 'nothing_here'" }],
    ['a missing handler', 'handlers.nope', { errorType: 'Runtime.HandlerNotFound', errorMessage: "Handler 'nope' missing on module 'handlers'" }],
    ['a handler without a module', 'nodot', { errorType: 'Runtime.MalformedHandlerName', errorMessage: "Bad handler 'nodot': not enough values to unpack (expected 2, got 1)" }],
    ['a module raising while it loads', 'raises_at_import.handler', { errorType: 'ValueError', errorMessage: 'bad configuration' }],
  ];
  for (const [label, handler, expected] of cases) {
    it(`reports ${label}`, async () => {
      const outcome = await start(handler).invoke(call({}));
      expect(outcome.functionError).toBe('Unhandled');
      expect(parsed(outcome)).toMatchObject({ ...expected, requestId: '' });
    });
  }

  it('reports a syntax error with its place', async () => {
    const outcome = await start('syntax_error.handler').invoke(call({}));
    const error = parsed(outcome);
    expect(error.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(error.errorMessage).toMatch(/^Syntax error in module 'syntax_error': /);
    expect(error.stackTrace).toEqual([expect.stringMatching(/syntax_error\.py" Line 1\n {4}def handler\(event, context\)/)]);
  });
});

describe('python runner: invocations', () => {
  it("reports the function's exception as Lambda's Python runtime does, with the function's frames", async () => {
    const request = call({});
    const outcome = await start('handlers.throws').invoke(request);
    expect(outcome.functionError).toBe('Handled');
    const error = parsed(outcome) as { errorMessage: string; errorType: string; requestId: string; stackTrace: string[] };
    expect(error).toMatchObject({ errorMessage: 'boom', errorType: 'CustomError', requestId: request.requestId });
    expect(error.stackTrace).toEqual([expect.stringMatching(/^ {2}File ".*handlers\.py", line \d+, in throws\n {4}raise CustomError\("boom"\)\n$/)]);
    expect(outcome.logTail).toContain('[ERROR] CustomError: boom\nTraceback (most recent call last):\n');
  });

  it('loads handlers from dotted module paths', async () => {
    expect(parsed(await start('pkg.orders.handler.handle').invoke(call({})))).toEqual({ module: 'pkg.orders.handler' });
  });

  it("sets _X_AMZN_TRACE_ID for each invocation, and clears it for one without a trace", async () => {
    const runner = start('handlers.echo');
    const traced = parsed(await runner.invoke(call({}, { traceHeader: TRACE }))) as { context: { traceId: unknown } };
    const untraced = parsed(await runner.invoke(call({}))) as { context: { traceId: unknown } };
    expect([traced.context.traceId, untraced.context.traceId]).toEqual([TRACE, null]);
  });

  it("gives the handler Lambda's context and environment, and nothing of Flowgate's own", async () => {
    const parent = { PATH: process.env.PATH, AWS_REGION: 'eu-west-1', FLOWGATE_PARENT_ONLY: 'leaked' };
    const clientContext = Buffer.from(JSON.stringify({ custom: { tenant: 'é' }, env: {} })).toString('base64');
    const details = parsed(await start('handlers.details', parent).invoke(call({}, { clientContext })));
    const root = PYTHON.replace(/\/$/, '');
    expect(details).toMatchObject({
      functionVersion: '$LATEST',
      memoryLimitInMb: '128',
      logGroupName: '/aws/lambda/python-details',
      identityId: null,
      clientContextCustom: { tenant: 'é' },
      cwd: root,
      sysPathFirst: root,
      env: {
        _HANDLER: 'handlers.details',
        LAMBDA_TASK_ROOT: root,
        TZ: ':UTC',
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'eu-west-1',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/python-details',
        FLOWGATE_PARENT_ONLY: null,
      },
    });
    expect(details.logStreamName).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    expect((details.env as Record<string, string>).AWS_LAMBDA_RUNTIME_API).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('reports an answer that is not JSON as Runtime.MarshalError', async () => {
    expect(parsed(await start('handlers.not_serializable').invoke(call({})))).toMatchObject({
      errorType: 'Runtime.MarshalError',
      errorMessage: 'Unable to marshal response: Object of type object is not JSON serializable',
    });
  });

  it('fails an answer over 6 MB as Function.ResponseSizeTooLarge', async () => {
    const outcome = await start('handlers.huge').invoke(call({}));
    expect(outcome.functionError).toBe('Unhandled');
    expect(parsed(outcome)).toEqual({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size (7340034 bytes) exceeded maximum allowed payload size (6291556 bytes).',
    });
  });

  it("logs prints and the root logger in Lambda's format", async () => {
    const request = call({});
    const outcome = await start('handlers.logs').invoke(request);
    expect(outcome.payload).toBe('"done"');
    expect(outcome.logTail).toContain(`working on ${request.requestId}\n`);
    expect(outcome.logTail).toMatch(new RegExp(`\\[WARNING\\]\\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${request.requestId}\\tstill working\\n`));
  });

  it('answers null for a handler that returns None', async () => {
    expect((await start('handlers.noop').invoke(call({}))).payload).toBe('null');
  });
});

import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Json, TaskPort, TaskRequest } from '@flowgate/core';
import { TaskFailure } from '@flowgate/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMockConfig } from './mock-config.js';
import { createMockTestCases, openMockConfigFile, splitTestCaseSuffix, UnknownMockTestCase } from './mock-test-cases.js';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:LambdaSQSIntegration';

const configWith = (answer: Json, testCase = 'HappyPath') => ({
  StateMachines: { LambdaSQSIntegration: { TestCases: { [testCase]: { LambdaState: 'Answer' } } } },
  MockedResponses: { Answer: { '0': { Return: answer } } },
});

const standard: TaskPort = { invoke: () => Promise.resolve('real service') };

function request(stateName: string): TaskRequest {
  return {
    resource: 'arn:aws:states:::lambda:invoke',
    payload: {},
    stateName,
    signal: new AbortController().signal,
    timeoutMs: undefined,
    heartbeatMs: undefined,
    heartbeat: () => undefined,
    credentials: undefined,
    context: {},
  };
}

describe('splitTestCaseSuffix', () => {
  it('splits <ARN>#<TestCase>, including version and alias ARNs', () => {
    expect(splitTestCaseSuffix(`${ARN}#HappyPath`)).toEqual({ arn: ARN, testCaseName: 'HappyPath' });
    expect(splitTestCaseSuffix(`${ARN}:live#RetryPath`)).toEqual({ arn: `${ARN}:live`, testCaseName: 'RetryPath' });
    expect(splitTestCaseSuffix(ARN)).toEqual({ arn: ARN });
  });

  it('reads a bare trailing # as no test case, as Step Functions Local does', () => {
    expect(splitTestCaseSuffix(`${ARN}#`)).toEqual({ arn: ARN });
  });
});

describe('createMockTestCases', () => {
  it('builds a mocked port over the standard one, which serves unmocked states', async () => {
    const cases = createMockTestCases(parseMockConfig(configWith('mocked')), 'inline');
    const port = (await cases.taskPortFor('LambdaSQSIntegration', 'HappyPath'))(standard);
    await expect(port.invoke(request('LambdaState'))).resolves.toBe('mocked');
    await expect(port.invoke(request('SQSState'))).resolves.toBe('real service');
  });

  it('in strict mode, fails unmocked states instead of calling the standard port', async () => {
    const cases = createMockTestCases(parseMockConfig(configWith('mocked')), 'inline', { strict: true });
    const port = (await cases.taskPortFor('LambdaSQSIntegration', 'HappyPath'))(standard);
    const failure = await port.invoke(request('SQSState')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TaskFailure);
    expect((failure as TaskFailure).error).toBe('States.Runtime');
  });

  it("refuses an unknown test case or machine with InvalidName, in LocalStack's words", async () => {
    const cases = createMockTestCases(parseMockConfig(configWith('mocked')), 'inline');
    const unknownCase = await cases.taskPortFor('LambdaSQSIntegration', 'SadPath').catch((error: unknown) => error);
    expect(unknownCase).toBeInstanceOf(UnknownMockTestCase);
    expect((unknownCase as UnknownMockTestCase).code).toBe('InvalidName');
    expect((unknownCase as Error).message).toBe(
      "Invalid mock test case name 'SadPath' for state machine 'LambdaSQSIntegration' (its test cases: HappyPath)",
    );
    const unknownMachine = await cases.taskPortFor('Other', 'HappyPath').catch((error: unknown) => error);
    expect((unknownMachine as Error).message).toBe("Invalid mock test case name 'HappyPath' for state machine 'Other' (it has no test cases)");
  });
});

describe('openMockConfigFile', () => {
  let dir = '';
  let file = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flowgate-mocks-'));
    file = join(dir, 'MockConfigFile.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Rewrites the file with a modification time of its own, so that the change is always seen. */
  async function rewrite(content: string, secondsFromNow: number): Promise<void> {
    await writeFile(file, content);
    const when = new Date(Date.now() + secondsFromNow * 1000);
    await utimes(file, when, when);
  }

  async function answerOf(cases: Awaited<ReturnType<typeof openMockConfigFile>>, testCase = 'HappyPath'): Promise<Json> {
    return (await cases.taskPortFor('LambdaSQSIntegration', testCase))(standard).invoke(request('LambdaState'));
  }

  it('refuses a file that cannot be read or does not parse', async () => {
    await expect(openMockConfigFile(file)).rejects.toThrow(/^Cannot read mock configuration file .*MockConfigFile\.json: ENOENT/);
    await writeFile(file, '{"StateMachines": {}}');
    await expect(openMockConfigFile(file)).rejects.toThrow(/Invalid mock configuration .*\n {2}\$\.MockedResponses: is required/);
  });

  it('reloads the file when it changes, and keeps the previous configuration when the change is invalid', async () => {
    await rewrite(JSON.stringify(configWith('v1')), 0);
    const messages: string[] = [];
    const cases = await openMockConfigFile(file, { onReload: (message) => messages.push(message) });
    expect(await answerOf(cases)).toBe('v1');

    await rewrite(JSON.stringify(configWith('v2', 'NewPath')), 10);
    expect(await answerOf(cases, 'NewPath')).toBe('v2');
    expect(messages).toEqual([`Flowgate: reloaded the mock configuration ${file}`]);

    await rewrite('{"StateMachines": ', 20);
    expect(await answerOf(cases, 'NewPath')).toBe('v2');
    expect(messages[1]).toMatch(/^Flowgate: kept the previous mock configuration: Invalid mock configuration .*not valid JSON/s);
    // Reported once, not at every start.
    expect(await answerOf(cases, 'NewPath')).toBe('v2');
    expect(messages).toHaveLength(2);
  });
});

// `flowgate test` in-process, with a recording CommandIo (the spawned CLI is covered in test/).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../repo-paths.js';
import type { CommandIo } from './command-io.js';
import type { TestOptions } from './test-command.js';
import { runMockTests } from './test-command.js';

const FIXTURE = join(REPO_ROOT, 'packages', 'server', 'test-fixtures', 'mocks', 'lambda-sqs');
const MOCK_FILE = join(FIXTURE, 'MockConfigFile.json');
const SQS_OUTPUT = '{"MD5OfMessageBody":"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51","MessageId":"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowgate-test-command-'));
});
afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

async function flowgateTest(mockFile: string, options: Partial<TestOptions> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: () => Promise.resolve(''),
  };
  const code = await runMockTests(mockFile, { type: 'STANDARD', ...options }, io);
  return { code, stdout, stderr };
}

async function file(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const echoTask = { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true } } };
const oneCase = (machine: string) => ({
  StateMachines: { [machine]: { TestCases: { Only: { Work: 'Answer' } } } },
  MockedResponses: { Answer: { '0': { Return: { answer: 42 } } } },
});

describe('flowgate test', () => {
  it("runs AWS's example mock file against its expectations file, beside it", async () => {
    const run = await flowgateTest(MOCK_FILE);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'PASS LambdaSQSIntegration/HappyPath',
        '  status: SUCCEEDED',
        `  output: ${SQS_OUTPUT}`,
        'PASS LambdaSQSIntegration/RetryPath',
        '  status: SUCCEEDED',
        `  output: ${SQS_OUTPUT}`,
        'PASS LambdaSQSIntegration/HybridPath',
        '  status: FAILED',
        '  error: States.TaskFailed',
        "  cause: Flowgate cannot run the resource 'arn:aws:states:::sqs:sendMessage' (state 'SQSState'): no integration serves it.",
        '',
        '3 passed, 0 failed',
        '',
      ].join('\n'),
    );
  });

  it('fails a test case whose execution differs from its expectation, showing the difference, and exits 1', async () => {
    const expectations = await file('wrong.expected.json', {
      'LambdaSQSIntegration/HappyPath': { output: { MessageId: 'other' } },
      'LambdaSQSIntegration/HybridPath': { status: 'SUCCEEDED' },
    });
    const run = await flowgateTest(MOCK_FILE, { expect: expectations });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FAIL LambdaSQSIntegration/HappyPath\n  output: expected {"MessageId":"other"}, got ${SQS_OUTPUT}\n  status: SUCCEEDED\n`);
    expect(run.stdout).toContain('FAIL LambdaSQSIntegration/HybridPath\n  status: expected SUCCEEDED, got FAILED\n  error: States.TaskFailed\n');
    expect(run.stdout).toMatch(/\n1 passed, 2 failed\n$/);
  });

  it('under --strict, fails unmocked Task states with States.Runtime instead of calling an integration', async () => {
    const run = await flowgateTest(MOCK_FILE, { strict: true });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL LambdaSQSIntegration/HybridPath\n  error: expected States.TaskFailed, got States.Runtime\n');
  });

  it('finds definitions by --definition Name=file and by files given to --definitions, with --input', async () => {
    const definition = await file('elsewhere.json', echoTask);
    const mockFile = await file('pairs.json', oneCase('Pairs'));
    const byPair = await flowgateTest(mockFile, { definition: [`Pairs=${definition}`] });
    expect(byPair.stdout).toBe('PASS Pairs/Only\n  status: SUCCEEDED\n  output: {"answer":42}\n\n1 passed, 0 failed\n');

    const named = await file('Named.asl.json', echoTask);
    const byFile = await flowgateTest(await file('named-mocks.json', oneCase('Named')), { definitions: [named], input: '{"x":1}' });
    expect(byFile.code).toBe(0);
  });

  it('fails the test cases of a machine without a definition, or with an invalid one', async () => {
    const missing = await flowgateTest(await file('missing.json', oneCase('Missing')), { definitions: [dir] });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(
      "FAIL Missing/Only\n  no definition of the state machine 'Missing': name a file Missing.asl.json, or give --definition Missing=<file>\n",
    );

    await file('Broken.asl.json', { StartAt: 'Nowhere', States: {} });
    const broken = await flowgateTest(await file('broken.json', oneCase('Broken')));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/FAIL Broken\/Only\n {2}InvalidDefinition \(.*Broken\.asl\.json\): /);
  });

  it('exits 2 on an invalid mock file, expectations file or --definition', async () => {
    const badMocks = await flowgateTest(await file('bad.json', { StateMachines: {}, MockedResponses: { R: { '3-1': { Return: 1 } } } }));
    expect(badMocks.code).toBe(2);
    expect(badMocks.stderr).toMatch(/^Invalid mock configuration .*bad\.json:\n {2}\$\.MockedResponses\.R\['3-1'\]: the range '3-1' runs backwards/);

    const badExpectations = await flowgateTest(MOCK_FILE, { expect: await file('bad.expected.json', { 'LambdaSQSIntegration/SadPath': {} }) });
    expect(badExpectations.code).toBe(2);
    expect(badExpectations.stderr).toContain("$['LambdaSQSIntegration/SadPath']: names no test case of the mock configuration");

    const badPair = await flowgateTest(MOCK_FILE, { definition: ['no-equals-sign'] });
    expect(badPair.code).toBe(2);
    expect(badPair.stderr).toBe("--definition expects <StateMachineName>=<file>, got 'no-equals-sign'\n");
  });
});

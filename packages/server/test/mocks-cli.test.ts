// The built `flowgate` CLI on mock configurations: `flowgate test` on AWS's example mock file,
// and `flowgate serve` refusing a bad one (from --mock-config or SFN_MOCK_CONFIG).
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/repo-paths.js';
import { BUILT_CLI, buildCli } from './support.js';

const CLI = BUILT_CLI;
const FIXTURE = join(REPO_ROOT, 'packages', 'server', 'test-fixtures', 'mocks', 'lambda-sqs');

let dir = '';

beforeAll(async () => {
  buildCli();
  dir = await mkdtemp(join(tmpdir(), 'flowgate-mocks-cli-'));
}, 180_000);

afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

function flowgate(args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('flowgate test', () => {
  it("passes AWS's example test cases (HappyPath, RetryPath, HybridPath) against the expectations beside the mock file", () => {
    const run = flowgate(['test', join(FIXTURE, 'MockConfigFile.json')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter((line) => /^(PASS|FAIL) /.test(line))).toEqual([
      'PASS LambdaSQSIntegration/HappyPath',
      'PASS LambdaSQSIntegration/RetryPath',
      'PASS LambdaSQSIntegration/HybridPath',
    ]);
    expect(run.stdout).toMatch(/\n3 passed, 0 failed\n$/);
  });

  it('exits 1 when a test case fails, and documents itself', async () => {
    const expectations = join(dir, 'strict.expected.json');
    await writeFile(expectations, JSON.stringify({ 'LambdaSQSIntegration/HybridPath': { status: 'FAILED', error: 'States.TaskFailed' } }));
    const strict = flowgate(['test', join(FIXTURE, 'MockConfigFile.json'), '--definitions', FIXTURE, '--expect', expectations, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('FAIL LambdaSQSIntegration/HybridPath\n  error: expected States.TaskFailed, got States.Runtime\n');
    expect(strict.stdout).toMatch(/\n2 passed, 1 failed\n$/);

    const help = flowgate(['test', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/test \[options\] <mock-config>/);
    expect(help.stdout).toMatch(/--definition <name=file>/);
    expect(help.stdout).toMatch(/<mock file without \.json>\.expected\.json/);
  });
});

describe('flowgate serve with a mock configuration', () => {
  it('documents --mock-config and its environment variable', () => {
    const help = flowgate(['serve', '--help']);
    expect(help.stdout).toMatch(/--mock-config <file>/);
    expect(help.stdout).toMatch(/\(env:\s+SFN_MOCK_CONFIG\)/);
  });

  it('refuses to start on a mock file that does not parse, named by option or by SFN_MOCK_CONFIG', async () => {
    const bad = join(dir, 'BadMockConfig.json');
    await writeFile(bad, JSON.stringify({ StateMachines: {}, MockedResponses: { R: { '0': { Return: 1, Throw: { Error: 'E', Cause: 'C' } } } } }));
    const store = ['--store', ':memory:', '--port', '0'];
    for (const run of [flowgate(['serve', ...store, '--mock-config', bad]), flowgate(['serve', ...store], { SFN_MOCK_CONFIG: bad })]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`InvalidMockConfig: Invalid mock configuration ${bad}:\n  $.MockedResponses.R['0']: has both Return and Throw`);
    }
  });
});

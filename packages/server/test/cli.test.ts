// End-to-end tests of the `flowgate` command line: the built CLI (dist/cli.js) is spawned on
// small definitions in a temporary folder. `npm test` builds first; so does beforeAll (an
// incremental `tsc -b`), so that running vitest alone does not test a stale build.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, buildCli } from './support.js';

const CLI = BUILT_CLI;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/;

let dir = '';

beforeAll(async () => {
  buildCli();
  dir = await mkdtemp(join(tmpdir(), 'flowgate-cli-'));
}, 180_000);

afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function flowgate(args: readonly string[], stdin?: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', input: stdin ?? '', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function definitionFile(name: string, definition: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof definition === 'string' ? definition : JSON.stringify(definition));
  return file;
}

const passDefinition = {
  StartAt: 'Greet',
  States: { Greet: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('Hello, {}!', $.who)" }, End: true } },
};

describe('flowgate usage', () => {
  it('documents its commands', () => {
    const help = flowgate(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/run \[options\] <definition-file>/);
    expect(help.stdout).toMatch(/validate \[options\] <definition-file>/);
    const runHelp = flowgate(['run', '--help']);
    expect(runHelp.stdout).toMatch(/--input <json\|@file>/);
    expect(runHelp.stdout).toMatch(/Exit codes: 0 SUCCEEDED/);
  });

  it('exits 2 on a usage error', () => {
    expect(flowgate(['run']).code).toBe(2);
    expect(flowgate(['frobnicate']).code).toBe(2);
    expect(flowgate(['run', 'x.json', '--type', 'BATCH']).code).toBe(2);
  });

  it('exits 2 when the definition file cannot be read', () => {
    for (const command of ['run', 'validate']) {
      const r = flowgate([command, 'missing.asl.json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^Cannot read definition file missing\.asl\.json: ENOENT/);
    }
  });
});

describe('flowgate run', () => {
  it('prints the StartSyncExecution response and exits 0 when the execution succeeds', async () => {
    const file = await definitionFile('greet.asl.json', passDefinition);
    const r = flowgate(['run', file, '--input', '{"who": "Ada"}', '--name', 'first-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    // Express execution ARNs carry the machine and execution names (AWS appends an id).
    expect(out.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:greet:first-run(:|$)/);
    expect(out).toMatchObject({
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:greet',
      name: 'first-run',
      status: 'SUCCEEDED',
      input: '{"who":"Ada"}',
      output: '{"greeting":"Hello, Ada!"}',
    });
    expect(out.startDate).toMatch(ISO_UTC);
    expect(out.stopDate).toMatch(ISO_UTC);
    expect(Object.keys(out).slice(0, 6)).toEqual(['executionArn', 'stateMachineArn', 'name', 'startDate', 'stopDate', 'status']);
  });

  it('reads the input from a file or from stdin', async () => {
    const file = await definitionFile('greet.asl.json', passDefinition);
    await writeFile(join(dir, 'input.json'), '{"who": "file"}');
    expect(JSON.parse(flowgate(['run', file, '--input', '@input.json']).stdout)).toMatchObject({ output: '{"greeting":"Hello, file!"}' });
    expect(JSON.parse(flowgate(['run', file, '--input', '@-'], '{"who": "stdin"}').stdout)).toMatchObject({ output: '{"greeting":"Hello, stdin!"}' });
  });

  it('runs STANDARD executions with an :execution: ARN', async () => {
    const file = await definitionFile('greet.asl.json', passDefinition);
    const out = JSON.parse(flowgate(['run', file, '--type', 'standard', '--name', 'n1', '--input', '{"who": 1}']).stdout) as Record<string, unknown>;
    expect(out.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:greet:n1');
  });

  it('prints error and cause and exits 1 when the execution fails', async () => {
    const file = await definitionFile('fail.asl.json', { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Oops', Cause: 'on purpose' } } });
    const r = flowgate(['run', file]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'FAILED', error: 'Oops', cause: 'on purpose', input: '{}' });
  });

  it('fails Task states with States.TaskFailed naming the resource, since flowgate run registers no functions', async () => {
    const resource = 'arn:aws:lambda:us-east-1:123456789012:function:price';
    const file = await definitionFile('task.asl.json', { StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, End: true } } });
    const r = flowgate(['run', file]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(out.cause).toContain(`No function runner is configured for ${resource}`);
  });

  it('prints history events to stderr with --history', async () => {
    const file = await definitionFile('greet.asl.json', passDefinition);
    const r = flowgate(['run', file, '--history', '--input', '{"who": "h"}']);
    expect(r.code).toBe(0);
    const events = r.stderr.trim().split('\n').map((line) => JSON.parse(line) as { id: number; type: string; timestamp: string });
    expect(events[0]).toMatchObject({ id: 1, type: 'ExecutionStarted' });
    expect(events[0]?.timestamp).toMatch(ISO_UTC);
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
  });

  it("prints AWS's InvalidDefinition message and each problem, and exits 2, for an invalid definition", async () => {
    const file = await definitionFile('bad.asl.json', { StartAt: 'Missing', States: { P: { Type: 'Pass', End: true } } });
    const r = flowgate(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [first, ...problems] = r.stderr.trim().split('\n');
    expect(first).toMatch(/^InvalidDefinition: Invalid State Machine Definition: '/);
    expect(problems.length).toBeGreaterThan(0);
    for (const line of problems) expect(line).toMatch(/^ {2}\S+: [A-Z_]+: /);
  });

  it('exits 2 with InvalidExecutionInput when the input is not JSON', async () => {
    const file = await definitionFile('greet.asl.json', passDefinition);
    const r = flowgate(['run', file, '--input', '{not json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^InvalidExecutionInput: Invalid State Machine Execution Input: /);
  });
});

describe('flowgate validate', () => {
  it('prints valid and exits 0 for a valid definition', async () => {
    const file = await definitionFile('greet.asl.json', passDefinition);
    expect(flowgate(['validate', file])).toMatchObject({ code: 0, stdout: 'valid\n' });
  });

  it('prints every problem and exits 1 for an invalid one', async () => {
    const file = await definitionFile('bad.asl.json', { StartAt: 'Missing', States: { P: { Type: 'Pass' } } });
    const r = flowgate(['validate', file]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^\S+: [A-Z_]+: /);
  });

  it('reports a file that is not JSON as a problem of the definition', async () => {
    const file = await definitionFile('broken.asl.json', '{"StartAt": ');
    const r = flowgate(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toBe('');
  });
});

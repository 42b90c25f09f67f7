// `flowgate dev --template` on a SAM template with a REST API (AWS::Serverless::Api) in front of
// a Synchronous Express Workflow, as AWS's samples build it: VTL mapping templates, the `/Prod`
// stage prefix, and a state machine's Api event — served by the built CLI, answered over HTTP.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/repo-paths.js';
import { BUILT_CLI, buildCli } from './support.js';

const CLI = BUILT_CLI;
const TEMPLATE = join(REPO_ROOT, 'packages', 'server', 'test-fixtures', 'config', 'sam', 'rest-api', 'template.yaml');
let child: ChildProcess | undefined;
let dir = '';
let url = '';
let output = '';

beforeAll(async () => {
  buildCli();
  dir = await mkdtemp(join(tmpdir(), 'flowgate-rest-'));
  const started = spawn(process.execPath, [CLI, 'dev', '--template', TEMPLATE, '--data-dir', dir, '--port', '0', '--api-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = started;
  started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /HTTP API \(gateway\)\s+(http:\/\/\S+)/.exec(output);
      if (match !== null && output.includes('→')) {
        clearInterval(timer);
        resolve(match[1] as string);
      }
    }, 50);
    started.once('exit', () => {
      clearInterval(timer);
      reject(new Error(`flowgate dev exited: ${output}`));
    });
  });
}, 180_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

const post = (path: string, body: string, contentType = 'application/json'): Promise<Response> =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('a SAM REST API with mapping templates to StartSyncExecution', () => {
  it('lists the REST routes with their stage', () => {
    expect(output).toMatch(/POST\s+\[\/Prod\]\/quotes\s+→ Step Functions StartSyncExecution/);
  });

  it('runs the workflow and answers the unwrapped output, under /Prod and without it', async () => {
    for (const path of ['/Prod/quotes', '/quotes']) {
      const response = await post(path, JSON.stringify({ item: 'tea', customer: 'c-1' }));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('x-execution-arn')).toMatch(/^arn:aws:states:us-east-1:123456789012:express:quote:/);
      expect(await response.json()).toEqual({ output: { item: 'tea', note: 'quoted for c-1', price: 42 }, item: 'tea' });
    }
  });

  it('renders a FAILED execution (no output) through the same template, with its status override', async () => {
    const response = await post('/Prod/quotes', JSON.stringify({ customer: 'say "hi"' }));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: 'Quote.Invalid', cause: 'the order has no "item"', output: '' });
  });

  it("answers Step Functions' 400 for an input with a single quote, as AWS does with this template", async () => {
    const response = await post('/Prod/quotes', JSON.stringify({ item: "O'Brien's tea" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'SerializationException' });
  });

  it('refuses a body without a template when passthrough is never (415)', async () => {
    const response = await post('/Prod/quotes', 'item=tea', 'text/plain');
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ message: 'Unsupported Media Type' });
  });

  it('builds the input from path parameters and names the execution after the request', async () => {
    const response = await fetch(`${url}/Prod/quotes/green-tea`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ item: 'green-tea', note: 'quoted for us-east-1', price: 42 });
  });

  it("starts the Api event's state machine with SAM's unescaping template and answers StartExecution's record", async () => {
    const response = await post('/Prod/archive', JSON.stringify({ note: "O'Brien" }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['executionArn', 'startDate']);
    expect(body.executionArn).toMatch(/:ArchiveMachine:/);
  });

  it('answers 403 Missing Authentication Token for what the API does not have', async () => {
    for (const [method, path] of [
      ['GET', '/Prod/nowhere'],
      ['DELETE', '/Prod/quotes'],
      ['GET', '/nowhere'],
    ] as const) {
      const response = await fetch(`${url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
    }
  });
});

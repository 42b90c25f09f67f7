// `flowgate dev` as a user runs it: the example applications in examples/, served by the built
// CLI, answered over HTTP; and hot reload while requests are in flight.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/repo-paths.js';
import { BUILT_CLI, buildCli } from './support.js';

const CLI = BUILT_CLI;
const EXAMPLES = join(REPO_ROOT, 'examples');
const children: ChildProcess[] = [];
let dir = '';

beforeAll(async () => {
  buildCli();
  dir = await mkdtemp(join(tmpdir(), 'flowgate-dev-'));
}, 180_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

interface Dev {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

async function startDev(args: string[]): Promise<Dev> {
  const child = spawn(process.execPath, [CLI, 'dev', ...args, '--port', '0', '--api-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /HTTP API \(gateway\)\s+(http:\/\/\S+)/.exec(text);
      if (match !== null && text.includes('→')) {
        clearInterval(timer);
        resolve(match[1] as string);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`flowgate dev exited: ${text}`));
    });
  });
  return {
    url,
    output: () => text,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const order = { customerId: 'c-1', items: [{ sku: 'coffee-beans', quantity: 2 }, { sku: 'mug', quantity: 1 }] };
const post = (url: string, body: unknown) =>
  fetch(`${url}/quotes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the quote example (a Flowgate project)', () => {
  it('answers 200 with the merged quote, 400 for a bad order, 504 when a model is too slow', async () => {
    const dev = await startDev([join(EXAMPLES, 'quote-api'), '--data-dir', join(dir, 'quote-data')]);
    try {
      const ok = await post(dev.url, order);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({
        currency: 'EUR',
        subtotal: 32.25,
        lines: [
          { sku: 'coffee-beans', quantity: 2, amount: 25 },
          { sku: 'mug', quantity: 1, amount: 7.25 },
        ],
        risk: { score: 19, band: 'low' },
      });
      const bad = await post(dev.url, { items: [] });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: 'Validation.Failed' });
      const slow = await post(dev.url, { ...order, simulateSlowModel: true });
      expect(slow.status).toBe(504);
      expect(await slow.json()).toMatchObject({ error: 'States.Timeout' });
    } finally {
      await dev.stop();
    }
  }, 60_000);
});

describe('the SAM example', () => {
  it('runs with --template: the HTTP API answers as AWS does, and the Lambda proxy route', async () => {
    const dev = await startDev(['--template', join(EXAMPLES, 'sam-quote-api', 'template.yaml'), '--data-dir', join(dir, 'sam-data')]);
    try {
      expect(dev.output()).toContain('warning: Resources of type AWS::IAM::Role are not emulated');
      const answer = await post(dev.url, order);
      expect(answer.status).toBe(200);
      const record = (await answer.json()) as { status: string; output: string; executionArn: string };
      expect(record.status).toBe('SUCCEEDED');
      expect(JSON.parse(record.output)).toMatchObject({ subtotal: 32.25, risk: { band: 'low' } });
      expect(record.executionArn).toMatch(/:express:quote-dev:/);
      const catalogue = await fetch(`${dev.url}/catalogue`);
      expect(await catalogue.json()).toEqual({ products: ['coffee-beans', 'grinder', 'filter', 'mug'] });
    } finally {
      await dev.stop();
    }
  }, 60_000);
});

describe('a SAM template written to the SAM specification', () => {
  it('runs with --template: an OpenAPI StepFunctions-StartSyncExecution route and Lambda proxy routes', async () => {
    const template = join(REPO_ROOT, 'packages', 'server', 'test-fixtures', 'config', 'sam', 'order-api', 'template.yaml');
    const dev = await startDev(['--template', template, '--data-dir', join(dir, 'order-api-data')]);
    try {
      const priced = await fetch(`${dev.url}/orders/o-1/price`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lines: [{ price: 10, quantity: 3 }] }),
      });
      expect(priced.status).toBe(200);
      const record = (await priced.json()) as { status: string; output: string };
      expect(record.status).toBe('SUCCEEDED');
      expect(JSON.parse(record.output)).toMatchObject({ pricing: { subtotal: 30 } });
      const health = await fetch(`${dev.url}/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
    } finally {
      await dev.stop();
    }
  }, 60_000);
});

describe('hot reload', () => {
  it('applies an edited definition and function while requests are in flight, without failing any', async () => {
    const app = join(dir, 'reloaded-app');
    await cp(join(EXAMPLES, 'quote-api'), app, { recursive: true, filter: (source) => !source.includes('.flowgate') });
    // The example's task timeouts (2-3 s, for the README's 504) are raised in this copy: a
    // function restarted by the reload on a machine busy with other tests may take longer to
    // answer, which is not what this test is about.
    const workflowFile = join(app, 'workflows', 'quote.asl.json');
    await writeFile(workflowFile, (await readFile(workflowFile, 'utf8')).replace(/"TimeoutSeconds": \d+/g, '"TimeoutSeconds": 60'));
    const dev = await startDev([app]);
    try {
      const failures: string[] = [];
      let stop = false;
      const load = async (): Promise<void> => {
        while (!stop) {
          const answer = await post(dev.url, order).catch((error: unknown) => ({ status: 0, error }) as const);
          if (answer.status !== 200) failures.push(`${answer.status} ${"text" in answer ? await answer.text() : ""}`);
        }
      };
      const clients = [load(), load(), load()];
      await new Promise((resolve) => setTimeout(resolve, 300));

      const definitionFile = join(app, 'workflows', 'quote.asl.json');
      const definition = JSON.parse(await readFile(definitionFile, 'utf8')) as { States: { Models: { ResultSelector: Record<string, string> } } };
      definition.States.Models.ResultSelector['edition'] = 'second';
      await writeFile(definitionFile, JSON.stringify(definition, null, 2));
      const functionFile = join(app, 'functions', 'price-model', 'index.mjs');
      await writeFile(functionFile, (await readFile(functionFile, 'utf8')).replace("currency: 'EUR'", "currency: 'CHF'"));

      let seen: { edition?: string; currency?: string } = {};
      for (let attempt = 0; attempt < 100 && (seen.edition !== 'second' || seen.currency !== 'CHF'); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        seen = (await (await post(dev.url, order)).json()) as typeof seen;
      }
      stop = true;
      await Promise.all(clients);
      expect(seen).toMatchObject({ edition: 'second', currency: 'CHF' });
      expect(failures).toEqual([]);
      expect(dev.output()).toContain('reloaded:');
    } finally {
      await dev.stop();
    }
  }, 60_000);

  it('reports a broken file and keeps serving the last good version', async () => {
    const app = join(dir, 'broken-app');
    await cp(join(EXAMPLES, 'quote-api'), app, { recursive: true, filter: (source) => !source.includes('.flowgate') });
    const dev = await startDev([app]);
    try {
      await writeFile(join(app, 'workflows', 'quote.asl.json'), '{ "StartAt": "Validate", ');
      for (let attempt = 0; attempt < 50 && !dev.output().includes('reload failed'); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(dev.output()).toContain('reload failed, still serving the previous version');
      const answer = await post(dev.url, order);
      expect(answer.status).toBe(200);
    } finally {
      await dev.stop();
    }
  }, 60_000);
});

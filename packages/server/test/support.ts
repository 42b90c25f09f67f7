// What the server's end-to-end tests share: a client of the AWS API as users configure it,
// the built CLI, and Debian's AWS CLI pointed at a local server.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SFNClient } from '@aws-sdk/client-sfn';
import { REPO_ROOT } from '../src/repo-paths.js';

/** The AWS SDK as the README tells users to point it at Flowgate (no `sync-` host prefix). */
export function localSfnClient(port: number): SFNClient {
  return new SFNClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    disableHostPrefix: true,
    maxAttempts: 1,
  });
}

export const BUILT_CLI = join(REPO_ROOT, 'packages', 'server', 'dist', 'cli.js');

/**
 * An incremental build, so that running vitest alone does not test a stale CLI. The exit code
 * is not checked: a type error elsewhere in the workspace still emits, and `npm run build` is
 * where type errors fail the run.
 */
export function buildCli(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  spawnSync(process.execPath, [tsc, '-b', join(REPO_ROOT, 'packages', 'server')], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} was not built: run npm run build`);
}

export const AWS_CLI = process.env.FLOWGATE_AWS_CLI ?? '/usr/bin/aws';

export interface AwsCliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: Record<string, unknown>;
}

const run = promisify(execFile);

/**
 * Runs `aws stepfunctions …` against `endpoint` with throwaway credentials and no user
 * configuration. Debian's CLI (2.9) always adds the `sync-` host prefix and ignores
 * AWS_DISABLE_HOST_PREFIX_INJECTION; HTTP_PROXY pointing at Flowgate carries those requests.
 */
export async function awsStepFunctions(home: string, endpoint: string, args: readonly string[]): Promise<AwsCliResult> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_PAGER: '',
    AWS_DISABLE_HOST_PREFIX_INJECTION: 'true',
    HTTP_PROXY: endpoint,
    NO_PROXY: '',
  };
  try {
    const { stdout, stderr } = await run(AWS_CLI, ['--endpoint-url', endpoint, '--output', 'json', 'stepfunctions', ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr, json: stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>) };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, json: {} };
  }
}

/** The name and message of the error an SDK call fails with; throws if the call succeeds. */
export async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string };
    return { name: e.name, message: e.message };
  }
  throw new Error('expected the call to fail');
}

/**
 * Where the worker thread's entry file is. Built (`dist/functions/node/`), it is the compiled
 * `worker-main.js` beside this module. Run from TypeScript sources (vitest), there is no .js
 * and Node 20 cannot start a worker from a .ts file, so the entry and the modules it imports
 * are bundled once with esbuild into the OS temp dir (named by content, so runs share it and
 * an edit makes a new one). This keeps one source for the worker, type-checked with the rest.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

let fromSources: Promise<URL> | undefined;

export function workerEntryUrl(): Promise<URL> {
  if (import.meta.url.endsWith('.js')) return Promise.resolve(new URL('./worker-main.js', import.meta.url));
  fromSources ??= bundleFromSources();
  return fromSources;
}

async function bundleFromSources(): Promise<URL> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./worker-main.ts', import.meta.url))],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const contents = result.outputFiles[0]?.contents;
  if (contents === undefined) throw new Error('esbuild produced no worker entry');
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 16);
  const folder = join(tmpdir(), 'flowgate', 'node-worker');
  await mkdir(folder, { recursive: true });
  const path = join(folder, `worker-main-${hash}.mjs`);
  // Write then rename: a test process starting workers never reads another's half-written file.
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, path);
  return pathToFileURL(path);
}

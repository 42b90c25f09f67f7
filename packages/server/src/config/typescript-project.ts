import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { transpiledPath } from '../functions/node/typescript-build.js';
import { RuntimeInitError } from '../functions/node/rapid-error.js';
import { syntaxError } from './config-error.js';

/**
 * `flowgate.config.ts`: bundled with esbuild into an ES module in a cache folder (never beside
 * the project), the way TypeScript function handlers are, then imported; its default export is
 * the project, checked exactly as a `flowgate.yaml` would be.
 *
 * Packages it imports (`flowgate` for `defineProject`, `@flowgate/dsl`) stay external and load
 * from the project's own node_modules. Each rebuild gets a new module URL, so `flowgate dev`
 * picks up an edited file without restarting.
 */
export async function loadTypeScriptProject(file: string, cacheDir = join(tmpdir(), 'flowgate', 'project-configs')): Promise<unknown> {
  let output: string;
  try {
    output = await transpiledPath(file, 'module', cacheDir);
  } catch (error) {
    if (error instanceof RuntimeInitError) throw syntaxError(file, error.message);
    throw error;
  }
  const version = (await stat(output)).mtimeMs;
  let module: { default?: unknown };
  try {
    module = (await import(`${pathToFileURL(output).href}?v=${version}`)) as { default?: unknown };
  } catch (error) {
    throw syntaxError(file, `could not be evaluated: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (module.default === undefined) throw syntaxError(file, 'has no default export (write `export default defineProject({ … })`)');
  return module.default;
}

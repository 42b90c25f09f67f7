/**
 * TypeScript handlers, transpiled with esbuild for Node 20 (which cannot load .ts itself).
 *
 * The handler file and the local files it imports are bundled into one file in a cache folder
 * (under the OS temp dir, never beside the user's code); packages from node_modules stay
 * external and are loaded from their own folders by absolute path, so native addons and
 * package identity behave as in plain Node. That is also what SAM and CDK do to TypeScript
 * functions (one esbuild bundle per handler), without their step of copying node_modules.
 *
 * The cache is keyed by source path, module format and esbuild version; a manifest beside
 * each output lists every bundled input with its mtime, and any change rebuilds.
 * `import.meta.url`/`__dirname` are defined as the entry file's own, so code that reads files
 * next to itself still finds them (a bundled helper in another folder sees the entry's).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, version as esbuildVersion } from 'esbuild';
import type { Message, Plugin } from 'esbuild';
import type { ModuleFormat } from './handler-module.js';
import { RuntimeInitError } from './rapid-error.js';

export function defaultTypeScriptCacheDir(): string {
  return join(tmpdir(), 'flowgate', 'node-functions');
}

interface Manifest {
  readonly inputs: Readonly<Record<string, number>>;
}

const inFlight = new Map<string, Promise<string>>();

/** Returns the path of a loadable .mjs/.cjs file for the TypeScript source, building it if stale. */
export function transpiledPath(sourcePath: string, format: ModuleFormat, cacheDir: string = defaultTypeScriptCacheDir()): Promise<string> {
  const key = createHash('sha256').update(`${sourcePath}\0${format}\0${esbuildVersion}\0v1`).digest('hex').slice(0, 32);
  const outputPath = join(cacheDir, `${key}${format === 'module' ? '.mjs' : '.cjs'}`);
  const manifestPath = join(cacheDir, `${key}.json`);
  // One build per file at a time, however many workers start cold together.
  const pending = inFlight.get(outputPath);
  if (pending !== undefined) return pending;
  const work = (async () => {
    if (await isFresh(outputPath, manifestPath)) return outputPath;
    await mkdir(cacheDir, { recursive: true });
    await bundle(sourcePath, format, outputPath, manifestPath);
    return outputPath;
  })().finally(() => inFlight.delete(outputPath));
  inFlight.set(outputPath, work);
  return work;
}

async function isFresh(outputPath: string, manifestPath: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
    await stat(outputPath);
    for (const [input, mtimeMs] of Object.entries(manifest.inputs)) {
      if ((await stat(input)).mtimeMs !== mtimeMs) return false;
    }
    return true;
  } catch {
    return false;
  }
}

async function bundle(sourcePath: string, format: ModuleFormat, outputPath: string, manifestPath: string): Promise<void> {
  const workingDir = dirname(sourcePath);
  const sourceUrl = pathToFileURL(sourcePath).href;
  const esm = format === 'module';
  let result;
  try {
    result = await build({
      entryPoints: [sourcePath],
      absWorkingDir: workingDir,
      bundle: true,
      write: false,
      outfile: outputPath,
      platform: 'node',
      format: esm ? 'esm' : 'cjs',
      target: `node${process.versions.node}`,
      sourcemap: 'inline',
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [externalPackages(esm)],
      define: esm
        ? {
            'import.meta.url': JSON.stringify(sourceUrl),
            'import.meta.filename': JSON.stringify(sourcePath),
            'import.meta.dirname': JSON.stringify(workingDir),
          }
        : { __filename: JSON.stringify(sourcePath), __dirname: JSON.stringify(workingDir) },
      // Bundled CommonJS dependencies and dynamic requires need a `require` that resolves from
      // the source folder (esbuild renames user code's own `require` out of the way).
      banner: {
        js: esm
          ? `import { createRequire as __flowgateCreateRequire } from 'node:module';\nvar require = __flowgateCreateRequire(${JSON.stringify(sourceUrl)});`
          : `var require = require('node:module').createRequire(${JSON.stringify(sourcePath)});`,
      },
    });
  } catch (error) {
    const messages = (error as { errors?: Message[] }).errors ?? [];
    const text = messages.length > 0 ? messages.map(describeMessage).join('\n') : String(error);
    throw new RuntimeInitError('UserCodeSyntaxError', text);
  }
  const output = result.outputFiles[0];
  if (output === undefined) throw new RuntimeInitError('UserCodeSyntaxError', `esbuild produced no output for ${sourcePath}`);
  const inputs: Record<string, number> = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const absolute = resolve(workingDir, input);
    try {
      inputs[absolute] = (await stat(absolute)).mtimeMs;
    } catch {
      // an input outside the file namespace (esbuild's own); nothing to watch
    }
  }
  // Write then rename, so another process never loads a half-written file.
  const temporary = `${outputPath}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, output.contents);
  await rename(temporary, outputPath);
  await writeFile(manifestPath, JSON.stringify({ inputs } satisfies Manifest));
}

function describeMessage(message: Message): string {
  const where = message.location === null ? '' : `${message.location.file}:${message.location.line}:${message.location.column + 1}: `;
  return `${where}${message.text}`;
}

const RESOLVING = Symbol('flowgate-resolving');

/** Packages resolve as esbuild would, but stay where they are: loaded, not bundled. */
function externalPackages(esm: boolean): Plugin {
  return {
    name: 'flowgate-external-packages',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === RESOLVING) return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        const resolved = await pluginBuild.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: RESOLVING,
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        // tsconfig `paths` aliases land on the user's own files: those are bundled.
        if (!resolved.path.includes(`${sep}node_modules${sep}`)) return { path: resolved.path };
        return { path: esm ? pathToFileURL(resolved.path).href : resolved.path, external: true };
      });
    },
  };
}

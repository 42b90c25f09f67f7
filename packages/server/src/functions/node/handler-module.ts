/**
 * Finds the file and export a Lambda handler string names, the way Lambda's Node.js runtime
 * does (`UserFunction.js` of the runtime interface client): `src/app.lambdaHandler` is the
 * module `app` in `src/` below the code directory and its member `lambdaHandler` (further dots
 * walk nested members). The file is tried as written, then `.js` (CommonJS unless the nearest
 * package.json says `"type": "module"`), `.mjs` (ES module), `.cjs` (CommonJS) — Lambda's order —
 * and, a Flowgate addition for local development, `.ts`/`.mts`/`.cts`, which are transpiled.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { RuntimeInitError } from './rapid-error.js';

export type ModuleFormat = 'commonjs' | 'module';

export interface HandlerLocation {
  /** Absolute path of the source file. */
  readonly sourcePath: string;
  readonly format: ModuleFormat;
  /** Set for .ts/.mts/.cts: the file must be transpiled before a worker can load it. */
  readonly typescript: boolean;
  readonly exportPath: readonly string[];
}

// Lambda's pattern: the module is everything before the first dot of the last path segment.
const FUNCTION_EXPRESSION = /^([^.]*)\.(.*)$/;

export async function locateHandler(codeDirectory: string, handler: string): Promise<HandlerLocation> {
  if (handler.includes('..')) {
    throw new RuntimeInitError(
      'MalformedHandlerName',
      `'${handler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const slash = handler.lastIndexOf('/');
  const moduleRoot = handler.slice(0, slash + 1);
  const match = FUNCTION_EXPRESSION.exec(handler.slice(slash + 1));
  const moduleName = match?.[1];
  const memberPath = match?.[2];
  if (moduleName === undefined || memberPath === undefined || moduleName === '' || memberPath === '') {
    throw new RuntimeInitError('MalformedHandlerName', 'Bad handler');
  }
  const base = resolve(codeDirectory, moduleRoot, moduleName);
  const exportPath = memberPath.split('.');
  const found = await findModuleFile(base);
  if (found === undefined) {
    throw new RuntimeInitError(
      'ImportModuleError',
      `Error: Cannot find module '${moduleName}' (looked for ${moduleName}, ${moduleName}.js, .mjs, .cjs, .ts, .mts and .cts in ${dirname(base)})`,
    );
  }
  return { ...found, exportPath };
}

async function findModuleFile(base: string): Promise<Omit<HandlerLocation, 'exportPath'> | undefined> {
  if (await isFile(base)) return { sourcePath: base, format: 'commonjs', typescript: false };
  if (await isFile(`${base}.js`)) {
    return { sourcePath: `${base}.js`, format: await packageFormat(dirname(base)), typescript: false };
  }
  if (await isFile(`${base}.mjs`)) return { sourcePath: `${base}.mjs`, format: 'module', typescript: false };
  if (await isFile(`${base}.cjs`)) return { sourcePath: `${base}.cjs`, format: 'commonjs', typescript: false };
  if (await isFile(`${base}.ts`)) {
    return { sourcePath: `${base}.ts`, format: await packageFormat(dirname(base)), typescript: true };
  }
  if (await isFile(`${base}.mts`)) return { sourcePath: `${base}.mts`, format: 'module', typescript: true };
  if (await isFile(`${base}.cts`)) return { sourcePath: `${base}.cts`, format: 'commonjs', typescript: true };
  return undefined;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The nearest package.json decides, as in Node and Lambda; the walk stops at a node_modules
 * folder (Lambda's runtime does) and at the root. A package.json that cannot be parsed counts
 * as CommonJS, as in Lambda's runtime.
 */
export async function packageFormat(folder: string): Promise<ModuleFormat> {
  let current = folder;
  for (;;) {
    if (basename(current) === 'node_modules') return 'commonjs';
    let text: string | undefined;
    try {
      text = await readFile(join(current, 'package.json'), 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      try {
        const manifest = JSON.parse(text) as { type?: unknown } | null;
        return manifest !== null && manifest.type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    const parent = dirname(current);
    if (parent === current) return 'commonjs';
    current = parent;
  }
}

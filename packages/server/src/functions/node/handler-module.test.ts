import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateHandler, packageFormat } from './handler-module.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'flowgate-handler-module-'));
  const files: Record<string, string> = {
    'plain/index.js': '',
    'plain/index.mjs': '',
    'modules/package.json': '{"type":"module"}',
    'modules/src/app.js': '',
    'modules/broken/package.json': '{not json',
    'modules/broken/app.js': '',
    'only-mjs/index.mjs': '',
    'only-cjs/index.cjs': '',
    'typed/handler.ts': '',
    'typed/esm/package.json': '{"type":"module"}',
    'typed/esm/handler.ts': '',
    'typed/other.mts': '',
    'extensionless/index': '',
    'extensionless/index.js': '',
    'modules/node_modules/dep/app.js': '',
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('locateHandler', () => {
  it("tries the file as written, then .js, .mjs, .cjs (Lambda's order), then TypeScript", async () => {
    expect(await locateHandler(join(root, 'extensionless'), 'index.handler')).toMatchObject({ sourcePath: join(root, 'extensionless/index'), format: 'commonjs' });
    expect(await locateHandler(join(root, 'plain'), 'index.handler')).toMatchObject({ sourcePath: join(root, 'plain/index.js'), typescript: false });
    expect(await locateHandler(join(root, 'only-mjs'), 'index.handler')).toMatchObject({ format: 'module' });
    expect(await locateHandler(join(root, 'only-cjs'), 'index.handler')).toMatchObject({ format: 'commonjs' });
    expect(await locateHandler(join(root, 'typed'), 'handler.handler')).toMatchObject({ typescript: true, format: 'commonjs' });
    expect(await locateHandler(join(root, 'typed'), 'esm/handler.handler')).toMatchObject({ typescript: true, format: 'module' });
    expect(await locateHandler(join(root, 'typed'), 'other.handler')).toMatchObject({ typescript: true, format: 'module' });
  });

  it('reads the folder path, module name and member path from the handler string', async () => {
    const location = await locateHandler(join(root, 'modules'), 'src/app.routes.lambdaHandler');
    expect(location).toEqual({ sourcePath: join(root, 'modules/src/app.js'), format: 'module', typescript: false, exportPath: ['routes', 'lambdaHandler'] });
  });

  it('refuses malformed handler strings and missing modules with Lambda error types', async () => {
    await expect(locateHandler(root, 'index')).rejects.toMatchObject({ name: 'Runtime.MalformedHandlerName', message: 'Bad handler' });
    await expect(locateHandler(root, '../plain/index.handler')).rejects.toMatchObject({ name: 'Runtime.MalformedHandlerName' });
    await expect(locateHandler(join(root, 'plain'), 'missing.handler')).rejects.toMatchObject({ name: 'Runtime.ImportModuleError' });
  });
});

describe('packageFormat', () => {
  it('follows the nearest package.json, stops at node_modules, and treats a broken one as CommonJS', async () => {
    expect(await packageFormat(join(root, 'modules/src'))).toBe('module');
    expect(await packageFormat(join(root, 'modules/broken'))).toBe('commonjs');
    expect(await packageFormat(join(root, 'modules/node_modules/dep'))).toBe('commonjs');
  });
});

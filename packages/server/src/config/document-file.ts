import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { type At, configError, syntaxError } from './config-error.js';
import { parseYaml } from './cloudformation-yaml.js';

/**
 * Reads a JSON or YAML document (by extension: `.json` is JSON, anything else YAML, which is
 * also a superset of JSON). `cloudFormation` turns on the short forms of intrinsic functions,
 * for templates and the files they include; Flowgate's own files are plain YAML.
 */
export async function readDocument(file: string, options: { readonly cloudFormation: boolean; readonly from?: At }): Promise<unknown> {
  const text = await readText(file, options.from);
  return parseDocumentText(text, file, options.cloudFormation);
}

export function parseDocumentText(text: string, file: string, cloudFormation: boolean): unknown {
  if (extname(file).toLowerCase() !== '.json') return parseYaml(text, file, cloudFormation);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw syntaxError(file, message, positionInJson(text, message));
  }
}

/** A referenced file that does not exist is reported at the field that named it. */
export async function readText(file: string, from?: At): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
    throw configError('FileNotFound', from ?? { file, path: [] }, { looked: file });
  }
}

// V8 reports "… at position 42" (Node 20) or "(line 3 column 5)" (Node 22+).
function positionInJson(text: string, message: string): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn !== null) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const offset = /position (\d+)/.exec(message);
  if (offset === null) return undefined;
  const before = text.slice(0, Number(offset[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

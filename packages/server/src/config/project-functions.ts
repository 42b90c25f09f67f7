import { type FunctionConfig, FunctionConfigError, functionDefinitionOf } from '../functions/function-config.js';
import type { FunctionDefinition } from '../functions/function-runner.js';
import { type At, child, configError } from './config-error.js';
import { checkKeys, expectInteger, expectRecord, expectScalarMap, expectString } from './document-checks.js';
import { isValidFunctionName } from './resource-arns.js';

const STRING_FIELDS = ['runtime', 'handler', 'codeUri', 'bootstrap', 'endpoint', 'remoteName', 'region'] as const;
const FIELDS = [...STRING_FIELDS, 'timeout', 'memorySize', 'maxConcurrency', 'environment'];

/**
 * `functions: { <name>: FunctionConfig }`. Field types are checked here, with their paths; the
 * rules of a function (supported runtimes, Lambda's limits) stay in `functionDefinitionOf`,
 * shared with `flowgate serve --functions`, and its message is pinned to the field it is about.
 */
export function readFunctions(value: unknown, at: At, root: string): FunctionDefinition[] {
  const functions = expectRecord(value, at, 'an object of function names to functions');
  return Object.entries(functions).map(([name, entry]) => readFunction(name, entry, child(at, name), root));
}

function readFunction(name: string, value: unknown, at: At, root: string): FunctionDefinition {
  if (!isValidFunctionName(name)) {
    throw configError('InvalidValue', at, { rule: 'a function name is 1 to 64 letters, digits, hyphens or underscores' });
  }
  const record = expectRecord(value, at, 'a function (an object with runtime, handler, codeUri…)');
  checkKeys(record, FIELDS, at);
  if (record.runtime === undefined) throw configError('MissingField', at, { field: 'runtime' });
  const config: Record<string, unknown> = {};
  for (const key of STRING_FIELDS) if (record[key] !== undefined) config[key] = expectString(record[key], child(at, key));
  // Wide bounds here: the Lambda limits are functionDefinitionOf's to enforce.
  for (const key of ['timeout', 'memorySize', 'maxConcurrency'] as const) {
    if (record[key] !== undefined) config[key] = expectInteger(record[key], child(at, key), Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }
  if (record.environment !== undefined) config.environment = expectScalarMap(record.environment, child(at, 'environment'));
  try {
    return functionDefinitionOf(name, config as unknown as FunctionConfig, root);
  } catch (error) {
    if (!(error instanceof FunctionConfigError)) throw error;
    const rule = error.message.replace(/^Function '[^']*': /, '');
    throw configError('InvalidValue', child(at, ...fieldOf(rule)), { rule });
  }
}

// functionDefinitionOf names the field its rule is about; this points the error at that field.
function fieldOf(rule: string): string[] {
  const field = ['runtime', 'timeout', 'memorySize', 'handler', 'endpoint'].find((name) => rule.includes(name));
  return field === undefined ? [] : [field];
}

import type { Diagnostic } from '../errors.js';
import { isJsonObject, type Json } from '../json.js';
import { ValidationContext } from './context.js';
import { checkEnum, checkInteger, checkKnownFields, checkString } from './field-checks.js';
import { ROOT_LOCATION } from './location.js';
import { Messages, ValidationCode } from './messages.js';
import { machineQueryLanguage } from './query-language.js';
import { checkScope } from './scope.js';
import { QUERY_LANGUAGES } from './state.js';

export interface ValidationOptions {
  /** EXPRESS adds the express-only restrictions (start-sync-execution.md §6). Default STANDARD. */
  readonly type?: 'STANDARD' | 'EXPRESS';
}

/**
 * Fields of the definition itself (asl-semantics.md §1). Anything else is refused at `/`
 * [measured: boto3 #4539 — `QueryLanguage`, before AWS supported it, was "not accepted at /"].
 */
const TOP_LEVEL_FIELDS = ['StartAt', 'States', 'Comment', 'Version', 'TimeoutSeconds', 'QueryLanguage'];

/**
 * Structural validation of a parsed state machine definition. Reports every problem found, in
 * AWS's codes and wording where known, each located in AWS's notation (see location.ts); an
 * empty list means the structure is valid. Expression syntax (JSONPath, intrinsics, JSONata)
 * and the inside of Choice rules are left to their own modules. Never throws.
 */
export function validateDefinition(definition: Json, options: ValidationOptions = {}): Diagnostic[] {
  if (!isJsonObject(definition)) {
    return [{ code: ValidationCode.SchemaValidationFailed, pointer: '', message: Messages.notAnObject() }];
  }
  const ctx = new ValidationContext(machineQueryLanguage(definition), options.type === 'EXPRESS');
  checkKnownFields(ctx, definition, TOP_LEVEL_FIELDS, ROOT_LOCATION);
  checkString(ctx, definition, 'Version', ROOT_LOCATION);
  checkInteger(ctx, definition, 'TimeoutSeconds', ROOT_LOCATION, { min: 1 });
  checkEnum(ctx, definition, 'QueryLanguage', ROOT_LOCATION, QUERY_LANGUAGES);

  ctx.enqueue({ kind: 'machine', node: definition, location: ROOT_LOCATION });
  for (let scope = ctx.next(); scope !== undefined; scope = ctx.next()) checkScope(ctx, scope);
  return ctx.diagnostics();
}

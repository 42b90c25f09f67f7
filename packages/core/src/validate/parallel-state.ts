import { isJsonObject, type JsonObject } from '../json.js';
import type { Scope, ValidationContext } from './context.js';
import { checkKnownFields, checkNonEmptyArray, checkRequired } from './field-checks.js';
import { childLocation, itemLocation } from './location.js';
import { Messages } from './messages.js';
import type { QueryLanguage } from './query-language.js';
import { checkCatch, checkRetry } from './retry-catch.js';

/**
 * A branch or processor is a small state machine: `StartAt`, `States`, `Comment`. It declares
 * no `QueryLanguage` of its own [measured: `Field 'QueryLanguage' is not supported` at
 * `/States/M/ItemProcessor`, floci-io/floci #2968], which the unknown-field rule reports.
 */
export const SUB_MACHINE_FIELDS = ['StartAt', 'States', 'Comment'];

/**
 * Parallel (spec §13): `Branches` is a non-empty list of sub-machines, each a closed scope
 * queued for its own validation; Retry and Catch as for Task.
 */
export function checkParallel(
  ctx: ValidationContext,
  state: JsonObject,
  at: string,
  language: QueryLanguage,
  nested: Scope[],
): void {
  checkRequired(ctx, state, ['Branches'], at);
  const branches = checkNonEmptyArray(ctx, state, 'Branches', at);
  if (branches !== undefined) {
    const listLocation = childLocation(at, 'Branches');
    branches.forEach((branch, index) => {
      const location = itemLocation(listLocation, index);
      if (!isJsonObject(branch)) {
        ctx.schema(location, Messages.expectedType('OBJECT'));
        return;
      }
      checkKnownFields(ctx, branch, SUB_MACHINE_FIELDS, location);
      nested.push({ kind: 'branch', node: branch, location });
    });
  }
  checkRetry(ctx, state, at);
  checkCatch(ctx, state, at, language);
}

import { validateStateMachine } from '@flowgate/core';
import type { ActionHandler } from './protocol.js';
import { optionalString, requiredString } from './service-context.js';

/** ValidateStateMachineDefinition: never throws for a bad definition, it reports it. */
export function definitionActions(): Record<string, ActionHandler> {
  return {
    async ValidateStateMachineDefinition(input) {
      const type = (optionalString(input, 'type') ?? 'STANDARD') as 'STANDARD' | 'EXPRESS';
      const limit = typeof input.maxResults === 'number' && input.maxResults > 0 ? input.maxResults : 100;
      // Flowgate reports errors only; a WARNING filter therefore shows the same list.
      const diagnostics = validateStateMachine(requiredString(input, 'definition'), { type }).map((diagnostic) => ({
        severity: 'ERROR',
        code: diagnostic.code,
        message: diagnostic.message,
        ...(diagnostic.pointer === '' ? {} : { location: diagnostic.pointer }),
      }));
      return {
        result: diagnostics.length === 0 ? 'OK' : 'FAIL',
        diagnostics: diagnostics.slice(0, limit),
        truncated: diagnostics.length > limit,
      };
    },
  };
}

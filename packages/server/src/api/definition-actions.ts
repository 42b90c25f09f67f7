import type { Json, JsonObject, TaskPort } from '@flowgate/core';
import { EngineError, parseExecutionInput, validateStateMachine } from '@flowgate/core';
import { apiError } from './errors.js';
import type { ActionHandler } from './protocol.js';
import { compact, optionalString, requiredString } from './service-context.js';
import { testState } from './test-state.js';

function parseJsonMember(text: string | undefined, member: string): Json | undefined {
  if (text === undefined) return undefined;
  try {
    return parseExecutionInput(text);
  } catch (error) {
    if (error instanceof EngineError) {
      throw apiError(member === 'input' ? 'InvalidExecutionInput' : 'ValidationException', error.message);
    }
    throw error;
  }
}

/** ValidateStateMachineDefinition and TestState: definitions checked or run without a machine. */
export function definitionActions(taskPort: () => TaskPort): Record<string, ActionHandler> {
  return {
    async TestState(input) {
      let definition: unknown;
      try {
        definition = JSON.parse(requiredString(input, 'definition'));
      } catch (error) {
        throw apiError('InvalidDefinition', `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${error instanceof Error ? error.message : String(error)}'`);
      }
      if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
        throw apiError('InvalidDefinition', "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The definition must be a JSON object at /'");
      }
      const mock = input.mock as { result?: string; errorOutput?: { error?: string; cause?: string } } | undefined;
      if (input.context !== undefined && mock === undefined) throw apiError('ValidationException', 'A context can only be given together with a mock.');
      const configuration = (input.stateConfiguration ?? {}) as { retrierRetryCount?: number };
      const result = await testState({
        definition: definition as JsonObject,
        input: parseJsonMember(optionalString(input, 'input'), 'input') ?? {},
        inspectionLevel: (optionalString(input, 'inspectionLevel') ?? 'INFO') as 'INFO' | 'DEBUG' | 'TRACE',
        retrierRetryCount: configuration.retrierRetryCount ?? 0,
        taskPort: taskPort(),
        ...compact({ stateName: optionalString(input, 'stateName'), mock }),
      });
      return compact({ ...result, inspectionData: result.inspectionData });
    },

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

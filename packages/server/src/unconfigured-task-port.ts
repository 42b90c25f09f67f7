import { StatesErrors, TaskFailure } from '@flowgate/core';
import type { TaskPort } from '@flowgate/core';

/**
 * The task port of `flowgate run`, which registers no functions: every Task state fails with
 * `States.TaskFailed`, as data that the state's Retry and Catch can route, and the cause
 * names the resource so that the user sees which task could not run.
 */
export function createUnconfiguredTaskPort(): TaskPort {
  return {
    invoke(request) {
      return Promise.reject(
        new TaskFailure(
          StatesErrors.TaskFailed,
          `No function runner is configured for ${request.resource} (state '${request.stateName}'): flowgate run registers no functions; use flowgate dev or flowgate serve --functions.`,
        ),
      );
    },
  };
}

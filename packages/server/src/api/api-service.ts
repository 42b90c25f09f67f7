import type { ActionHandler } from './protocol.js';
import { activityActions } from './activity-actions.js';
import { aliasActions } from './alias-actions.js';
import { callbackActions } from './callback-actions.js';
import { definitionActions } from './definition-actions.js';
import { executionActions } from './execution-actions.js';
import type { ServiceContext } from './service-context.js';
import { stateMachineActions } from './state-machine-actions.js';
import { tagActions } from './tag-actions.js';
import { versionActions } from './version-actions.js';

// Actions that change no machine, version or alias record: they leave the record cache alone.
const KEEPS_RECORDS = new Set([
  'DescribeStateMachine',
  'ListStateMachines',
  'StartExecution',
  'StartSyncExecution',
  'StopExecution',
  'DescribeExecution',
  'ListExecutions',
  'GetExecutionHistory',
  'DescribeStateMachineForExecution',
  'ListStateMachineVersions',
  'DescribeStateMachineAlias',
  'ListStateMachineAliases',
  'ListTagsForResource',
  'TagResource',
  'UntagResource',
  'ValidateStateMachineDefinition',
  'TestState',
  'RedriveExecution',
  'SendTaskSuccess',
  'SendTaskFailure',
  'SendTaskHeartbeat',
  'CreateActivity',
  'DescribeActivity',
  'ListActivities',
  'DeleteActivity',
  'GetActivityTask',
]);

/** Every action this server answers, by its `X-Amz-Target` name. */
export function createApiActions(context: ServiceContext): Record<string, ActionHandler> {
  const actions = allActions(context);
  for (const [name, handler] of Object.entries(actions)) {
    if (KEEPS_RECORDS.has(name)) continue;
    actions[name] = async (input, call) => {
      context.records.clear();
      try {
        return await handler(input, call);
      } finally {
        context.records.clear();
      }
    };
  }
  return actions;
}

function allActions(context: ServiceContext): Record<string, ActionHandler> {
  return {
    ...stateMachineActions(context),
    ...versionActions(context),
    ...aliasActions(context),
    ...executionActions(context),
    ...tagActions(context),
    ...callbackActions(context),
    ...activityActions(context),
    ...definitionActions(() => context.executor.taskPortForTesting()),
  };
}

import type { ApiCall, ActionHandler } from '../api/protocol.js';
import { ApiError } from '../api/errors.js';
import type { WorkflowConfig } from './application.js';

const DEV_ROLE = 'arn:aws:iam::123456789012:role/flowgate-dev';
const LOCAL_CALL: ApiCall = { headers: {}, onClientGone: () => undefined };

export interface DeployReport {
  readonly created: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  /** Workflow name → AWS's message, for definitions the API refused. */
  readonly failed: Record<string, string>;
}

function loggingOf(workflow: WorkflowConfig): Record<string, unknown> | undefined {
  const logging = workflow.logging;
  if (logging === undefined) return undefined;
  return {
    level: logging.level,
    includeExecutionData: logging.includeExecutionData,
    ...(logging.logGroupArn === undefined ? {} : { destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: logging.logGroupArn } }] }),
  };
}

/**
 * Makes the server's state machines match the application's workflows through the same
 * actions the AWS API serves, so a definition `flowgate dev` loads is checked exactly as
 * CreateStateMachine checks it. A machine whose type changed is re-created (AWS cannot
 * update a type). Executions in flight keep the revision they started with.
 */
export async function deployWorkflows(
  actions: Readonly<Record<string, ActionHandler>>,
  scopeArn: (name: string) => string,
  workflows: readonly WorkflowConfig[],
): Promise<DeployReport> {
  const report: DeployReport = { created: [], updated: [], unchanged: [], failed: {} };
  for (const workflow of workflows) {
    const arn = scopeArn(workflow.name);
    const logging = loggingOf(workflow);
    try {
      const existing = await describe(actions, arn);
      if (existing !== undefined && existing.type !== workflow.type) {
        await call(actions, 'DeleteStateMachine', { stateMachineArn: arn });
      }
      if (existing === undefined || existing.type !== workflow.type) {
        await call(actions, 'CreateStateMachine', {
          name: workflow.name,
          definition: workflow.definition,
          roleArn: DEV_ROLE,
          type: workflow.type,
          ...(logging === undefined ? {} : { loggingConfiguration: logging }),
        });
        report.created.push(workflow.name);
        continue;
      }
      const sameLogging = JSON.stringify(existing.loggingConfiguration) === JSON.stringify(logging ?? { level: 'OFF', includeExecutionData: false });
      if (existing.definition === workflow.definition && sameLogging) {
        report.unchanged.push(workflow.name);
        continue;
      }
      await call(actions, 'UpdateStateMachine', {
        stateMachineArn: arn,
        definition: workflow.definition,
        loggingConfiguration: logging ?? { level: 'OFF' },
      });
      report.updated.push(workflow.name);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      report.failed[workflow.name] = `${error.code}: ${error.message}`;
    }
  }
  return report;
}

async function call(actions: Readonly<Record<string, ActionHandler>>, name: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const handler = actions[name];
  if (handler === undefined) throw new Error(`The API has no action ${name}`);
  return (await handler(input, LOCAL_CALL)) as Record<string, unknown>;
}

async function describe(
  actions: Readonly<Record<string, ActionHandler>>,
  arn: string,
): Promise<{ type: string; definition: string; loggingConfiguration: unknown } | undefined> {
  try {
    return (await call(actions, 'DescribeStateMachine', { stateMachineArn: arn })) as { type: string; definition: string; loggingConfiguration: unknown };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'StateMachineDoesNotExist') return undefined;
    throw error;
  }
}

/**
 * The actions AWS offers as optimized integrations (`arn:<partition>:states:::<service>:<action>`,
 * optionally with `.sync`, `.sync:2` or `.waitForTaskToken`), for the services whose whole list
 * is known here. AWS refuses any other action of these services as a resource it does not
 * recognize [recorded: `dynamodb:query`]; other APIs of a service are reached through
 * `aws-sdk:<service>:<action>`, which is not checked. Services missing from this list are
 * accepted as they are: refusing a definition AWS accepts would be worse than accepting one it
 * refuses.
 */
const ACTIONS_BY_SERVICE: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    // [documented] only GetItem, PutItem, UpdateItem and DeleteItem are optimized.
    dynamodb: ['getItem', 'putItem', 'updateItem', 'deleteItem'],
    lambda: ['invoke'],
    sns: ['publish'],
    sqs: ['sendMessage'],
    events: ['putEvents'],
    states: ['startExecution'],
    http: ['invoke'],
    apigateway: ['invoke'],
    batch: ['submitJob'],
    ecs: ['runTask'],
    glue: ['startJobRun'],
  }).map(([service, actions]) => [service, new Set(actions)]),
);

const OPTIMIZED_RESOURCE = /^arn:[^:]+:states:::([a-z0-9-]+):([A-Za-z0-9]+)(?:\.sync(?::2)?|\.waitForTaskToken)?$/;

/** False only for an action this catalogue knows its service does not offer. */
export function isRecognizedOptimizedResource(resource: string): boolean {
  const match = OPTIMIZED_RESOURCE.exec(resource);
  if (match === null) return true;
  const actions = ACTIONS_BY_SERVICE.get(match[1] as string);
  return actions === undefined || actions.has(match[2] as string);
}

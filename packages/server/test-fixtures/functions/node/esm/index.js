// An ES module in a .js file (package.json says "type": "module").
let invocations = 0;
const loadedAt = Date.now();

export const counter = async () => {
  invocations += 1;
  return { invocations, loadedAt };
};

export const environment = async (event, context) => {
  const seen = {
    value: process.env.FLOWGATE_TEST_VALUE,
    leakedFromOtherFunction: process.env.SET_BY_OTHER_FUNCTION,
    fromServer: process.env.FLOWGATE_SERVER_ONLY,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    memorySize: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    version: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    region: process.env.AWS_REGION,
    defaultRegion: process.env.AWS_DEFAULT_REGION,
    taskRoot: process.env.LAMBDA_TASK_ROOT,
    handler: process.env._HANDLER,
    tz: process.env.TZ,
    logGroupName: context.logGroupName,
    logStreamName: context.logStreamName,
    functionVersion: context.functionVersion,
    memoryLimitInMB: context.memoryLimitInMB,
    waits: context.callbackWaitsForEmptyEventLoop,
    clientContext: context.clientContext,
  };
  process.env.SET_BY_OTHER_FUNCTION = context.functionName;
  return seen;
};

export const logs = async (event) => {
  console.log('hello from', event.who, { nested: [1, 2] });
  console.warn('careful');
  console.error(new Error('logged, not thrown').message);
  process.stdout.write('raw stdout line\n');
  return 'logged';
};

export const chatty = async () => {
  for (let i = 0; i < 200; i += 1) console.log(`line ${i} ${'é'.repeat(20)}`);
  return 'chatty';
};

export const nothing = async () => undefined;

export const moduleKind = async () => ({ isModule: typeof require === 'undefined', url: import.meta.url.endsWith('/esm/index.js') });

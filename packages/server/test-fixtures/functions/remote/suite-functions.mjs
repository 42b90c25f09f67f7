// The shared function-runner suite's fixtures (function-runner.suite.ts `RunnerFixtures`),
// written as Lambda Node.js handlers for the fake Invoke API's worker sandboxes.
import { setTimeout as sleep } from 'node:timers/promises';

export function echo(event, context) {
  return {
    event,
    context: {
      requestId: context.awsRequestId,
      functionName: context.functionName,
      invokedFunctionArn: context.invokedFunctionArn,
      remainingMs: context.getRemainingTimeInMillis(),
      traceId: process.env._X_AMZN_TRACE_ID,
      memoryLimitMb: Number(context.memoryLimitInMB),
    },
    env: process.env.FLOWGATE_TEST_VALUE,
  };
}

class CustomError extends Error {
  name = 'CustomError';
}

export function throws() {
  throw new CustomError('boom');
}

export async function sleeps() {
  await sleep(30_000);
  return 'woke up';
}

// Never yields: the only way out is the sandbox's timeout.
export function loops() {
  const spins = new Int32Array(1);
  for (;;) Atomics.add(spins, 0, 1);
}

export function exits() {
  process.exit(3);
}

export function logs(event) {
  console.log(`handling ${JSON.stringify(event)}`);
  return 'logged';
}

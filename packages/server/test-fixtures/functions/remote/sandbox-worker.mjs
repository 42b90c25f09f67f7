// One invocation of a fake-invoke-api function in its own worker thread, the way a Lambda
// sandbox runs one invocation: the handler gets the event and a Lambda-like context, and its
// answer or error goes back to the server. Exits, crashes and endless loops are the server's
// to observe (the worker's exit code, or its own timeout).
import { parentPort, workerData } from 'node:worker_threads';

const { module, exportName, event, context, deadline } = workerData;

try {
  const loaded = await import(module);
  const handler = loaded[exportName];
  if (typeof handler !== 'function') throw new Error(`${module} has no export '${exportName}'`);
  const result = await handler(event, { ...context, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) });
  parentPort.postMessage({ ok: true, payload: JSON.stringify(result === undefined ? null : result) });
} catch (error) {
  const described =
    error instanceof Error
      ? { errorType: error.name, errorMessage: error.message, trace: String(error.stack ?? '').split('\n') }
      : { errorType: 'Error', errorMessage: String(error), trace: [] };
  parentPort.postMessage({ ok: false, error: described });
}

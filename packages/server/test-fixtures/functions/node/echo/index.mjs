// The shared suite's echo fixture: what the function saw of its event, context and environment.
export const handler = async (event, context) => ({
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
});

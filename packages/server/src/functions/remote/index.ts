// The remote function runner: functions behind the Lambda Invoke API or in AWS Lambda.
export type { RemoteRunnerOptions } from './remote-function-runner.js';
export { createRemoteFunctionRunner } from './remote-function-runner.js';
export type { AwsClientSettings } from './sdk-transport.js';

import { describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '../function-runner.js';
import { lambdaEnvironment, logStreamName, processEnvironment } from './lambda-environment.js';

const DEFINITION: FunctionDefinition = {
  name: 'orders',
  kind: 'provided',
  handler: 'function.handler',
  codeDirectory: '/code',
  timeoutSeconds: 3,
  memoryMb: 256,
  environment: { TABLE: 'orders', TZ: 'Europe/Paris', AWS_REGION: 'ap-south-1' },
};

describe('Lambda environment', () => {
  it("sets Lambda's variables, lets the function change the unreserved ones, and inherits only PATH and credentials", () => {
    const env = lambdaEnvironment({
      definition: DEFINITION,
      taskRoot: '/code',
      parent: { PATH: '/usr/bin', HOME: '/root', AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKID', SECRET_OF_FLOWGATE: 'x' },
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      LANG: 'en_US.UTF-8',
      TZ: 'Europe/Paris',
      AWS_ACCESS_KEY_ID: 'AKID',
      TABLE: 'orders',
      _HANDLER: 'function.handler',
      LAMBDA_TASK_ROOT: '/code',
      AWS_LAMBDA_FUNCTION_NAME: 'orders',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/orders',
      // Reserved: the function's own AWS_REGION does not win over the region it runs in.
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
    });
  });

  it("takes the region from the definition first, and defaults to us-east-1", () => {
    expect(lambdaEnvironment({ definition: { ...DEFINITION, region: 'sa-east-1' }, taskRoot: '/code', parent: { AWS_REGION: 'eu-west-1' } }).AWS_REGION).toBe('sa-east-1');
    expect(lambdaEnvironment({ definition: DEFINITION, taskRoot: '/code', parent: {} }).AWS_DEFAULT_REGION).toBe('us-east-1');
  });

  it('gives each process its Runtime API endpoint and a log stream of its own', () => {
    const base = lambdaEnvironment({ definition: DEFINITION, taskRoot: '/code', parent: {} });
    const first = processEnvironment(base, '127.0.0.1:40001', new Date('2024-05-01T10:00:00Z'));
    const second = processEnvironment(base, '127.0.0.1:40002', new Date('2024-05-01T10:00:00Z'));
    expect(first.AWS_LAMBDA_RUNTIME_API).toBe('127.0.0.1:40001');
    expect(first.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/^2024\/05\/01\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(first.AWS_LAMBDA_LOG_STREAM_NAME).not.toBe(second.AWS_LAMBDA_LOG_STREAM_NAME);
    expect(logStreamName(new Date('2023-12-31T23:59:59Z'))).toMatch(/^2023\/12\/31\//);
  });
});

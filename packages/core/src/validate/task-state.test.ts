import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../json.js';
import { validateDefinition, type ValidationOptions } from './validate-definition.js';

const task = (fields: JsonObject, top: JsonObject = {}, options?: ValidationOptions): string[] =>
  validateDefinition(
    { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ...fields } }, ...top },
    options,
  ).map((d) => `${d.code}: ${d.message} @ ${d.pointer}`);
const JSONATA = { QueryLanguage: 'JSONata' };

describe('Task', () => {
  it('needs a string Resource', () => {
    const definition: Json = { StartAt: 'T', States: { T: { Type: 'Task', End: true } } };
    expect(validateDefinition(definition).map((d) => d.message)).toEqual(['These fields are required: [Resource]']);
    expect(task({ Resource: 3 })).toEqual(['SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] @ /States/T/Resource']);
  });

  it('needs the Resource to be an ARN', () => {
    expect(task({ Resource: 'createToken' })).toEqual([
      'SCHEMA_VALIDATION_FAILED: The resource provided createToken is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. @ /States/T/Resource',
    ]);
    for (const resource of ['arn:aws:lambda:us-east-1:123456789012:function:f', 'arn:aws-cn:states:::http:invoke']) {
      expect(task({ Resource: resource })).toEqual([]);
    }
  });

  it('refuses an action an optimized integration does not offer, and lets the others and aws-sdk through', () => {
    expect(task({ Resource: 'arn:aws:states:::dynamodb:query' })).toEqual([
      'SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. @ /States/T/Resource',
    ]);
    for (const resource of [
      'arn:aws:states:::dynamodb:getItem',
      'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      'arn:aws:states:::states:startExecution.sync:2',
      'arn:aws:states:::aws-sdk:dynamodb:query',
      'arn:aws:states:::bedrock:invokeModel',
    ]) {
      expect(task({ Resource: resource })).toEqual([]);
    }
  });

  it('checks timeouts', () => {
    expect(task({ TimeoutSeconds: 10, HeartbeatSeconds: 5 })).toEqual([]);
    expect(task({ TimeoutSeconds: 0, HeartbeatSeconds: 1.5 })).toEqual([
      'SCHEMA_VALIDATION_FAILED: Minimum value is 1 @ /States/T/TimeoutSeconds',
      'SCHEMA_VALIDATION_FAILED: Expected value of type [INTEGER] @ /States/T/HeartbeatSeconds',
    ]);
    expect(task({ TimeoutSeconds: 5, HeartbeatSeconds: 5 })).toEqual([
      "SCHEMA_VALIDATION_FAILED: 'HeartbeatSeconds' must be smaller than 'TimeoutSeconds' @ /States/T/HeartbeatSeconds",
    ]);
    expect(task({ TimeoutSeconds: 5, TimeoutSecondsPath: '$.t' })).toEqual([
      'SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [TimeoutSeconds, TimeoutSecondsPath] @ /States/T/TimeoutSeconds',
    ]);
    expect(task({ HeartbeatSeconds: '{% $states.input.h %}' }, JSONATA)).toEqual([]);
    expect(task({ HeartbeatSecondsPath: '$.h' }, JSONATA)).toEqual([
      "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'HeartbeatSecondsPath' is only supported for the 'JSONPath' QueryLanguage @ /States/T",
    ]);
  });

  it('needs a RoleArn in Credentials, whatever else is there', () => {
    const missing = "SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing @ /States/T/Credentials";
    expect(task({ Credentials: {} }, JSONATA)).toEqual([missing]);
    expect(task({ Credentials: { InvalidField: 'invalid' } }, JSONATA)).toEqual([missing]);
    expect(task({ Credentials: { 'RoleArn.$': '$.role' } }, JSONATA)).toEqual([missing]);
    expect(task({ Credentials: { RoleArn: 'arn:aws:iam::1:role/r' } })).toEqual([]);
    expect(task({ Credentials: { 'RoleArn.$': '$.role' } })).toEqual([]);
    expect(task({ Credentials: { 'RoleArn.$': 1 } })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The value for the field 'RoleArn.$' must be a valid JSONPath or a valid intrinsic function call @ /States/T/Credentials",
    ]);
    expect(task({ Credentials: 'role' })).toEqual(['SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] @ /States/T/Credentials']);
  });
});

describe('EXPRESS restrictions', () => {
  const express: ValidationOptions = { type: 'EXPRESS' };

  it('refuses callbacks, jobs and activities, with AWS wording', () => {
    expect(task({ Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' }, {}, express)).toEqual([
      "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  @ /States/T/Resource",
    ]);
    for (const resource of ['arn:aws:states:::states:startExecution.sync', 'arn:aws:states:::states:startExecution.sync:2']) {
      expect(task({ Resource: resource }, {}, express)).toEqual([
        "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration @ /States/T/Resource",
      ]);
    }
    expect(task({ Resource: 'arn:aws:states:us-east-1:123456789012:activity:work' }, {}, express)).toEqual([
      'SCHEMA_VALIDATION_FAILED: Express state machine does not support Activity ARN @ /States/T/Resource',
    ]);
  });

  it('allows callbacks and activities, not jobs, when the project opts into the extension', () => {
    const extended: ValidationOptions = { type: 'EXPRESS', expressCallbacks: true };
    expect(task({ Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' }, {}, extended)).toEqual([]);
    expect(task({ Resource: 'arn:aws:states:us-east-1:123456789012:activity:work' }, {}, extended)).toEqual([]);
    expect(task({ Resource: 'arn:aws:states:::states:startExecution.sync' }, {}, extended)).toEqual([
      "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration @ /States/T/Resource",
    ]);
  });

  it('allows request-response integrations and SDK calls', () => {
    for (const resource of ['arn:aws:states:::lambda:invoke', 'arn:aws:states:::aws-sdk:sfn:startSyncExecution', 'arn:aws:states:::states:startExecution']) {
      expect(task({ Resource: resource }, {}, express)).toEqual([]);
    }
  });

  it('applies only to EXPRESS machines', () => {
    expect(task({ Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' })).toEqual([]);
    expect(task({ Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' }, {}, { type: 'STANDARD' })).toEqual([]);
  });

  it('reaches into branches and processors', () => {
    const definition: Json = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [{ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::glue:startJobRun.sync', End: true } } }],
        },
      },
    };
    expect(validateDefinition(definition, express).map((d) => d.pointer)).toEqual(['/States/P/Branches[0]/States/A/Resource']);
  });
});

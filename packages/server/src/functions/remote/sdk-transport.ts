/**
 * AWS Lambda itself, through `@aws-sdk/client-lambda` with the user's credentials from the
 * SDK's default provider chain (environment, shared config and SSO, container and instance
 * roles). Tests pass an `endpoint` and static credentials to point the same code at a local
 * fake; production passes nothing and gets the SDK's defaults.
 */
import type { LambdaClientConfig } from '@aws-sdk/client-lambda';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaServiceError } from '../function-runner.js';
import type { InvocationOutcome } from '../function-runner.js';
import type { InvokeCall, InvokeTransport } from './invoke-transport.js';
import { invocationHeaders } from './invoke-transport.js';
import { outcomeFromAnswer, RESPONSE_LIMIT_BYTES, responseTooLarge } from './remote-outcome.js';
import { clientError, normalizeErrorCode } from './service-errors.js';

/** Settings for the SDK client; anything left out comes from the SDK's defaults. */
export type AwsClientSettings = Pick<LambdaClientConfig, 'endpoint' | 'credentials' | 'region' | 'requestHandler'>;

function isServiceException(error: unknown): error is Error & { $metadata?: { httpStatusCode?: number }; $fault?: string } {
  return error instanceof Error && '$fault' in error;
}

/** The SDK's exception becomes a service error named as Lambda names it. */
function toServiceError(error: unknown, endpoint: string): LambdaServiceError {
  if (isServiceException(error)) {
    return new LambdaServiceError(normalizeErrorCode(error.name), error.message, error.$metadata?.httpStatusCode ?? 0);
  }
  return clientError(error, endpoint);
}

export function createSdkTransport(region: string, settings: AwsClientSettings = {}): InvokeTransport {
  const client = new LambdaClient({
    region,
    // Throttling and service errors go back to the workflow, whose Retry decides, as
    // Step Functions' own Lambda integration does (integrations.md §2.1).
    maxAttempts: 1,
    ...settings,
  });
  const endpointName = typeof settings.endpoint === 'string' ? settings.endpoint : `AWS Lambda (${region})`;

  async function invoke(call: InvokeCall, signal: AbortSignal): Promise<InvocationOutcome> {
    const command = new InvokeCommand({
      FunctionName: call.functionName,
      InvocationType: 'RequestResponse',
      LogType: call.logTail ? 'Tail' : 'None',
      Payload: Buffer.from(call.payload, 'utf8'),
      ...(call.clientContext === undefined ? {} : { ClientContext: call.clientContext }),
    });
    // The trace header is not a member of the Invoke input (the SDK only copies it from the
    // Lambda environment), so it is added to this one request before it is signed.
    const extra = invocationHeaders(call);
    command.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers !== undefined) Object.assign(request.headers, extra);
        return next(args);
      },
      { step: 'build', name: 'flowgateInvocationHeaders' },
    );
    let output;
    try {
      output = await client.send(command, { abortSignal: signal });
    } catch (error) {
      throw signal.aborted ? signal.reason : toServiceError(error, endpointName);
    }
    const bytes = output.Payload ?? new Uint8Array();
    if (bytes.byteLength > RESPONSE_LIMIT_BYTES) return responseTooLarge(bytes.byteLength);
    return outcomeFromAnswer(
      {
        payload: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
        functionError: output.FunctionError,
        executedVersion: output.ExecutedVersion,
        logResult: output.LogResult,
      },
      call.requestId,
    );
  }

  return {
    invoke,
    close() {
      client.destroy();
    },
  };
}

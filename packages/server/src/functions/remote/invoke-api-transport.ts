/**
 * The Lambda Invoke API over plain HTTP(S), for endpoints such as `sam local start-lambda`
 * (default `http://127.0.0.1:3001`) or LocalStack. Requests are not signed: local emulators
 * accept unsigned requests, and AWS Lambda itself goes through the SDK transport.
 *
 * Wire format (AWS Lambda API reference, Invoke; the shapes in @aws-sdk/client-lambda):
 * `POST /2015-03-31/functions/{FunctionName}/invocations` with the event as body and
 * `X-Amz-Invocation-Type`, `X-Amz-Log-Type`, `X-Amz-Client-Context`; the answer carries the
 * payload as body and `X-Amz-Function-Error`, `X-Amz-Executed-Version`, `X-Amz-Log-Result`.
 */
import type { IncomingMessage } from 'node:http';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { InvocationOutcome } from '../function-runner.js';
import type { InvokeCall, InvokeTransport } from './invoke-transport.js';
import { invocationHeaders } from './invoke-transport.js';
import { outcomeFromAnswer, RESPONSE_LIMIT_BYTES, responseTooLarge } from './remote-outcome.js';
import { clientError, serviceErrorFromResponse } from './service-errors.js';

function headerValue(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

interface Body {
  readonly text: string;
  readonly size: number;
  readonly truncated: boolean;
}

/** Reads the body up to the limit; past it, keeps counting but stops keeping bytes. */
function readBody(response: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    response.once('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), size, truncated: size > limit }));
    response.once('error', reject);
    // A connection cut mid-body must not leave the read waiting.
    response.once('close', () => {
      if (!response.complete) reject(new Error('The connection closed before the response ended.'));
    });
  });
}

export function createInvokeApiTransport(endpoint: string): InvokeTransport {
  const base = new URL(endpoint);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new Error(`The function endpoint '${endpoint}' is not an http(s) URL or 'aws'.`);
  }
  const secure = base.protocol === 'https:';
  // One keep-alive agent per runner: invocations reuse connections, and close() ends them.
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  const prefix = base.pathname.replace(/\/+$/, '');

  function invoke(call: InvokeCall, signal: AbortSignal): Promise<InvocationOutcome> {
    const body = Buffer.from(call.payload, 'utf8');
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json',
      'Content-Length': body.length,
      'X-Amz-Invocation-Type': 'RequestResponse',
      // sam local start-lambda refuses anything but `None` with 501 NotImplemented.
      'X-Amz-Log-Type': call.logTail ? 'Tail' : 'None',
      ...invocationHeaders(call),
    };
    if (call.clientContext !== undefined) headers['X-Amz-Client-Context'] = call.clientContext;
    const path = `${prefix}/2015-03-31/functions/${encodeURIComponent(call.functionName)}/invocations`;

    return new Promise<InvocationOutcome>((resolve, reject) => {
      const fail = (error: unknown) => reject(signal.aborted ? signal.reason : clientError(error, base.origin));
      const outgoing = send({ protocol: base.protocol, hostname: base.hostname, port: base.port, path, method: 'POST', headers, agent, signal }, (response) => {
        readBody(response, RESPONSE_LIMIT_BYTES).then((answer) => {
          const status = response.statusCode ?? 0;
          if (status < 200 || status > 299) {
            reject(serviceErrorFromResponse(status, headerValue(response, 'x-amzn-errortype'), answer.text));
          } else if (answer.truncated) {
            resolve(responseTooLarge(answer.size));
          } else {
            resolve(
              outcomeFromAnswer(
                {
                  payload: answer.text,
                  functionError: headerValue(response, 'x-amz-function-error'),
                  executedVersion: headerValue(response, 'x-amz-executed-version'),
                  logResult: headerValue(response, 'x-amz-log-result'),
                },
                call.requestId,
              ),
            );
          }
        }, fail);
      });
      outgoing.once('error', fail);
      outgoing.end(body);
    });
  }

  return {
    invoke,
    close() {
      agent.destroy();
    },
  };
}

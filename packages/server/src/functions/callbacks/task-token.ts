import { randomBytes } from 'node:crypto';

/** Where a task token comes from: the execution and the state that waits on it. */
export interface TaskTokenOrigin {
  readonly executionArn: string;
  readonly stateName: string;
}

const VERSION = 1;
/** The model's limit on every `taskToken` member (SendTask*, GetActivityTask). */
export const MAX_TOKEN_LENGTH = 2048;

/**
 * A task token: base64url of `[version, execution ARN, state name, nonce]`. Opaque to its
 * users, as AWS's are; the server reads the execution back to tell a token whose task is
 * over (TaskTimedOut) from one that never was (TaskDoesNotExist), and the 128-bit random
 * nonce keeps tokens unguessable and distinct per attempt. A STANDARD execution ARN is at
 * most 256 characters and a state name 80, so a token stays far below 2048 characters.
 */
export function createTaskToken(origin: TaskTokenOrigin): string {
  const nonce = randomBytes(16).toString('base64url');
  return Buffer.from(JSON.stringify([VERSION, origin.executionArn, origin.stateName, nonce]), 'utf8').toString('base64url');
}

/** The origin of a token this server made, or undefined for anything else (AWS's InvalidToken). */
export function readTaskToken(token: string): TaskTokenOrigin | undefined {
  if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || parsed[0] !== VERSION) return undefined;
  const [, executionArn, stateName, nonce] = parsed as unknown[];
  if (typeof executionArn !== 'string' || !executionArn.startsWith('arn:') || typeof stateName !== 'string' || typeof nonce !== 'string') return undefined;
  return { executionArn, stateName };
}

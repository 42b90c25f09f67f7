/**
 * How Lambda's Node.js runtime turns what a handler threw into the error document of the
 * Invoke response, and how it writes that error to the function's log. Behaviour follows the
 * runtime interface client (`aws-lambda-nodejs-runtime-interface-client`, `Errors.js`), as seen
 * in its published bundle:
 *
 * - an Error, or an object with string `name`, `message` and `stack`:
 *   `{errorType: name, errorMessage: message, trace: stack.split('\n')}` (so a subclass that does
 *   not set `name` reports `Error`, as on Lambda);
 * - anything else: `{errorType: typeof value, errorMessage: String(value), trace: []}`
 *   (`throw 'boom'` → `{"errorType":"string","errorMessage":"boom","trace":[]}`);
 * - a value whose members throw when read: the runtime's fixed `handled` document.
 */
import { types } from 'node:util';
import type { RapidError } from './worker-protocol.js';

function isErrorLike(value: unknown): value is { name: string; message: string; stack: string } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; message?: unknown; stack?: unknown };
  return (
    typeof candidate.name === 'string' &&
    candidate.name !== '' &&
    typeof candidate.message === 'string' &&
    candidate.message !== '' &&
    typeof candidate.stack === 'string' &&
    candidate.stack !== ''
  );
}

export function toRapidError(value: unknown): RapidError {
  try {
    if (types.isNativeError(value) || isErrorLike(value)) {
      const error = value as { name: string; message: string; stack?: string };
      return { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
    }
    return { errorType: typeof value, errorMessage: String(value), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/**
 * The runtime's log form of an error (`toFormatted`): the Error's enumerable members beside
 * errorType, errorMessage and the stack as lines, tab-prefixed, as in `ERROR\tInvoke Error \t{…}`.
 */
export function formatErrorForLog(value: unknown): string {
  try {
    return (
      '\t' +
      JSON.stringify(value, (_key, member: unknown) => {
        if (!(member instanceof Error)) return member;
        const shaped: Record<string, unknown> = {
          errorType: member.name,
          errorMessage: member.message,
          code: (member as { code?: unknown }).code,
          ...member,
        };
        if (typeof member.stack === 'string') shaped.stack = member.stack.split('\n');
        return shaped;
      })
    );
  } catch {
    return '\t' + JSON.stringify(toRapidError(value));
  }
}

/**
 * The runtime's error for a promise rejected with nobody listening: type
 * `Runtime.UnhandledPromiseRejection`, message the reason as text (`Error: boom`).
 */
export class UnhandledPromiseRejection extends Error {
  readonly reason: unknown;
  constructor(reason: unknown) {
    super(describeReason(reason));
    this.name = 'Runtime.UnhandledPromiseRejection';
    this.reason = reason;
  }
}

function describeReason(reason: unknown): string {
  try {
    return String(reason);
  } catch {
    return 'Unhandled promise rejection';
  }
}

/** Init failures, named as the runtime names them (`Runtime.<class>`). */
export class RuntimeInitError extends Error {
  constructor(kind: 'ImportModuleError' | 'HandlerNotFound' | 'MalformedHandlerName' | 'UserCodeSyntaxError', message: string) {
    super(message);
    this.name = `Runtime.${kind}`;
  }
}

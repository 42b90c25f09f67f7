// The HTTP Task client (`arn:aws:states:::http:invoke`).
export type { HttpTaskOptions } from './http-task.js';
export { invokeHttpTask } from './http-task.js';
export type { ConnectionAuthorization, HttpConnection } from './connections.js';
export type { ArrayFormat } from './url-encoding.js';

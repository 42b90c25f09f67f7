/** Too many executions in flight: the caller should retry later (AWS's throttling error). */
export class ExecutionThrottled extends Error {
  readonly code = 'ThrottlingException';
  constructor() {
    super('Rate exceeded: too many executions are in flight on this server.');
    this.name = 'ExecutionThrottled';
  }
}

/** The server is stopping and takes no new executions. */
export class ServerShuttingDown extends Error {
  readonly code = 'ServiceUnavailable';
  constructor() {
    super('The server is shutting down and accepts no new executions.');
    this.name = 'ServerShuttingDown';
  }
}

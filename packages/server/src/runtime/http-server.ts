import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP server for requests that wait on workflows: synchronous executions may run for five
 * minutes, longer than Node's default request timeout; idle keep-alive connections are kept
 * longer than clients' pools usually keep them, so that a client never reuses one the server
 * is closing.
 */
export function createWorkflowServer(handler: RequestListener): Server {
  const server = createServer(handler);
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 65_000;
  return server;
}

/** Listens; resolves with the address (the port when 0 was asked), rejects if binding fails. */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

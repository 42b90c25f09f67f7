/**
 * The messages between the runner (server thread) and one function worker. A worker is one
 * Lambda execution environment: it loads the handler once (init), then serves one invocation
 * at a time until it dies or is terminated.
 */

/** What a worker loads, fixed for its life (its `workerData`). */
export interface WorkerSetup {
  /** Absolute path of the file to load (for TypeScript: the transpiled copy in the cache). */
  readonly modulePath: string;
  /** `require` for CommonJS, `import` for ES modules, as Lambda's Node.js runtime decides. */
  readonly loader: 'require' | 'import';
  /** The member path after the module name: `handler`, or `nested.handler`. */
  readonly exportPath: readonly string[];
  /** The handler string as configured, for Lambda's wording of init errors. */
  readonly handlerString: string;
  /** Map stack traces through the inline source maps of transpiled TypeScript. */
  readonly sourceMaps: boolean;
}

/** Lambda's error document, as the Node.js runtime posts it (`toRapidResponse`). */
export interface RapidError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

export interface InvokeMessage {
  readonly kind: 'invoke';
  readonly requestId: string;
  /** The event as JSON text; the worker parses it, as Lambda's runtime does. */
  readonly payload: string;
  /**
   * The function's timeout. The worker counts it from the handler's start, as the runner's own
   * timer does (which starts when the worker is ready), for `getRemainingTimeInMillis`.
   */
  readonly timeoutMs: number;
  readonly invokedFunctionArn: string;
  readonly traceHeader?: string;
  /** The decoded client context object, when the caller sent one. */
  readonly clientContext?: unknown;
}

export type WorkerMessage =
  | { readonly kind: 'ready' }
  /** Loading the module or finding the handler failed; the worker ends itself after this. */
  | { readonly kind: 'init-error'; readonly error: RapidError }
  /** One console record, already in Lambda's text format. */
  | { readonly kind: 'log'; readonly text: string }
  | { readonly kind: 'response'; readonly requestId: string; readonly payload: string; readonly heapMb: number }
  /**
   * The invocation failed. `handled` when the function reported it (throw, rejection,
   * callback(error)); `fatal` when the worker ends itself next (uncaught exception, unhandled
   * rejection), so the runner must not hand it another invocation.
   */
  | {
      readonly kind: 'error';
      readonly requestId: string;
      readonly error: RapidError;
      readonly handled: boolean;
      readonly fatal: boolean;
      readonly heapMb: number;
    }
  /** The result serialised to more than Lambda's response limit; only the size crosses. */
  | { readonly kind: 'too-large'; readonly requestId: string; readonly bytes: number; readonly heapMb: number }
  /** The event is not JSON: the invoke itself is refused (Lambda checks this before running). */
  | { readonly kind: 'bad-request'; readonly requestId: string; readonly message: string };

/** Lambda's synchronous response limit: 6 MB, counted as Lambda does (6291556 bytes). */
export { MAX_RESPONSE_BYTES } from '../platform-errors.js';

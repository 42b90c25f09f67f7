// Types of fake-invoke-api.mjs for the TypeScript tests that start it.
export declare const SUITE_FUNCTIONS: string;

export interface FakeFunction {
  /** Runs in the server's process; sees its environment as `context.env`. */
  readonly handler?: (event: unknown, context: FakeContext) => unknown;
  /** A module (file URL) whose export runs in a fresh worker thread per invocation. */
  readonly module?: string;
  readonly exportName?: string;
  /** Default 3. */
  readonly timeoutSeconds?: number;
  /** Default 128. */
  readonly memoryMb?: number;
  readonly environment?: Readonly<Record<string, string>>;
  /** `false` models an endpoint that never answers for a function that runs too long. */
  readonly enforceTimeout?: boolean;
  /** Invocations beyond it are refused with 429 TooManyRequestsException. */
  readonly reservedConcurrency?: number;
  /** `X-Amz-Executed-Version` for unqualified invocations (default `$LATEST`). */
  readonly version?: string;
}

export interface FakeContext {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly clientContext: unknown;
  readonly env: Readonly<Record<string, string>>;
  getRemainingTimeInMillis(): number;
}

export interface RecordedRequest {
  readonly functionName: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly payload: string;
}

export interface FakeInvokeApi {
  readonly endpoint: string;
  readonly requests: readonly RecordedRequest[];
  close(): Promise<void>;
}

export declare function startFakeInvokeApi(options: {
  readonly functions: Readonly<Record<string, FakeFunction>>;
  readonly style?: 'lambda' | 'sam';
  readonly region?: string;
  readonly accountId?: string;
}): Promise<FakeInvokeApi>;

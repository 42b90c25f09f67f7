// A TypeScript handler with types, a local import, and a package from node_modules.
import jsonata from 'jsonata';
import { greet } from './greeting.js';
import type { Greeting } from './greeting.js';

interface OrderEvent {
  readonly name: string;
  readonly items: ReadonlyArray<{ readonly price: number; readonly quantity: number }>;
}

interface LambdaContext {
  readonly awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

enum Status {
  Priced = 'PRICED',
}

export const lambdaHandler = async (event: OrderEvent, context: LambdaContext): Promise<{ greeting: Greeting; total: number; status: Status; requestId: string; here: string }> => {
  const total = (await jsonata('$sum(items.(price * quantity))').evaluate(event)) as number;
  return { greeting: greet(event.name), total, status: Status.Priced, requestId: context.awsRequestId, here: import.meta.url };
};

export const fails = async (): Promise<never> => {
  throw new RangeError('typed failure');
};

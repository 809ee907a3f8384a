import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<{ correlationId: string }>();

/**
 * The correlation id of the work in progress: the HTTP request id (from `x-request-id` or
 * generated) while a request is handled. Command handlers record it in event metadata.
 */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Runs `work` with a correlation id, e.g. a projection or CLI job that starts outside a request. */
export function runWithCorrelationId<T>(correlationId: string, work: () => T): T {
  return storage.run({ correlationId }, work);
}

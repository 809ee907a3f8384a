import { DomainError } from '#domain';

/**
 * A query asked to be consistent with a position this node has not applied within the wait.
 * CONFLICT from the fixed set, marked retryable: the client retries (here or on another node),
 * as it would after an optimistic-concurrency conflict (docs/adr/011-read-your-writes.md).
 */
export class NotCaughtUpError extends DomainError {
  constructor(position: number, appliedPosition: number, waitedMs: number) {
    super(
      'CONFLICT',
      `This node has not yet applied position ${position} (it has applied up to ${appliedPosition}; waited ${waitedMs} ms). Retry the query, here or on another node.`,
      { reason: 'NOT_CAUGHT_UP', retryable: true, position, appliedPosition, expectedPosition: position, actualPosition: appliedPosition },
    );
  }
}

import { DomainError } from '#domain';

/** Why a request's work stopped: its deadline passed, or its client closed the connection. */
export type CancellationReason = 'DEADLINE' | 'CLIENT_GONE';

/**
 * The work of a request was stopped between two steps, before it recorded anything (writes are
 * never cut in half: cancellation is checked only before a command starts). QUOTA_EXCEEDED:
 * the request asked for more time than it may have; send less at once.
 */
export class WorkCancelledError extends DomainError {
  constructor(
    readonly reason: CancellationReason,
    details: { deadlineMs?: number; elapsedMs?: number } = {},
  ) {
    super(
      'QUOTA_EXCEEDED',
      reason === 'DEADLINE'
        ? `The request ran past its deadline of ${details.deadlineMs} ms and was stopped; ask for less at once`
        : 'The client closed the connection; the request was stopped',
      { reason, ...details },
    );
  }
}

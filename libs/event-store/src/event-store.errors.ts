import type { ExpectedRevision } from './event-store.port.js';

/**
 * What the store refused because of what is already stored: a conflict the caller may resolve
 * (read again, retry, rebase). `code` and `details` are what the API reports (as CONFLICT).
 */
export class StoreConflictError extends Error {
  readonly code = 'CONFLICT';

  constructor(
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream was not at the expected revision: someone else appended first. */
export class ConcurrencyError extends StoreConflictError {
  constructor(
    readonly stream: string,
    readonly expectedRevision: ExpectedRevision,
    /** The stream's last revision when the append was refused, or 'no_stream'. */
    readonly actualRevision: number | 'no_stream',
  ) {
    super(`Stream "${stream}" is at revision ${String(actualRevision)}, expected ${String(expectedRevision)}.`, {
      stream,
      expectedRevision,
      actualRevision,
    });
  }
}

/**
 * Some of the appended event ids are already stored, but not as this same batch in this stream
 * (a partial overlap, an id reused in another stream, or a duplicate id within the batch).
 */
export class DuplicateEventIdError extends StoreConflictError {
  constructor(
    readonly stream: string,
    readonly eventIds: string[],
    reason: string,
  ) {
    super(`Cannot append to "${stream}": ${reason} (${eventIds.join(', ')}).`, { stream, eventIds });
  }
}

/** A stored event carries a schema version this code does not know (written by newer code). */
export class UnknownSchemaVersionError extends StoreConflictError {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    readonly currentVersion: number,
  ) {
    super(`Event type "${eventType}" is stored at schema version ${schemaVersion}; this code knows up to ${currentVersion}.`, {
      eventType,
      schemaVersion,
      currentVersion,
    });
  }
}

/**
 * The store did not answer: unreachable, without a leader, or not within the adapter's deadline.
 * Retrying later may succeed. After a failed append the write may or may not have happened, so
 * a retry must be idempotent (the same event ids, which the store then ignores).
 * The message names no address: it may reach API clients; the transport error is the `cause`.
 */
export class StoreUnavailableError extends Error {
  readonly code: 'STORE_UNAVAILABLE' | 'STORE_FULL' = 'STORE_UNAVAILABLE';
  readonly retryable = true;

  constructor(
    /** What was being done, e.g. `append to "ledger-LPP-acme-2025"`. */
    readonly operation: string,
    /** Why, in words safe to show: `unreachable`, `no answer within 3000 ms`, `no leader`. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`The event store is unavailable (${reason}): could not ${operation}.`, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * The store cannot grow: its disk (or its size limit) is full. Nothing of the refused append was
 * written (the whole transaction rolled back), and the same append succeeds once space returns,
 * so it is retryable like any unavailability; `code` tells the operator what to do about it.
 */
export class StoreFullError extends StoreUnavailableError {
  override readonly code = 'STORE_FULL' as const;

  constructor(operation: string, options?: { cause?: unknown }) {
    super(operation, 'its disk is full', options);
    this.name = 'StoreFullError';
  }
}

import { DomainError } from '#domain';
import type { ExpectedRevision } from './event-store.port.js';

/** The stream was not at the expected revision: someone else appended first. */
export class ConcurrencyError extends DomainError {
  constructor(
    readonly stream: string,
    readonly expectedRevision: ExpectedRevision,
    /** The stream's last revision when the append was refused, or 'no_stream'. */
    readonly actualRevision: number | 'no_stream',
  ) {
    super('CONFLICT', `Stream "${stream}" is at revision ${String(actualRevision)}, expected ${String(expectedRevision)}.`, {
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
export class DuplicateEventIdError extends DomainError {
  constructor(
    readonly stream: string,
    readonly eventIds: string[],
    reason: string,
  ) {
    super('CONFLICT', `Cannot append to "${stream}": ${reason} (${eventIds.join(', ')}).`, { stream, eventIds });
  }
}

/** A stored event carries a schema version this code does not know (written by newer code). */
export class UnknownSchemaVersionError extends DomainError {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    readonly currentVersion: number,
  ) {
    super('CONFLICT', `Event type "${eventType}" is stored at schema version ${schemaVersion}; this code knows up to ${currentVersion}.`, {
      eventType,
      schemaVersion,
      currentVersion,
    });
  }
}

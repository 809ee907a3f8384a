import type { EventMetadata } from '#api-kit';
import { stableId } from '#api-kit';
import {
  ALLOCATION_DRAWN,
  determinationStream,
  issuanceDecider,
  ledgerStream,
  ledgerYear,
  type DeterminationIssued,
  type IssuanceEvent,
  type IssueDetermination,
} from '#domain';
import { handleCommand, type EventStore, type NewEvent } from '#event-store';

/** How often the whole decision is taken again when a concurrent draw moved a ledger. */
export const MAX_ATTEMPTS = 200;

/**
 * Runs the issuance decider on the determination's stream and its consignee's ledger streams for
 * the year: draws first, then the determination, each append at the revision decided on; a
 * concurrent draw makes the whole decision run again on the new figures (ConcurrencyError after
 * MAX_ATTEMPTS). Returns the determination of record: the one just recorded, or the one a retry
 * of the same request finds. `newId`: the id was just drawn at random, so its stream is not read.
 */
export async function recordDetermination(
  store: EventStore,
  command: IssueDetermination,
  metadata: EventMetadata,
  options: { newId?: boolean } = {},
): Promise<{ issued: DeterminationIssued; position: number }> {
  const { determinationId, input, coordinates, ledgers } = command.data;
  const year = ledgerYear(coordinates.validAt);
  const own = determinationStream(determinationId);
  const result = await handleCommand(store, issuanceDecider, command, {
    streams: [own, ...ledgers.map((ledger) => ledgerStream(ledger, input.consignee.id, year))],
    newStreams: options.newId ? [own] : [],
    streamOf: (event) => (event.type === ALLOCATION_DRAWN ? ledgerStream(event.data.ledger, event.data.consigneeId, event.data.year) : own),
    toNewEvent: (event) => issuanceEvent(event, metadata),
    retryOnConflict: MAX_ATTEMPTS,
  });
  return { issued: result.state.issued!, position: result.streams[own]!.position };
}

/** The stored form of an issuance event; its id derives from the determination's, so a retry writes nothing twice. */
export function issuanceEvent(event: IssuanceEvent, metadata: EventMetadata): NewEvent {
  const id = event.type === ALLOCATION_DRAWN ? stableId(event.data.determinationId, 'draw', event.data.ledger) : stableId(event.data.determinationId, 'issued');
  return { id, type: event.type, data: event.data, metadata };
}

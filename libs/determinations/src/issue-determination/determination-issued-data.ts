import { stableId, type EventMetadata } from '#api-kit';
import type { DeterminationInput, DeterminationResult, Instant, PolicyCoordinates } from '#domain';
import type { NewEvent } from '#event-store';
import { DETERMINATION_ISSUED, type DeterminationIssued } from '../determination-record.js';
import { ALLOCATION_DRAWN, type AllocationDrawn } from '../ledger/ledger.service.js';

export interface IssuedDetermination {
  determinationId: string;
  policyId: string;
  input: DeterminationInput;
  /** The coordinates it was evaluated at (validAt, and knownAt: the instant of issue). */
  coordinates: Pick<PolicyCoordinates, 'validAt' | 'knownAt'>;
  /** The year-to-date ledger figures read before evaluating. */
  ledger: Record<string, number>;
  result: DeterminationResult;
  issuedAt: Instant;
  issuedBy: string;
}

/**
 * The DeterminationIssued event data exactly as the issue path records it. A bulk import (the
 * impact benchmark's seeding) builds its events here too, so they cannot drift apart.
 */
export function determinationIssuedData(issued: IssuedDetermination): DeterminationIssued {
  const { determinationId, policyId, input, coordinates, ledger, result, issuedAt, issuedBy } = issued;
  return {
    determinationId,
    policyId,
    input,
    coordinates: {
      validAt: coordinates.validAt,
      knownAt: coordinates.knownAt,
      knownPosition: result.policyVersion.knownPosition,
      publishedBy: null,
    },
    ledger,
    result,
    issuedAt,
    issuedBy,
    ...(input.reference ? { reference: input.reference } : {}),
  };
}

/** The event of a DeterminationIssued, its id derived from the determination's (a retry writes nothing twice). */
export function determinationIssuedEvent(data: DeterminationIssued, metadata: EventMetadata): NewEvent {
  return { id: stableId(data.determinationId, 'issued'), type: DETERMINATION_ISSUED, data, metadata };
}

/** The event of one ledger draw of a determination. */
export function allocationDrawnEvent(data: AllocationDrawn, metadata: EventMetadata): NewEvent {
  return { id: stableId(data.determinationId, 'draw', data.ledger), type: ALLOCATION_DRAWN, data, metadata };
}

import type { DeterminationInput, DeterminationResult, Instant, PolicyCoordinates } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { DeterminationType } from './graphql/determination.type.js';

export const DETERMINATION_STREAM_PREFIX = 'determination-';
export const DETERMINATION_ISSUED = 'DeterminationIssued';
export const DETERMINATION_ISSUED_TOPIC = 'determinationIssued';

export function determinationStream(id: string): string {
  return `${DETERMINATION_STREAM_PREFIX}${id}`;
}

/** The stored DeterminationIssued event: the full input, coordinates, ledger figures and result. */
export interface DeterminationIssued {
  determinationId: string;
  policyId: string;
  input: DeterminationInput;
  coordinates: Required<Pick<PolicyCoordinates, 'validAt' | 'knownAt' | 'knownPosition'>> & { publishedBy: Instant | null };
  ledger: Record<string, number>;
  result: DeterminationResult;
  issuedAt: Instant;
  issuedBy: string;
  reference?: string;
}

export function toDetermination(data: DeterminationIssued, position: number): DeterminationType {
  return {
    ...data.result,
    id: data.determinationId,
    policyId: data.policyId,
    issuedAt: data.issuedAt,
    issuedBy: data.issuedBy,
    input: data.input,
    reference: data.reference,
    ledger: data.ledger,
    position,
  };
}

export function fromRecordedEvent(event: RecordedEvent): DeterminationType {
  return toDetermination(event.data as DeterminationIssued, event.position);
}

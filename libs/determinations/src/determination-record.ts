import type { DeterminationIssued } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { DeterminationType } from './graphql/determination.type.js';

export const DETERMINATION_ISSUED_TOPIC = 'determinationIssued';

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

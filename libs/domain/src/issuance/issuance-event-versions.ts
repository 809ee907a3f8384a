import type { EventVersions } from '../storage/event-versions.js';
import { DETERMINATION_ISSUED, type DeterminationIssued } from './issuance.events.js';

/**
 * Stored versions of the issuance events. Version 2 of `DeterminationIssued` keeps what the caller
 * asked (`request`); a version-1 event (fixture: libs/domain/test-fixtures/determination-issued.v1.json)
 * reads with `request: null`, and a retry of it is held to what it decided.
 */
export const issuanceEventVersions: EventVersions[] = [
  {
    type: DETERMINATION_ISSUED,
    version: 2,
    upcasters: {
      1: (data: Omit<DeterminationIssued, 'request'>): DeterminationIssued => ({ request: null, ...data }),
    },
  },
];

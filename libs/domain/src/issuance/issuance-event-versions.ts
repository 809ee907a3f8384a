import type { EventVersions } from '../storage/event-versions.js';
import { DETERMINATION_ISSUED, type DeterminationIssued } from './issuance.events.js';

/** A DeterminationIssued result as engine 1 recorded it: no conditions, caveats or assumptions. */
interface ResultV1 {
  items: Record<string, unknown>[];
  [field: string]: unknown;
}

/**
 * Stored versions of the issuance events (fixtures in libs/domain/test-fixtures and
 * libs/event-store/test-fixtures, loaded by libs/api-kit's stored-event-versions spec):
 * - version 2 of `DeterminationIssued` (engine 2, docs/adr/006) added `conditions` to the result
 *   and to each item, and `caveats` and `assumptions` to the result; a version-1 event reads with
 *   them empty: engine 1 derived none, which its recorded engineVersion says (a replay shows what
 *   the current engine derives). Lists that data marked version 1 already has are kept.
 * - version 3 keeps what the caller asked (`request`); an older event reads with `request: null`,
 *   and a retry of it is held to what it decided.
 */
export const issuanceEventVersions: EventVersions[] = [
  {
    type: DETERMINATION_ISSUED,
    version: 3,
    upcasters: {
      1: (data: { result: ResultV1; [field: string]: unknown }) => ({
        ...data,
        result: {
          conditions: [],
          caveats: [],
          assumptions: [],
          ...data.result,
          items: data.result.items.map((item) => ({ conditions: [], ...item })),
        },
      }),
      2: (data: Omit<DeterminationIssued, 'request'>): DeterminationIssued => ({ request: null, ...data }),
    },
  },
];

import type { EventSchema } from './event-serializer.js';
import { policyEventSchemas } from './policy-event-schemas.js';
import { EventSerializer } from './event-serializer.js';

/** A DeterminationIssued result as engine 1 recorded it: no conditions, caveats or assumptions. */
interface ResultV1 {
  items: Record<string, unknown>[];
  [field: string]: unknown;
}

/**
 * Stored versions of the determination events. Version 2 of `DeterminationIssued` (engine 2,
 * docs/adr/006) added `conditions` to the result and to each item, and `caveats` and
 * `assumptions` to the result. A version-1 event (fixture:
 * libs/event-store/test-fixtures/determination-issued.v1.json) reads with them empty: engine 1
 * derived none of them, which its recorded engineVersion says (a replay shows what the current
 * engine derives).
 */
export const determinationEventSchemas: EventSchema[] = [
  {
    type: 'DeterminationIssued',
    version: 2,
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
    },
  },
];

/** The serializer the application's stores use: every versioned event schema registered. */
export function applicationEventSerializer(): EventSerializer {
  return new EventSerializer([...policyEventSchemas, ...determinationEventSchemas]);
}

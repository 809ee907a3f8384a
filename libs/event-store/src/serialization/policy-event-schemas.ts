import type { ThresholdChanged } from '#domain';
import { EventSerializer, type EventSchema } from './event-serializer.js';

/** `ThresholdChanged` as first stored, before thresholds carried a unit. */
export interface ThresholdChangedV1 {
  parameter: string;
  value: number;
  [meta: string]: unknown;
}

/**
 * Stored versions of the domain's policy events. Version 2 of `ThresholdChanged` added `unit`;
 * version-1 events (fixture: libs/event-store/test-fixtures/threshold-changed.v1.json) read as
 * version 2 with an empty unit.
 */
export const policyEventSchemas: EventSchema[] = [
  {
    type: 'ThresholdChanged',
    version: 2,
    upcasters: {
      1: (data: ThresholdChangedV1): ThresholdChanged['data'] => ({ unit: '', ...data }) as ThresholdChanged['data'],
    },
  },
];

/** The serializer the application uses: every policy event schema registered. */
export function policyEventSerializer(): EventSerializer {
  return new EventSerializer(policyEventSchemas);
}

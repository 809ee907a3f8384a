import type { EventVersions } from '../storage/event-versions.js';
import type { ThresholdChanged } from './policy-events.js';

/** `ThresholdChanged` as first stored, before thresholds carried a unit. */
export interface ThresholdChangedV1 {
  parameter: string;
  value: number;
  [meta: string]: unknown;
}

/**
 * Stored versions of the policy events. Version 2 of `ThresholdChanged` added `unit`; version-1
 * events (fixture: libs/event-store/test-fixtures/threshold-changed.v1.json) read with an empty unit.
 */
export const policyEventVersions: EventVersions[] = [
  {
    type: 'ThresholdChanged',
    version: 2,
    upcasters: {
      1: (data: ThresholdChangedV1): ThresholdChanged['data'] => ({ unit: '', ...data }) as ThresholdChanged['data'],
    },
  },
];

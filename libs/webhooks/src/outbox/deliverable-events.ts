import type { AmendmentEvent, PolicyEventType } from '#domain';

type DeliverableType = 'DeterminationIssued' | 'AllocationDrawn' | AmendmentEvent['type'] | PolicyEventType;

/**
 * The event types a webhook may ask for: rulings, ledger draws, the amendment lifecycle and the
 * policy changes, by the names they are recorded under (DOMAIN.md). Checked against the domain's
 * types, so a renamed event fails to compile here.
 */
export const DELIVERABLE_EVENT_TYPES = [
  'DeterminationIssued',
  'AllocationDrawn',
  'AmendmentDrafted',
  'AmendmentRevised',
  'AmendmentSubmitted',
  'AmendmentApproved',
  'AmendmentRejected',
  'AmendmentRebased',
  'AmendmentPublished',
  'AmendmentWithdrawn',
  'RegimeEnacted',
  'CountryTierReassigned',
  'CountryGroupsChanged',
  'ThresholdChanged',
  'RuleAdded',
  'RuleAmended',
  'RuleRepealed',
  'RegimeEnforcementSuspended',
  'RegimeEnforcementResumed',
  'RegimeRescinded',
  'RegimeReinstated',
  'PolicyChangeRetracted',
] as const satisfies readonly DeliverableType[];

const DELIVERABLE = new Set<string>(DELIVERABLE_EVENT_TYPES);

export function isDeliverable(type: string): boolean {
  return DELIVERABLE.has(type);
}

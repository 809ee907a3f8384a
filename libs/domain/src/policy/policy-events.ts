import type { Instant } from '../time/instant.js';
import type { RuleDefinition } from '../rules/rule-definition.js';
import type { Confidence, PolicySource } from './policy-source.js';

/** What every policy change event carries besides its payload. */
export interface PolicyChangeMeta {
  /** Stable id of the change: `<amendmentId>#<index>`; a retraction names it. */
  changeId: string;
  amendmentId: string;
  effectiveAt: Instant;
  source: PolicySource;
  rationale: string;
  confidence?: Confidence;
  note?: string;
}

type Event<T extends string, D> = { type: T; data: PolicyChangeMeta & D };

export type RegimeEnacted = Event<'RegimeEnacted', { regime: string; title: string }>;
export type CountryTierReassigned = Event<'CountryTierReassigned', { country: string; tier: 1 | 2 | 3 }>;
export type CountryGroupsChanged = Event<'CountryGroupsChanged', { country: string; groups: string[] }>;
export type ThresholdChanged = Event<'ThresholdChanged', { parameter: string; value: number; unit: string }>;
export type RuleAdded = Event<'RuleAdded', { rule: RuleDefinition }>;
export type RuleAmended = Event<'RuleAmended', { rule: RuleDefinition }>;
export type RuleRepealed = Event<'RuleRepealed', { ruleId: string }>;
export type RegimeEnforcementSuspended = Event<'RegimeEnforcementSuspended', { regime: string }>;
export type RegimeEnforcementResumed = Event<'RegimeEnforcementResumed', { regime: string }>;
export type RegimeRescinded = Event<'RegimeRescinded', { regime: string }>;
export type RegimeReinstated = Event<'RegimeReinstated', { regime: string }>;
export type PolicyChangeRetracted = Event<'PolicyChangeRetracted', { retractedChangeId: string }>;

export type PolicyEvent =
  | RegimeEnacted
  | CountryTierReassigned
  | CountryGroupsChanged
  | ThresholdChanged
  | RuleAdded
  | RuleAmended
  | RuleRepealed
  | RegimeEnforcementSuspended
  | RegimeEnforcementResumed
  | RegimeRescinded
  | RegimeReinstated
  | PolicyChangeRetracted;

export type PolicyEventType = PolicyEvent['type'];

/** A policy event as read back from the store: the store, not the domain, assigns these. */
export interface RecordedPolicyEvent {
  event: PolicyEvent;
  /** Global commit position in the store; knowledge order. */
  position: number;
  recordedAt: Instant;
}

export function policyStreamName(policyId: string): string {
  return `policy-${policyId}`;
}

import type { Instant } from '../time/instant.js';
import type { RuleDefinition } from '../rules/rule-definition.js';
import type { Confidence, PolicySource } from './policy-source.js';

/**
 * One change as drafted in an amendment or written in a policies/ YAML file. The same shapes
 * are GraphQL's ChangeInput. Each change may override the amendment's source and say how sure
 * we are of it.
 */
interface ChangeBase {
  effectiveAt: Instant;
  source?: PolicySource;
  confidence?: Confidence;
  note?: string;
}

export type PolicyChange =
  | (ChangeBase & { type: 'REASSIGN_TIER'; country: string; tier: 1 | 2 | 3 })
  | (ChangeBase & { type: 'CHANGE_COUNTRY_GROUPS'; country: string; groups: string[] })
  | (ChangeBase & { type: 'SET_THRESHOLD'; parameter: string; value: number; unit: string })
  | (ChangeBase & { type: 'ADD_RULE'; rule: RuleDefinition })
  | (ChangeBase & { type: 'AMEND_RULE'; rule: RuleDefinition })
  | (ChangeBase & { type: 'REPEAL_RULE'; ruleId: string })
  | (ChangeBase & { type: 'ENACT_REGIME'; regime: string; title: string })
  | (ChangeBase & { type: 'SUSPEND_ENFORCEMENT'; regime: string; title?: string })
  | (ChangeBase & { type: 'RESUME_ENFORCEMENT'; regime: string; title?: string })
  | (ChangeBase & { type: 'RESCIND_REGIME'; regime: string; title?: string })
  | (ChangeBase & { type: 'REINSTATE_REGIME'; regime: string; title?: string })
  | (ChangeBase & { type: 'RETRACT_CHANGE'; changeId: string });

export type PolicyChangeType = PolicyChange['type'];

export const POLICY_CHANGE_TYPES: readonly PolicyChangeType[] = [
  'REASSIGN_TIER',
  'CHANGE_COUNTRY_GROUPS',
  'SET_THRESHOLD',
  'ADD_RULE',
  'AMEND_RULE',
  'REPEAL_RULE',
  'ENACT_REGIME',
  'SUSPEND_ENFORCEMENT',
  'RESUME_ENFORCEMENT',
  'RESCIND_REGIME',
  'REINSTATE_REGIME',
  'RETRACT_CHANGE',
];

/** A legal action: one policies/ YAML file, or one amendment's content. */
export interface PolicyDocument {
  id: string;
  policyId: string;
  title: string;
  rationale: string;
  source: PolicySource;
  /**
   * A policy file that corrects or completes the record after its sources were published: the
   * day it joins the record (its source keeps the legal source's own date). Files are recorded in
   * the order of this date, else of source.publishedAt (docs/adr/007).
   */
  recordedOn?: Instant;
  confidence?: Confidence;
  note?: string;
  changes: PolicyChange[];
}

import type { Instant } from '../time/instant.js';
import type { ReviewPolicy, RuleKind } from '../rules/rule-definition.js';
import type { EnforcementStatus } from '../policy/policy-state.js';

export type Outcome = 'NO_LICENSE_REQUIRED' | 'LICENSE_EXCEPTION' | 'LICENSE_REQUIRED';

export interface TraceEntry {
  ruleId: string;
  kind: RuleKind;
  /** Index of the item the rule was evaluated for. */
  item: number;
  matched: boolean;
  citation: string;
  explanation: string;
  /** Why a matched rule did not count (regime not in force, cap exceeded, requirement not covered...). */
  note?: string;
}

export interface ItemResult {
  index: number;
  eccn: string;
  outcome: Outcome;
  reviewPolicy: ReviewPolicy | null;
  exceptions: string[];
  requirements: string[];
}

export interface EnforcementNote {
  regime: string;
  status: EnforcementStatus;
  since: Instant;
  source: { citation: string; url?: string; publishedAt: Instant };
}

export interface PolicyVersionRef {
  validAt: Instant;
  knownAt: Instant;
  knownPosition: number;
  publishedBy: Instant | null;
  stateHash: string;
}

/** A capped exception relied on: what the issue path must draw from the ledger. */
export interface LedgerDraw {
  ledger: string;
  amount: number;
  usedBefore: number;
  cap: number;
}

export interface DeterminationResult {
  outcome: Outcome;
  reviewPolicy: ReviewPolicy | null;
  exceptions: string[];
  items: ItemResult[];
  trace: TraceEntry[];
  enforcement: EnforcementNote[];
  facts: Record<string, unknown>;
  ledgerDraws: LedgerDraw[];
  policyVersion: PolicyVersionRef;
  engineVersion: string;
}

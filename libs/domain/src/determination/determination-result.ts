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
  /** The conditions of the exceptions relied on, by exception code then condition code. */
  conditions: ExceptionCondition[];
}

/** A condition the exporter must meet to rely on an exception (RuleDefinition.conditions). */
export interface ExceptionCondition {
  /** The exception's code, e.g. NAC. */
  exception: string;
  code: string;
  description: string;
  citation?: string;
}

/** A piece of the policy the result relied on that rests on an UNCONFIRMED source, with the change's note. */
export interface Caveat {
  /** What it is about, e.g. "rule exc.nveu", "parameter lpp.cap.tpp", "country groups of CN". */
  subject: string;
  ruleId?: string;
  changeId: string;
  confidence: 'UNCONFIRMED';
  note: string;
}

/** A fact a rule read that the input did not give, and the reading the engine took. */
export interface Assumption {
  /** The input path, e.g. `items.0.designedForDatacenter` or `transaction`. */
  fact: string;
  assumed: boolean | number | string;
  reason: string;
  /** The rules that read it, in the order they were consulted. */
  rules: string[];
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
  /** The items' conditions, each (exception, code) once, sorted. */
  conditions: ExceptionCondition[];
  items: ItemResult[];
  trace: TraceEntry[];
  enforcement: EnforcementNote[];
  caveats: Caveat[];
  assumptions: Assumption[];
  facts: Record<string, unknown>;
  ledgerDraws: LedgerDraw[];
  policyVersion: PolicyVersionRef;
  engineVersion: string;
}

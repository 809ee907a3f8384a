import type { ReviewPolicy } from '../rules/rule-definition.js';
import type { Outcome } from './determination-result.js';

const OUTCOME_RANK: Readonly<Record<Outcome, number>> = {
  NO_LICENSE_REQUIRED: 0,
  LICENSE_EXCEPTION: 1,
  LICENSE_REQUIRED: 2,
};

const REVIEW_RANK: Readonly<Record<ReviewPolicy, number>> = {
  PRESUMPTION_OF_APPROVAL: 0,
  CASE_BY_CASE: 1,
  PRESUMPTION_OF_DENIAL: 2,
};

export function stricterOutcome(a: Outcome, b: Outcome): Outcome {
  return OUTCOME_RANK[b] > OUTCOME_RANK[a] ? b : a;
}

/** Null means "no review" (no license needed), the least restrictive. */
export function stricterReview(a: ReviewPolicy | null, b: ReviewPolicy | null): ReviewPolicy | null {
  if (a === null) return b;
  if (b === null) return a;
  return REVIEW_RANK[b] > REVIEW_RANK[a] ? b : a;
}

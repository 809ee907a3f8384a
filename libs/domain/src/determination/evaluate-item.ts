import type { CelActivation, ConditionResult } from '../rules/compile-condition.js';
import type { CompiledRule } from './compile-policy.js';
import type { ReviewPolicy } from '../rules/rule-definition.js';
import { coverRequirements } from './cover-requirements.js';
import type { ItemResult, TraceEntry } from './determination-result.js';
import type { DeterminationScratch } from './determination-scratch.js';
import { reliedConditions } from './exception-conditions.js';
import { stricterReview } from './restrictiveness.js';

const UNCLASSIFIED_ECCN = 'EAR99';
const DEFAULT_REVIEW: ReviewPolicy = 'CASE_BY_CASE';
const UNCOVERED_NOTE: Readonly<Record<ReviewPolicy, string>> = {
  PRESUMPTION_OF_APPROVAL: 'not covered by an eligible exception: license required (PRESUMPTION_OF_APPROVAL)',
  CASE_BY_CASE: 'not covered by an eligible exception: license required (CASE_BY_CASE)',
  PRESUMPTION_OF_DENIAL: 'not covered by an eligible exception: license required (PRESUMPTION_OF_DENIAL)',
};

/**
 * Classifies the item (unless its ECCN was given), finds the requirements that apply and the
 * exceptions that cover them, and appends every rule consulted to the trace (when explaining).
 */
export function evaluateItem(scratch: DeterminationScratch, activation: CelActivation, eccnGiven: boolean): ItemResult {
  const item = activation.item;
  const stamp = item.index + 1;
  if (!eccnGiven) item.eccn = classify(scratch, activation);

  const applicable: CompiledRule[] = [];
  const requirements: string[] = [];
  for (const compiled of scratch.policy.requirement) {
    if (consult(scratch, compiled, activation, true)) {
      scratch.appliedTo[compiled.slot] = stamp;
      if (!scratch.appliedRegimes.includes(compiled.rule.regime)) scratch.appliedRegimes.push(compiled.rule.regime);
      applicable.push(compiled);
      requirements.push(compiled.rule.id);
    }
  }
  if (applicable.length === 0)
    return { index: item.index, eccn: item.eccn, outcome: 'NO_LICENSE_REQUIRED', reviewPolicy: null, exceptions: [], requirements, conditions: [] };

  const eligible: CompiledRule[] = [];
  for (const compiled of scratch.policy.exception) {
    if (!coversApplicable(scratch, compiled, stamp)) continue;
    if (consult(scratch, compiled, activation, false)) eligible.push(compiled);
  }
  const cover = coverRequirements(scratch, item, applicable, eligible);

  let review: ReviewPolicy | null = null;
  for (const compiled of applicable) {
    if (scratch.coveredFor[compiled.slot] === stamp) {
      if (scratch.explaining) {
        const code = scratch.coveredBy[compiled.slot];
        scratch.note(compiled, cover.complete ? `covered by ${code}` : `covered by ${code}, but other requirements are not`);
      }
    } else {
      const policy = compiled.rule.reviewPolicy ?? DEFAULT_REVIEW;
      review = stricterReview(review, policy);
      scratch.note(compiled, UNCOVERED_NOTE[policy]);
    }
  }
  if (!cover.complete)
    return { index: item.index, eccn: item.eccn, outcome: 'LICENSE_REQUIRED', reviewPolicy: review, exceptions: [], requirements, conditions: [] };
  for (const draw of cover.draws) scratch.ledgerDraws.push(draw);
  const conditions = scratch.explaining ? reliedConditions(cover.relied) : [];
  return { index: item.index, eccn: item.eccn, outcome: 'LICENSE_EXCEPTION', reviewPolicy: null, exceptions: cover.codes, requirements, conditions };
}

function coversApplicable(scratch: DeterminationScratch, exception: CompiledRule, stamp: number): boolean {
  for (const slot of exception.coverSlots) if (scratch.appliedTo[slot] === stamp) return true;
  return false;
}

/** First classification rule that matches, in (priority, id) order; EAR99 when none does. */
function classify(scratch: DeterminationScratch, activation: CelActivation): string {
  for (const compiled of scratch.policy.classification) {
    if (consult(scratch, compiled, activation, false)) return compiled.rule.eccn as string;
  }
  return UNCLASSIFIED_ECCN;
}

/**
 * Evaluates one rule for the item (unless its regime is not live) and, when explaining, records
 * it in the trace. A condition that fails at run time fails closed: a requirement counts as
 * applying, a classification or exception as not met, and the note says so.
 */
function consult(scratch: DeterminationScratch, compiled: CompiledRule, activation: CelActivation, failClosed: boolean): boolean {
  const outcome = compiled.notLive === null ? scratch.tester.test(compiled, activation) : false;
  const matched = outcome === true || (failClosed && typeof outcome === 'object');
  if (scratch.explaining) record(scratch, compiled, activation, outcome, matched, failClosed);
  return matched;
}

function record(
  scratch: DeterminationScratch,
  compiled: CompiledRule,
  activation: CelActivation,
  outcome: ConditionResult,
  matched: boolean,
  failClosed: boolean,
): void {
  const rule = compiled.rule;
  const item = activation.item.index;
  const entry: TraceEntry = {
    ruleId: rule.id,
    kind: rule.kind,
    item,
    matched,
    citation: rule.citation,
    explanation: rule.explanation,
    // Always present (undefined drops out of JSON): one object shape for every entry.
    note: undefined,
  };
  if (compiled.notLive !== null) entry.note = compiled.notLive;
  else if (typeof outcome === 'object') {
    entry.note = `condition could not be evaluated (${outcome.error}): treated as ${failClosed ? 'applying' : 'not met'}`;
  }
  scratch.entries[compiled.slot] = entry;
  scratch.trace.push(entry);
  scratch.notes?.consulted(compiled, matched, outcome, scratch.tester, activation, scratch.itemUnstated);
}

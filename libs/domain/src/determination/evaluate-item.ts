import type { CelActivation } from '../rules/compile-condition.js';
import type { CompiledPolicy, CompiledRule } from '../rules/compile-policy.js';
import type { ReviewPolicy } from '../rules/rule-definition.js';
import type { ConditionResult, ConditionTester } from './condition-tester.js';
import { coverRequirements } from './cover-requirements.js';
import type { ItemResult, LedgerDraw, TraceEntry } from './determination-result.js';
import { stricterReview } from './restrictiveness.js';

export const UNCLASSIFIED_ECCN = 'EAR99';
const DEFAULT_REVIEW: ReviewPolicy = 'CASE_BY_CASE';

/** What one determination accumulates while its items are evaluated in order. */
export interface DeterminationScratch {
  policy: CompiledPolicy;
  tester: ConditionTester;
  trace: TraceEntry[];
  /** Regimes whose requirement applied to some item. */
  appliedRegimes: Set<string>;
  ledgerDraws: LedgerDraw[];
  ledger: Readonly<Record<string, number>>;
  /** Parameters read outside CEL (caps). */
  parametersRead: Set<string>;
}

/**
 * Classifies the item (unless its ECCN was given), finds the requirements that apply and the
 * exceptions that cover them, and appends every rule consulted to the trace.
 */
export function evaluateItem(scratch: DeterminationScratch, activation: CelActivation, eccnGiven: boolean): ItemResult {
  const item = activation.item;
  if (!eccnGiven) item.eccn = classify(scratch, activation);

  const applicable: CompiledRule[] = [];
  const requirementEntries = new Map<string, TraceEntry>();
  for (const compiled of scratch.policy.requirement) {
    const entry = consult(scratch, compiled, activation, true);
    if (entry.matched) {
      applicable.push(compiled);
      requirementEntries.set(compiled.rule.id, entry);
      scratch.appliedRegimes.add(compiled.rule.regime);
    }
  }
  if (applicable.length === 0) return result(item.index, item.eccn, 'NO_LICENSE_REQUIRED', null, [], []);

  const eligible: CompiledRule[] = [];
  const exceptionEntries: TraceEntry[] = [];
  for (const compiled of scratch.policy.exception) {
    if (!compiled.rule.covers?.some((id) => requirementEntries.has(id))) continue;
    const entry = consult(scratch, compiled, activation, false);
    exceptionEntries.push(entry);
    if (entry.matched) eligible.push(compiled);
    if (entry.matched && compiled.rule.cap) scratch.parametersRead.add(compiled.rule.cap.parameter);
  }

  const cover = coverRequirements({
    applicable,
    eligible,
    item,
    params: scratch.policy.params,
    usedBefore: (ledger) => usedBefore(scratch, ledger),
  });
  for (const entry of exceptionEntries) appendNote(entry, cover.notes.get(entry.ruleId));

  let review: ReviewPolicy | null = null;
  for (const compiled of applicable) {
    const entry = requirementEntries.get(compiled.rule.id) as TraceEntry;
    const code = cover.coveredBy.get(compiled.rule.id);
    if (code !== undefined) {
      appendNote(entry, cover.complete ? `covered by ${code}` : `covered by ${code}, but other requirements are not`);
    } else {
      const policy = compiled.rule.reviewPolicy ?? DEFAULT_REVIEW;
      review = stricterReview(review, policy);
      appendNote(entry, `not covered by an eligible exception: license required (${policy})`);
    }
  }
  const requirements = applicable.map((c) => c.rule.id);
  if (!cover.complete) return result(item.index, item.eccn, 'LICENSE_REQUIRED', review, [], requirements);
  scratch.ledgerDraws.push(...cover.draws);
  return result(item.index, item.eccn, 'LICENSE_EXCEPTION', null, cover.codes, requirements);
}

/** First classification rule that matches, in (priority, id) order; EAR99 when none does. */
function classify(scratch: DeterminationScratch, activation: CelActivation): string {
  for (const compiled of scratch.policy.classification) {
    const entry = consult(scratch, compiled, activation, false);
    if (entry.matched) return compiled.rule.eccn as string;
  }
  return UNCLASSIFIED_ECCN;
}

/**
 * Evaluates one rule for the item (unless its regime is not live) and records it in the trace.
 * A condition that fails at run time fails closed: a requirement counts as applying, a
 * classification or exception as not met, and the note says so.
 */
function consult(scratch: DeterminationScratch, compiled: CompiledRule, activation: CelActivation, failClosed: boolean): TraceEntry {
  const rule = compiled.rule;
  const outcome: ConditionResult = compiled.notLive === null ? scratch.tester.test(compiled, activation) : false;
  const entry: TraceEntry = {
    ruleId: rule.id,
    kind: rule.kind,
    item: activation.item.index,
    matched: outcome === true || (failClosed && typeof outcome === 'object'),
    citation: rule.citation,
    explanation: rule.explanation,
  };
  if (compiled.notLive !== null) entry.note = compiled.notLive;
  else if (typeof outcome === 'object') {
    entry.note = `condition could not be evaluated (${outcome.error}): treated as ${failClosed ? 'applying' : 'not met'}`;
  }
  scratch.trace.push(entry);
  return entry;
}

function appendNote(entry: TraceEntry, note: string | undefined): void {
  if (note === undefined) return;
  entry.note = entry.note === undefined ? note : `${entry.note}; ${note}`;
}

function usedBefore(scratch: DeterminationScratch, ledger: string): number {
  let used = scratch.ledger[ledger] ?? 0;
  for (const draw of scratch.ledgerDraws) if (draw.ledger === ledger) used += draw.amount;
  return used;
}

function result(
  index: number,
  eccn: string,
  outcome: ItemResult['outcome'],
  reviewPolicy: ReviewPolicy | null,
  exceptions: string[],
  requirements: string[],
): ItemResult {
  return { index, eccn, outcome, reviewPolicy, exceptions, requirements };
}

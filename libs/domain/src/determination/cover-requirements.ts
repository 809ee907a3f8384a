import type { CompiledRule } from '../rules/compile-policy.js';
import type { ItemFactsValue } from '../rules/cel-environment.js';
import type { LedgerDraw } from './determination-result.js';

export interface CoverRequest {
  /** The requirements that apply to the item, in rule order. */
  applicable: readonly CompiledRule[];
  /** The live exceptions whose condition holds for the item, in rule order. */
  eligible: readonly CompiledRule[];
  item: ItemFactsValue;
  params: Readonly<Record<string, number>>;
  /** Amount already drawn from a ledger: year-to-date figure plus earlier items of this determination. */
  usedBefore(ledger: string): number;
}

export interface Cover {
  /** Requirement id -> code of the exception that covers it. */
  coveredBy: Map<string, string>;
  /** True when every applicable requirement is covered. */
  complete: boolean;
  /** Codes of the exceptions relied on, sorted; empty unless complete. */
  codes: string[];
  /** Draws from capped exceptions; empty unless complete (a license is needed anyway). */
  draws: LedgerDraw[];
  /** Exception rule id -> why it was or was not relied on. */
  notes: Map<string, string>;
}

/**
 * Chooses the exceptions an item ships under. Uncapped exceptions first, so a cap is drawn
 * only for requirements nothing else covers; within each group, rule order. A capped exception
 * is eligible while used + this item's measure <= cap.
 */
export function coverRequirements(request: CoverRequest): Cover {
  const uncovered = new Set(request.applicable.map((r) => r.rule.id));
  const coveredBy = new Map<string, string>();
  const notes = new Map<string, string>();
  const relied: CompiledRule[] = [];
  const draws: LedgerDraw[] = [];
  const pending = new Map<string, number>();

  const take = (exception: CompiledRule): string[] => {
    const code = exception.rule.code as string;
    const newly = (exception.rule.covers ?? []).filter((id) => uncovered.has(id));
    for (const id of newly) {
      uncovered.delete(id);
      coveredBy.set(id, code);
    }
    return newly;
  };
  const wouldCover = (exception: CompiledRule): boolean => (exception.rule.covers ?? []).some((id) => uncovered.has(id));

  for (const exception of request.eligible) {
    if (exception.rule.cap) continue;
    if (!wouldCover(exception)) {
      notes.set(exception.rule.id, 'not needed: what it covers is already covered');
      continue;
    }
    notes.set(exception.rule.id, `covers ${take(exception).join(', ')}`);
    relied.push(exception);
  }
  for (const exception of request.eligible) {
    const cap = exception.rule.cap;
    if (!cap) continue;
    if (!wouldCover(exception)) {
      notes.set(exception.rule.id, 'not needed: covered without drawing on its cap');
      continue;
    }
    const limit = request.params[cap.parameter];
    if (limit === undefined) {
      notes.set(exception.rule.id, `not eligible: cap parameter ${cap.parameter} is not set`);
      continue;
    }
    const usedBefore = request.usedBefore(cap.ledger) + (pending.get(cap.ledger) ?? 0);
    const amount = request.item[cap.measure];
    if (usedBefore + amount > limit) {
      notes.set(exception.rule.id, `cap exceeded: used ${usedBefore} + ${amount} > cap ${limit}`);
      continue;
    }
    pending.set(cap.ledger, (pending.get(cap.ledger) ?? 0) + amount);
    draws.push({ ledger: cap.ledger, amount, usedBefore, cap: limit });
    notes.set(exception.rule.id, `covers ${take(exception).join(', ')}; draws ${amount} from ${cap.ledger} (used ${usedBefore} of cap ${limit})`);
    relied.push(exception);
  }

  const complete = uncovered.size === 0;
  if (!complete) {
    const missing = [...uncovered].join(', ');
    for (const exception of relied) {
      notes.set(exception.rule.id, `${notes.get(exception.rule.id)}, but not relied on: ${missing} not covered, so a license is required${exception.rule.cap ? ' and nothing is drawn' : ''}`);
    }
  }
  return {
    coveredBy,
    complete,
    codes: complete ? [...new Set(relied.map((e) => e.rule.code as string))].sort() : [],
    draws: complete ? draws : [],
    notes,
  };
}

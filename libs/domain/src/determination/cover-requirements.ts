import type { CompiledRule } from '../rules/compile-policy.js';
import type { ItemFactsValue } from '../rules/cel-environment.js';
import type { LedgerDraw } from './determination-result.js';
import type { DeterminationScratch } from './determination-scratch.js';
import { NOTED } from './fact-notes.js';

export interface Cover {
  /** True when every applicable requirement is covered. */
  complete: boolean;
  /** Codes of the exceptions relied on, sorted; empty unless complete. */
  codes: string[];
  /** Draws from capped exceptions; empty unless complete (a license is needed anyway). */
  draws: LedgerDraw[];
  /** The exceptions relied on, in the order chosen; empty unless complete. */
  relied: CompiledRule[];
}

const NOT_COVERED: Cover = Object.freeze({ complete: false, codes: [], draws: [], relied: [] });

/**
 * Chooses the exceptions an item ships under, marking `scratch.coveredBy` for the requirements
 * they cover and noting on each exception's trace entry why it was or was not relied on.
 * Uncapped exceptions first, so a cap is drawn only for requirements nothing else covers;
 * within each group, rule order. A capped exception is eligible while used + measure <= cap.
 */
export function coverRequirements(
  scratch: DeterminationScratch,
  item: ItemFactsValue,
  applicable: readonly CompiledRule[],
  eligible: readonly CompiledRule[],
): Cover {
  const stamp = item.index + 1;
  let uncovered = applicable.length;
  const relied: CompiledRule[] = [];
  const draws: LedgerDraw[] = [];

  for (const exception of eligible) {
    if (exception.rule.cap) continue;
    if (!coversUncovered(scratch, exception, stamp)) {
      scratch.note(exception, 'not needed: what it covers is already covered');
      continue;
    }
    uncovered -= take(scratch, exception, stamp);
    relied.push(exception);
  }
  for (const exception of eligible) {
    const cap = exception.rule.cap;
    if (!cap) continue;
    if (!coversUncovered(scratch, exception, stamp)) {
      scratch.note(exception, 'not needed: covered without drawing on its cap');
      continue;
    }
    scratch.tester.parameterRead[exception.capParameter] = true;
    const limit = scratch.policy.params[cap.parameter];
    if (limit === undefined) {
      scratch.note(exception, `not eligible: cap parameter ${cap.parameter} is not set`);
      continue;
    }
    // An amount the input does not state cannot be shown to fit the cap (it would draw 0).
    if (cap.measure === 'totalTpp' && (scratch.itemUnstated & NOTED.tpp) !== 0) {
      scratch.note(exception, 'not eligible: its cap is counted in TPP and the item states no tpp');
      continue;
    }
    let usedBefore = scratch.usedBefore(cap.ledger);
    for (const draw of draws) if (draw.ledger === cap.ledger) usedBefore += draw.amount;
    const amount = item[cap.measure];
    if (usedBefore + amount > limit) {
      if (scratch.explaining) scratch.note(exception, `cap exceeded: used ${usedBefore} + ${amount} > cap ${limit}`);
      continue;
    }
    uncovered -= take(scratch, exception, stamp);
    draws.push({ ledger: cap.ledger, amount, usedBefore, cap: limit });
    if (scratch.explaining) scratch.note(exception, `draws ${amount} from ${cap.ledger} (used ${usedBefore} of cap ${limit})`);
    relied.push(exception);
  }

  if (uncovered > 0) {
    if (scratch.explaining) noteNotReliedOn(scratch, relied);
    return NOT_COVERED;
  }
  const codes = relied.map((e) => e.rule.code as string);
  return { complete: true, codes: codes.length === 1 ? codes : [...new Set(codes)].sort(), draws, relied };
}

function noteNotReliedOn(scratch: DeterminationScratch, relied: readonly CompiledRule[]): void {
  for (const exception of relied) {
    const nothingDrawn = exception.rule.cap ? ' and nothing is drawn' : '';
    scratch.note(exception, `not relied on: other requirements stay uncovered, so a license is required${nothingDrawn}`);
  }
}

function coversUncovered(scratch: DeterminationScratch, exception: CompiledRule, stamp: number): boolean {
  for (const slot of exception.coverSlots) {
    if (scratch.appliedTo[slot] === stamp && scratch.coveredFor[slot] !== stamp) return true;
  }
  return false;
}

/** Marks the applicable requirements the exception covers as covered by it; notes which; returns how many. */
function take(scratch: DeterminationScratch, exception: CompiledRule, stamp: number): number {
  let taken = 0;
  let ids = '';
  for (const slot of exception.coverSlots) {
    if (scratch.appliedTo[slot] !== stamp || scratch.coveredFor[slot] === stamp) continue;
    scratch.coveredFor[slot] = stamp;
    scratch.coveredBy[slot] = exception.rule.code as string;
    if (scratch.explaining) ids = taken === 0 ? (scratch.entries[slot]?.ruleId ?? '') : `${ids}, ${scratch.entries[slot]?.ruleId}`;
    taken++;
  }
  if (scratch.explaining) scratch.note(exception, `covers ${ids}`);
  return taken;
}

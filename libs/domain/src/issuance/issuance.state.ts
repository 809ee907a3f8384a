import { assertNever } from '../policy/change-to-event.js';
import type { PolicyState } from '../policy/policy-state.js';
import type { Instant } from '../time/instant.js';
import { ALLOCATION_DRAWN, DETERMINATION_ISSUED, type AllocationDrawn, type DeterminationIssued, type IssuanceEvent } from './issuance.events.js';

/**
 * What issuing a determination decides on, folded from the determination's stream and its
 * consignee's ledger streams for the year: the determination already recorded under the id (a
 * retry), and per ledger the amount drawn so far, with the draws themselves (an earlier attempt's
 * draws are among them when it stopped between drawing and recording).
 */
export interface IssuanceState {
  issued: DeterminationIssued | null;
  drawn: Readonly<Record<string, number>>;
  draws: DrawHistory | null;
}

/** The draws read, newest first: a list, so that folding a long ledger stays linear. */
export interface DrawHistory {
  readonly draw: AllocationDrawn;
  readonly earlier: DrawHistory | null;
}

export function initialIssuanceState(): IssuanceState {
  return { issued: null, drawn: {}, draws: null };
}

export function evolveIssuance(state: IssuanceState, event: IssuanceEvent): IssuanceState {
  switch (event.type) {
    case DETERMINATION_ISSUED:
      return { ...state, issued: event.data };
    case ALLOCATION_DRAWN: {
      const { ledger, amount } = event.data;
      return { ...state, drawn: { ...state.drawn, [ledger]: (state.drawn[ledger] ?? 0) + amount }, draws: { draw: event.data, earlier: state.draws } };
    }
    default:
      return assertNever(event);
  }
}

/** Ledgers count per calendar year of the export date (UTC). */
export function ledgerYear(validAt: Instant): number {
  return new Date(validAt).getUTCFullYear();
}

/** The ledgers a state's capped exceptions draw from, sorted: what must be read before deciding. */
export function cappedLedgers(state: PolicyState): string[] {
  const ledgers = new Set<string>();
  for (const rule of state.rules.values()) if (rule.cap) ledgers.add(rule.cap.ledger);
  return [...ledgers].sort();
}

import type { PolicyState } from '../policy/policy-state.js';
import type { EnforcementNote } from './determination-result.js';

/** The enforcement note of every regime in the state, built once per compiled policy and frozen (results share them). */
export function enforcementNoteTable(state: PolicyState): ReadonlyMap<string, EnforcementNote> {
  const notes = new Map<string, EnforcementNote>();
  for (const regime of state.regimes.values()) {
    const { citation, url, publishedAt } = regime.enforcementSince.source;
    const source = Object.freeze(url === undefined ? { citation, publishedAt } : { citation, url, publishedAt });
    notes.set(regime.id, Object.freeze({ regime: regime.id, status: regime.enforcementStatus, since: regime.enforcementSince.effectiveAt, source }));
  }
  return notes;
}

import { instantMs } from '../time/instant.js';
import { emptyPolicyState, evolvePolicyState } from './policy-state-evolve.js';
import type { RecordedPolicyEvent } from './policy-events.js';
import type { PolicyState } from './policy-state.js';
import { hashPolicyState } from './state-hash.js';

interface Snapshot {
  fromMs: number;
  state: PolicyState;
  hash?: string;
}

/**
 * The states of one body of knowledge along valid time: the changes it holds, folded in
 * (effectiveAt, position) order, with one snapshot per distinct effective instant. A lookup is a
 * binary search; snapshots share unchanged maps, and each hash is computed once, when first asked.
 */
export class ValidTimeIndex {
  private readonly snapshots: Snapshot[];

  constructor(readonly changes: readonly RecordedPolicyEvent[]) {
    const ordered = [...changes].sort((a, b) => instantMs(a.event.data.effectiveAt) - instantMs(b.event.data.effectiveAt) || a.position - b.position);
    const snapshots: Snapshot[] = [{ fromMs: Number.NEGATIVE_INFINITY, state: emptyPolicyState() }];
    for (const recorded of ordered) {
      const fromMs = instantMs(recorded.event.data.effectiveAt);
      const last = snapshots[snapshots.length - 1];
      const state = evolvePolicyState(last.state, recorded.event);
      if (last.fromMs === fromMs) last.state = state;
      else snapshots.push({ fromMs, state });
    }
    this.snapshots = snapshots;
  }

  at(validMs: number): { state: PolicyState; stateHash: string } {
    const snapshot = this.snapshots[this.indexAt(validMs)];
    snapshot.hash ??= hashPolicyState(snapshot.state);
    return { state: snapshot.state, stateHash: snapshot.hash };
  }

  private indexAt(validMs: number): number {
    let low = 0;
    let high = this.snapshots.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.snapshots[mid].fromMs <= validMs) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

import { basename, join } from 'node:path';
import type { PolicyEvent } from '#domain';
import type { EventStore } from '#event-store';
import { AmendmentStore, POLICY_STREAM_PREFIX, policyIdOf } from '#policy';
import { legalActionsOf, type StoredPolicyEvent } from '#policy-files';

export interface StoredPolicy {
  policyId: string;
  recorded: StoredPolicyEvent[];
  /** The title of each amendment published through the API (files carry their own). */
  titles: Map<string, string>;
}

/** Every policy the store holds (or the one named), with its events in recording order and its amendments' titles. */
export async function readStoredPolicies(store: EventStore, onlyPolicyId?: string): Promise<StoredPolicy[]> {
  const events = await store.readAll({ streamPrefix: POLICY_STREAM_PREFIX });
  const byPolicy = new Map<string, StoredPolicyEvent[]>();
  for (const recorded of events) {
    const policyId = policyIdOf(recorded.stream);
    if (onlyPolicyId !== undefined && policyId !== onlyPolicyId) continue;
    const held = byPolicy.get(policyId) ?? [];
    held.push({ event: { type: recorded.type, data: recorded.data } as PolicyEvent, position: recorded.position, metadata: recorded.metadata });
    byPolicy.set(policyId, held);
  }
  const amendments = new AmendmentStore(store);
  const policies: StoredPolicy[] = [];
  for (const [policyId, recorded] of [...byPolicy].sort(([a], [b]) => a.localeCompare(b))) {
    const titles = new Map<string, string>();
    for (const action of legalActionsOf(recorded)) {
      if (action.file) continue;
      const { state } = await amendments.load(action.id);
      if (state.version > 0) titles.set(action.id, state.title);
    }
    policies.push({ policyId, recorded, titles });
  }
  return policies;
}

/** A policy's directory under `dir`: `dir` itself when it is named after the policy (policies/ai-export-controls), else `dir/<policyId>`. */
export function policyDirectoryIn(dir: string, policyId: string): string {
  return basename(dir) === policyId ? dir : join(dir, policyId);
}

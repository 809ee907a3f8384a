import { randomUUID } from 'node:crypto';
import { stableId } from '#api-kit';
import type { Actor, Instant, PolicyDocument } from '#domain';
import type { AmendmentStore, LoadedAmendment } from '../amendment-store.service.js';

/** What a draft says: a policy document without its id, which the store gives. */
export type AmendmentDraft = Omit<PolicyDocument, 'id' | 'confidence' | 'note'>;

/**
 * Checks the changes against the policy as it stands and records the draft. With a commandId
 * the amendment's id derives from the actor and the commandId: a repeat of the same draft returns
 * the amendment already recorded, a different draft under it is a CONFLICT (COMMAND_ID_REUSED).
 * What DraftAmendmentHandler and `policyctl amendment draft` both run.
 */
export async function draftAmendment(
  amendments: AmendmentStore,
  draft: () => AmendmentDraft,
  actor: Actor,
  options: { commandId?: string; now: () => Instant },
): Promise<LoadedAmendment> {
  const { commandId } = options;
  const amendmentId = commandId ? stableId('amendment', actor.id, commandId) : randomUUID();
  const { policyId, title, rationale, source, changes } = draft();
  return amendments.run(amendmentId, commandId ?? amendmentId, async () => {
    const { known, base } = await amendments.policyHead(policyId);
    const content = { policyId, title, rationale, source, changes, base, known, ...(commandId ? { commandId } : {}) };
    return { type: 'DraftAmendment', data: { amendmentId, actor, at: options.now(), ...content } };
  });
}

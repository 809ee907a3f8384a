import { randomUUID } from 'node:crypto';
import { eventMetadata, stableId } from '#api-kit';
import { decideAmendment, documentToEvents, DomainError, policyStreamName, type Actor, type AmendmentState, type Instant } from '#domain';
import { ConcurrencyError, type AppendResult, type EventStore } from '#event-store';
import { amendmentDocument } from '../amendment-document.js';
import type { AmendmentStore, LoadedAmendment } from '../amendment-store.service.js';

/**
 * Appends the approved changes to the policy stream at the revision the amendment was based on,
 * then records the publication. If the policy moved since, nothing is appended: CONFLICT until
 * the amendment is rebased (its changes re-checked against the new head). Event ids derive from
 * the amendment, so a retry after a failure between the two appends changes nothing twice.
 * What PublishAmendmentHandler and `policyctl amendment publish` both run.
 */
export async function publishAmendment(
  store: EventStore,
  amendments: AmendmentStore,
  amendmentId: string,
  actor: Actor,
  now: () => Instant,
): Promise<LoadedAmendment> {
  const commandId = randomUUID();
  return amendments.run(amendmentId, commandId, async (state) => {
    const at = now();
    decideAmendment({ type: 'PublishAmendment', data: { amendmentId, actor, at, policyPosition: 0, policyRevision: 0 } }, state);
    const written = await appendChanges(store, state, eventMetadata(actor, { commandId }));
    return { type: 'PublishAmendment', data: { amendmentId, actor, at, policyPosition: written.position, policyRevision: written.nextRevision } };
  });
}

async function appendChanges(store: EventStore, amendment: AmendmentState, metadata: Record<string, unknown>): Promise<AppendResult> {
  const { policyId, base } = amendment;
  const events = documentToEvents(amendmentDocument(amendment)).map((event, index) => ({
    id: stableId(policyId, amendment.amendmentId, String(index)),
    type: event.type,
    data: event.data,
    metadata,
  }));
  try {
    return await store.append(policyStreamName(policyId), events, base.revision < 0 ? 'no_stream' : base.revision);
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    throw new DomainError(
      'CONFLICT',
      `Policy '${policyId}' moved since amendment '${amendment.amendmentId}' was based on revision ${base.revision} (now ${String(error.actualRevision)}): rebase it, which re-checks its changes, then publish.`,
      { reason: 'REBASE_REQUIRED', expectedRevision: base.revision, actualRevision: error.actualRevision },
    );
  }
}

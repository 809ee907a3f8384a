import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock, EVENT_STORE, eventMetadata, stableId } from '#api-kit';
import { decideAmendment, documentToEvents, DomainError, policyStreamName, type AmendmentState } from '#domain';
import { ConcurrencyError, type AppendResult, type EventStore } from '#event-store';
import { amendmentDocument } from '../amendment-document.js';
import { PolicyTimelines } from '../../policy-timelines.service.js';
import { AmendmentStore } from '../amendment-store.service.js';
import { toAmendmentView } from '../amendment-view.js';
import type { AmendmentType } from '../graphql/amendment.type.js';
import { PublishAmendmentCommand } from './publish-amendment.command.js';

/**
 * Appends the approved changes to the policy stream at the revision the amendment was based on,
 * then records the publication. If the policy moved since, nothing is appended: CONFLICT until
 * the amendment is rebased (its changes re-checked against the new head). Event ids derive from
 * the amendment, so a retry after a failure between the two appends changes nothing twice.
 */
const PUBLISH_VISIBILITY_TIMEOUT_MS = 5_000;

@CommandHandler(PublishAmendmentCommand)
export class PublishAmendmentHandler implements ICommandHandler<PublishAmendmentCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly amendments: AmendmentStore,
    private readonly timelines: PolicyTimelines,
    private readonly clock: Clock,
  ) {}

  async execute({ amendmentId, actor }: PublishAmendmentCommand): Promise<AmendmentType> {
    const commandId = randomUUID();
    const { state, position } = await this.amendments.run(amendmentId, commandId, async (loaded) => {
      const at = this.clock.now();
      decideAmendment({ type: 'PublishAmendment', data: { amendmentId, actor, at, policyPosition: 0, policyRevision: 0 } }, loaded.state);
      const written = await this.appendChanges(loaded.state, eventMetadata(actor, { commandId }));
      return { type: 'PublishAmendment', data: { amendmentId, actor, at, policyPosition: written.position, policyRevision: written.nextRevision } };
    });
    // Read-your-writes on this node: answer once its timeline holds the published changes.
    await this.timelines.waitFor(state.publication?.policyPosition ?? 0, PUBLISH_VISIBILITY_TIMEOUT_MS);
    return toAmendmentView(state, position);
  }

  private async appendChanges(amendment: AmendmentState, metadata: Record<string, unknown>): Promise<AppendResult> {
    const { policyId, base } = amendment;
    const events = documentToEvents(amendmentDocument(amendment)).map((event, index) => ({
      id: stableId(policyId, amendment.amendmentId, String(index)),
      type: event.type,
      data: event.data,
      metadata,
    }));
    try {
      return await this.store.append(policyStreamName(policyId), events, base.revision < 0 ? 'no_stream' : base.revision);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      throw new DomainError(
        'CONFLICT',
        `Policy '${policyId}' moved since amendment '${amendment.amendmentId}' was based on revision ${base.revision} (now ${String(error.actualRevision)}): rebase it, which re-checks its changes, then publish.`,
        { reason: 'REBASE_REQUIRED', expectedRevision: base.revision, actualRevision: error.actualRevision },
      );
    }
  }
}

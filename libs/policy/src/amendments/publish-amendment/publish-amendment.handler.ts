import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, EVENT_STORE } from '#api-kit';
import type { EventStore } from '#event-store';
import { PolicyTimelines } from '../../policy-timelines.service.js';
import { AmendmentStore } from '../amendment-store.service.js';
import { toAmendmentView } from '../amendment-view.js';
import type { AmendmentType } from '../graphql/amendment.type.js';
import { PublishAmendmentCommand } from './publish-amendment.command.js';
import { publishAmendment } from './publish-amendment.js';

const PUBLISH_VISIBILITY_TIMEOUT_MS = 5_000;

/** Publishes an approved amendment (publishAmendment), then waits until this node's timeline holds it. */
@CommandHandler(PublishAmendmentCommand)
export class PublishAmendmentHandler implements ICommandHandler<PublishAmendmentCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly amendments: AmendmentStore,
    private readonly timelines: PolicyTimelines,
    private readonly clock: Clock,
  ) {}

  async execute({ amendmentId, actor }: PublishAmendmentCommand): Promise<AmendmentType> {
    const { state, position } = await publishAmendment(this.store, this.amendments, amendmentId, actor, () => this.clock.now());
    // Read-your-writes on this node: answer once its timeline holds the published changes.
    await this.timelines.waitFor(state.publication?.policyPosition ?? 0, PUBLISH_VISIBILITY_TIMEOUT_MS);
    return toAmendmentView(state, position);
  }
}

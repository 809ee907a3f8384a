import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock, stableId } from '#api-kit';
import { DEFAULT_POLICY_ID } from '../../policy-streams.js';
import { AmendmentStore } from '../amendment-store.service.js';
import { toAmendmentView } from '../amendment-view.js';
import { draftToDocument } from '../change-input.mapper.js';
import type { AmendmentType } from '../graphql/amendment.type.js';
import { DraftAmendmentCommand } from './draft-amendment.command.js';

/** Checks the changes against the policy as it stands and records the draft; idempotent per commandId. */
@CommandHandler(DraftAmendmentCommand)
export class DraftAmendmentHandler implements ICommandHandler<DraftAmendmentCommand> {
  constructor(
    private readonly amendments: AmendmentStore,
    private readonly clock: Clock,
  ) {}

  async execute({ input, actor, commandId }: DraftAmendmentCommand): Promise<AmendmentType> {
    const amendmentId = commandId ? stableId('amendment', actor.id, commandId) : randomUUID();
    if (commandId) {
      const existing = await this.amendments.load(amendmentId);
      if (existing.state.version > 0) return toAmendmentView(existing.state, existing.position);
    }
    const { policyId, title, rationale, source, changes } = draftToDocument(amendmentId, input, DEFAULT_POLICY_ID);
    const { state, position } = await this.amendments.run(amendmentId, commandId ?? amendmentId, async () => {
      const { known, base } = await this.amendments.policyHead(policyId);
      return { type: 'DraftAmendment', data: { amendmentId, actor, at: this.clock.now(), policyId, title, rationale, source, changes, base, known } };
    });
    return toAmendmentView(state, position);
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock } from '#api-kit';
import { AmendmentStore } from '../amendment-store.service.js';
import { toAmendmentView } from '../amendment-view.js';
import { draftToDocument } from '../change-input.mapper.js';
import type { AmendmentType } from '../graphql/amendment.type.js';
import { ReviseAmendmentCommand } from './revise-amendment.command.js';

@CommandHandler(ReviseAmendmentCommand)
export class ReviseAmendmentHandler implements ICommandHandler<ReviseAmendmentCommand> {
  constructor(
    private readonly amendments: AmendmentStore,
    private readonly clock: Clock,
  ) {}

  async execute({ amendmentId, input, expectedVersion, actor }: ReviseAmendmentCommand): Promise<AmendmentType> {
    const { state, position } = await this.amendments.run(amendmentId, randomUUID(), async (amendment) => {
      const { title, rationale, source, changes } = draftToDocument(amendmentId, input, amendment.policyId);
      const { known } = await this.amendments.policyHead(amendment.policyId || input.policyId || '');
      return { type: 'ReviseAmendment', data: { amendmentId, actor, at: this.clock.now(), title, rationale, source, changes, expectedVersion, known } };
    });
    return toAmendmentView(state, position);
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock } from '#api-kit';
import { AmendmentStore } from '../amendment-store.service.js';
import { toAmendmentView } from '../amendment-view.js';
import type { AmendmentType } from '../graphql/amendment.type.js';
import { RebaseAmendmentCommand } from './rebase-amendment.command.js';

/** Re-checks the amendment's changes against the policy's current head and records that head as its base. */
@CommandHandler(RebaseAmendmentCommand)
export class RebaseAmendmentHandler implements ICommandHandler<RebaseAmendmentCommand> {
  constructor(
    private readonly amendments: AmendmentStore,
    private readonly clock: Clock,
  ) {}

  async execute({ amendmentId, actor }: RebaseAmendmentCommand): Promise<AmendmentType> {
    const { state, position } = await this.amendments.run(amendmentId, randomUUID(), async (amendment) => {
      const { known, base } = await this.amendments.policyHead(amendment.policyId);
      return { type: 'RebaseAmendment', data: { amendmentId, actor, at: this.clock.now(), base, known } };
    });
    return toAmendmentView(state, position);
  }
}

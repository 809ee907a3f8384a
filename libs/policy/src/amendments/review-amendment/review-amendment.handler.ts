import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock } from '#api-kit';
import type { AmendmentCommand } from '#domain';
import { AmendmentStore } from '../amendment-store.service.js';
import { toAmendmentView } from '../amendment-view.js';
import type { AmendmentType } from '../graphql/amendment.type.js';
import { ReviewAmendmentCommand } from './review-amendment.command.js';

@CommandHandler(ReviewAmendmentCommand)
export class ReviewAmendmentHandler implements ICommandHandler<ReviewAmendmentCommand> {
  constructor(
    private readonly amendments: AmendmentStore,
    private readonly clock: Clock,
  ) {}

  async execute({ amendmentId, step, actor }: ReviewAmendmentCommand): Promise<AmendmentType> {
    const { type, ...details } = step;
    const { state, position } = await this.amendments.run(
      amendmentId,
      randomUUID(),
      () => ({ type, data: { amendmentId, actor, at: this.clock.now(), ...details } }) as AmendmentCommand,
    );
    return toAmendmentView(state, position);
  }
}

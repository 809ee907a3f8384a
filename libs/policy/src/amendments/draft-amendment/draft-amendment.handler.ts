import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '#api-kit';
import { DEFAULT_POLICY_ID } from '../../policy-streams.js';
import { AmendmentStore } from '../amendment-store.service.js';
import { toAmendmentView } from '../amendment-view.js';
import { draftToDocument } from '../change-input.mapper.js';
import type { AmendmentType } from '../graphql/amendment.type.js';
import { DraftAmendmentCommand } from './draft-amendment.command.js';
import { draftAmendment } from './draft-amendment.js';

/** Checks the changes against the policy as it stands and records the draft; idempotent per commandId. */
@CommandHandler(DraftAmendmentCommand)
export class DraftAmendmentHandler implements ICommandHandler<DraftAmendmentCommand> {
  constructor(
    private readonly amendments: AmendmentStore,
    private readonly clock: Clock,
  ) {}

  async execute({ input, actor, commandId }: DraftAmendmentCommand): Promise<AmendmentType> {
    const draft = () => draftToDocument('', input, DEFAULT_POLICY_ID);
    const { state, position } = await draftAmendment(this.amendments, draft, actor, { commandId, now: () => this.clock.now() });
    return toAmendmentView(state, position);
  }
}

import { Command } from '@nestjs/cqrs';
import type { Actor } from '#domain';
import type { AmendmentType } from '../graphql/amendment.type.js';
import type { DraftAmendmentInput } from '../graphql/change.input.js';

export class DraftAmendmentCommand extends Command<AmendmentType> {
  constructor(
    readonly input: DraftAmendmentInput,
    readonly actor: Actor,
    readonly commandId: string | undefined,
  ) {
    super();
  }
}

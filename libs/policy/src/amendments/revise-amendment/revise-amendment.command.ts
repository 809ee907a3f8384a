import { Command } from '@nestjs/cqrs';
import type { Actor } from '#domain';
import type { AmendmentType } from '../graphql/amendment.type.js';
import type { DraftAmendmentInput } from '../graphql/change.input.js';

export class ReviseAmendmentCommand extends Command<AmendmentType> {
  constructor(
    readonly amendmentId: string,
    readonly input: DraftAmendmentInput,
    readonly expectedVersion: number,
    readonly actor: Actor,
  ) {
    super();
  }
}

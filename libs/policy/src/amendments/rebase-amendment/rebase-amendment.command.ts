import { Command } from '@nestjs/cqrs';
import type { Actor } from '#domain';
import type { AmendmentType } from '../graphql/amendment.type.js';

export class RebaseAmendmentCommand extends Command<AmendmentType> {
  constructor(
    readonly amendmentId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { Actor, DeterminationInput, Instant } from '#domain';
import type { DeterminationType } from '../graphql/determination.type.js';

export class IssueDetermination extends Command<DeterminationType> {
  constructor(
    readonly input: DeterminationInput,
    readonly actor: Actor,
    readonly options: { validAt?: Instant; policyId?: string; commandId?: string } = {},
  ) {
    super();
  }
}
